import { consentCookieName } from '../consent/consent-cookie-name';
import type { Inventory, InventoryCategory, InventoryCookie, InventoryInput, InventoryService } from '../../types';
import { cookieNameMatcher } from './compile-cookie-name';
import { deepFreeze } from './deep-freeze';
import {
  CONSENT_DEFAULTS,
  CONSENT_MODE_DEFAULTS,
  ROOT_DEFAULTS,
  saleOrSharingDefault,
  UI_DEFAULTS,
} from './inventory-defaults';

/**
 * The one normaliser of the inventory (SPEC section 3): applies its defaults, compiles cookie names,
 * freezes it. It checks nothing. Two callers: the validator, once its checks found no error (check,
 * then normalise), and `crumbs.js` for JSON this browser has already validated (the stored
 * decision carries the fingerprint of the inventory it was made with) or that carries a current
 * stamp, so that `crumbs.js` leaves the validator to a file fetched only when the inventory is new
 * to the visitor. Keys the validator warned about as unknown are carried along untouched; nothing
 * reads them. Anything unexpected throws, and a trusting caller validates in full.
 *
 * @param json - the inventory as parsed: the shape the validator checked, or that the stamp or the
 *   stored fingerprint vouches for (the caller says which by what it passes)
 * @param hash - its fingerprint (`inventoryHash`), already computed by the caller
 */
export function normalizeInventory(json: InventoryInput, hash: string): Inventory {
  // Without a prototype: a field the inventory leaves out (`consent`) must not come from a script
  // that added it to Object.prototype.
  // Copies of the defaults: freezing this inventory must not freeze the objects every other shares.
  const root: { -readonly [K in keyof InventoryInput]: InventoryInput[K] } & { services: readonly InventoryService[]; stamp?: unknown } =
    Object.assign(Object.create(null), structuredClone(ROOT_DEFAULTS), json);
  delete root.$schema;
  delete root.stamp;
  const consent: { -readonly [K in keyof Inventory['consent']]: Inventory['consent'][K] } = Object.assign(Object.create(null), CONSENT_DEFAULTS, root.consent);
  if (consent.domain) consent.domain = consent.domain.replace(/^\./, '');
  consent.cookieName = consentCookieName(consent);
  return deepFreeze({
    ...root,
    categories: root.categories.map((c: InventoryCategory) => ({
      ...c,
      required: c.required === true,
      saleOrSharing: c.saleOrSharing ?? saleOrSharingDefault(c.id),
    })),
    services: root.services.map((s: InventoryService) => ({
      hosts: [],
      ...s,
      cookies: (s.cookies ?? []).map((c: InventoryCookie) => ({ storage: 'cookie', ...c, matcher: cookieNameMatcher(c.name) })),
      // A copy, so that freezing the inventory leaves the caller's objects alone.
      ...(s.vendorConsent && { vendorConsent: structuredClone(s.vendorConsent) }),
    })),
    consent,
    ui: { ...UI_DEFAULTS, ...root.ui },
    ...(root.googleConsentMode && { googleConsentMode: { ...structuredClone(CONSENT_MODE_DEFAULTS), ...root.googleConsentMode } }),
    hash,
  }) as Inventory;
}
