/**
 * `crumbs-consent`: the engine and the UI for npm users.
 *
 * @example
 * ```ts
 * import { createCrumbs, mountUi } from 'crumbs-consent';
 * const crumbs = createCrumbs({ inventory, ui: mountUi });
 * ```
 *
 * @packageDocumentation
 */
export {
  createCrumbs,
  formatProblem,
  InventoryError,
  stampInventory,
  lintInventory,
  parseInventory,
  validateAndLint,
  validateInventory,
  snapshotNotice,
  BUNDLED_LANGUAGES,
} from './core/index';
export { mountUi } from './ui/index';
export type * from './types';
