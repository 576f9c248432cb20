import { DECISION_VERSION, type Decision } from '../../src/core/consent/decision';
import { decodeDecision, encodeDecision } from '../../src/core/consent/decision-codec';

/** The service ids of `makeInventoryJson()`, in its order: a stored decision refers to them. */
export const SERVICE_IDS = ['session', 'google-analytics', 'hotjar', 'vimeo', 'meta-pixel'];

/**
 * Writes a consent cookie as Crumbs would have written it a minute ago for the inventory of
 * `makeInventoryJson()` (revision 1, every service shown), with `change` applied.
 */
export function storeDecision(change: Partial<Decision> = {}, name = 'crumbs_consent', serviceIds = SERVICE_IDS): void {
  const decision: Decision = {
    formatVersion: DECISION_VERSION,
    id: '6c1f7d7e-3b8a-4a8e-9f65-1d1e6d3c2b10',
    decidedAt: Math.floor(Date.now() / 1000) - 60,
    inventoryRevision: 1,
    actionTaken: 'save',
    grantedCategories: ['analytics'],
    serviceExceptions: {},
    shownServices: SERVICE_IDS,
    noticeLang: 'en',
    gpcPresent: 0,
    answered: 1,
    ...change,
  };
  document.cookie = `${name}=${encodeURIComponent(encodeDecision(decision, serviceIds))}; path=/`;
}

/** The decision in the consent cookie as the codec reads it (null when there is none or it does not decode). */
export function readStoredDecision(name = 'crumbs_consent', serviceIds = SERVICE_IDS): Decision | null {
  const raw = document.cookie
    .split('; ')
    .find((c) => c.startsWith(name + '='))
    ?.slice(name.length + 1);
  return raw ? decodeDecision(decodeURIComponent(raw), serviceIds) : null;
}
