import { consentCookieName } from '../consent/consent-cookie-name';
import type { Inventory } from '../../types';
import { cookieNameMatcher } from './compile-cookie-name';
import { deepFreeze } from './deep-freeze';
import {
  CONSENT_DEFAULTS,
  CONSENT_MODE_DEFAULTS,
  ROOT_DEFAULTS,
  saleOrSharingDefault,
  UI_DEFAULTS,
} from './inventory-defaults';

/* eslint-disable @typescript-eslint/no-explicit-any -- the input is JSON already validated in this browser. */

/**
 * Applies the inventory's defaults to JSON that this browser has already validated: the stored
 * decision carries the fingerprint (`hashJson`) of the inventory it was made with, and only an
 * inventory with exactly that fingerprint comes here. It checks nothing, which is what lets
 * `crumbs.js` leave the validator to a file fetched only when the inventory is new to the visitor
 * (cookie names are compiled without the validator's checks, see `cookieNameMatcher`).
 * The result equals `validateInventory(json).inventory` (a test holds them together); anything
 * unexpected throws, and the caller validates in full.
 *
 * @param json - the inventory as parsed, byte for byte the one validated before
 * @param hash - its fingerprint, already computed by the caller
 */
export function normalizeTrusted(json: any, hash: string): Inventory {
  // Without a prototype: a field the inventory leaves out (`consent`) must not come from a script
  // that added it to Object.prototype.
  const root = Object.assign(Object.create(null), ROOT_DEFAULTS, json);
  delete root.$schema;
  delete root.stamp;
  const consent = Object.assign(Object.create(null), CONSENT_DEFAULTS, root.consent);
  if (consent.domain) consent.domain = consent.domain.replace(/^\./, '');
  consent.cookieName = consentCookieName(consent);
  return deepFreeze({
    ...root,
    categories: root.categories.map((c: any) => ({
      ...c,
      required: c.required === true,
      saleOrSharing: c.saleOrSharing ?? saleOrSharingDefault(c.id),
    })),
    services: root.services.map((s: any) => ({
      hosts: [],
      ...s,
      cookies: (s.cookies ?? []).map((c: any) => ({ storage: 'cookie', ...c, matcher: cookieNameMatcher(c.name) })),
      // A copy: the validator builds its own objects here too.
      ...(s.vendorConsent && { vendorConsent: structuredClone(s.vendorConsent) }),
    })),
    consent,
    ui: { ...UI_DEFAULTS, ...root.ui },
    ...(root.googleConsentMode && { googleConsentMode: { ...CONSENT_MODE_DEFAULTS, ...root.googleConsentMode } }),
    hash,
  }) as Inventory;
}
