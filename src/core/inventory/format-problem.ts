import type { InventoryProblem } from '../../types';

/**
 * Formats a problem as `path: message`, or just the message for the root.
 *
 * @param problem - A problem from `validateInventory`.
 */
export function formatProblem(problem: InventoryProblem): string {
  return (problem.path ? problem.path + ': ' : '') + problem.message;
}
