import type { Inventory } from '../../types';
import type { Decision } from './decision';

/**
 * Whether a stored decision still holds for this inventory: same revision, not older than the
 * configured lifetime, not from the future. Anything else means "no decision".
 */
export function isDecisionCurrent(decision: Decision, inventory: Inventory, nowSeconds: number): boolean {
  const age = nowSeconds - decision.t;
  return decision.r == inventory.revision && age > -300 && age < inventory.consent.maxAgeDays * 86400;
}

/** Services of optional categories the visitor was not shown when deciding: the banner must ask again. */
export function unseenServices(decision: Decision | null, inventory: Inventory): string[] {
  const required = new Set(inventory.categories.filter((c) => c.required).map((c) => c.id));
  return inventory.services
    .filter((s) => !required.has(s.category) && !decision?.s.includes(s.id))
    .map((s) => s.id);
}

/**
 * The set of granted category and service ids.
 *
 * - Required categories and their services are always granted.
 * - A service follows its category unless the visitor set an exception for it.
 * - A service the visitor was never shown is not granted by an old decision.
 * - While a GPC signal is honoured, sale/sharing categories and their services are granted only by a
 *   decision made while the signal was present (an explicit switch in the dialog): the signal wins
 *   over older grants.
 */
export function resolveGrants(decision: Decision | null, inventory: Inventory, gpc: boolean): Set<string> {
  const granted = new Set<string>();
  const blockedBySignal = (saleOrSharing: boolean) => saleOrSharing && gpc && !decision?.g;
  for (const category of inventory.categories) {
    if (category.required || (decision?.c.includes(category.id) && !blockedBySignal(category.saleOrSharing))) {
      granted.add(category.id);
    }
  }
  for (const service of inventory.services) {
    const category = inventory.categories.find((c) => c.id == service.category)!;
    // Own keys only: a service called `constructor` must not find Object's.
    const exception = decision && Object.hasOwn(decision.x, service.id) ? decision.x[service.id] : undefined;
    const grantedByChoice = exception == null ? granted.has(category.id) : exception == 1;
    if (
      category.required ||
      (grantedByChoice && decision!.s.includes(service.id) && !blockedBySignal(category.saleOrSharing))
    ) {
      granted.add(service.id);
    }
  }
  return granted;
}
