/*
 * The defaults of the inventory (SPEC section 3), in one place: `normalizeInventory` applies them,
 * the JSON Schema and the README quote them.
 */

/** `consent` defaults; the cookie name's depends on the page and the domain (`consentCookieName`). */
export const CONSENT_DEFAULTS = { maxAgeDays: 182, reloadOnRevoke: true };

/** `googleConsentMode` defaults, when the object is present. */
export const CONSENT_MODE_DEFAULTS = {
  enabled: true,
  waitForUpdate: 500,
  adsDataRedaction: true,
  urlPassthrough: false,
  mode: 'basic',
  regions: [],
};

/** `ui` defaults. */
export const UI_DEFAULTS = { layout: 'bar', theme: 'auto', settingsButton: 'bottom-left' };

/** Top-level defaults (`consent` and `ui` come from their own defaults). */
export const ROOT_DEFAULTS = { revision: 0, services: [], gpc: 'honor', texts: {} };

/** A category is sale/sharing (opted out of by GPC) when it says so; `targeting` is by default. */
export const saleOrSharingDefault = (id: string) => id == 'targeting';
