import type { Category, Inventory, Service } from '../../types';
import type { Decision } from './decision';

const categoryOf = (inventory: Inventory, service: Service) =>
  inventory.categories.find((c) => c.id == service.category);

/**
 * Whether a stored decision still holds for this inventory: same revision, not older than the
 * configured lifetime, not from the future. Anything else means "no decision".
 */
export function isDecisionCurrent(
  decision: Decision,
  inventory: { readonly revision: unknown; readonly consent: { readonly maxAgeDays: number } },
  nowSeconds: number,
): boolean {
  const age = nowSeconds - decision.decidedAt;
  return decision.inventoryRevision == inventory.revision && age > -300 && age < inventory.consent.maxAgeDays * 86400;
}

/** Services of optional categories the visitor was not shown when deciding: the banner must ask again. */
export function unseenServices(decision: Decision | null, inventory: Inventory): string[] {
  return inventory.services.filter((s) => !decision?.shownServices.includes(s.id) && !categoryOf(inventory, s)?.required).map((s) => s.id);
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
  const grant = (id: string, category: Category, chosen: boolean | undefined) => {
    if (category.required || (chosen && !(category.saleOrSharing && gpc && !decision?.gpcPresent))) granted.add(id);
  };
  for (const category of inventory.categories) grant(category.id, category, decision?.grantedCategories.includes(category.id));
  for (const service of inventory.services) {
    const category = categoryOf(inventory, service)!;
    // An exception (own keys only: a service called `constructor` must not find Object's) wins over the category.
    const chosen =
      decision && Object.hasOwn(decision.serviceExceptions, service.id) ? decision.serviceExceptions[service.id] == 1 : granted.has(category.id);
    grant(service.id, category, chosen && decision?.shownServices.includes(service.id));
  }
  return granted;
}
