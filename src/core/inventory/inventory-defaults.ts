/*
 * The defaults of the inventory (SPEC section 3), in one place: `normalizeInventory` applies them,
 * the JSON Schema and the README quote them.
 */

// The defaults `crumbs.js` needs before the inventory is normalised are constants of their own, from
// which the objects below are built: the bundler inlines a constant where it is used, and
// `crumbs.js`, paid before every first paint, carries no object of defaults it mostly does not read.

/** `consent.maxAgeDays`: about six months. */
export const MAX_AGE_DAYS = 182;
/** `revision`. */
export const REVISION = 0;
/** `googleConsentMode.waitForUpdate`, in ms. */
export const WAIT_FOR_UPDATE = 500;
/** `googleConsentMode.adsDataRedaction`. */
export const ADS_DATA_REDACTION = true;

/** `consent` defaults; the cookie name's depends on the page and the domain (`consentCookieName`). */
export const CONSENT_DEFAULTS = { maxAgeDays: MAX_AGE_DAYS, reloadOnRevoke: true };

/** `googleConsentMode` defaults, when the object is present. */
export const CONSENT_MODE_DEFAULTS = {
  enabled: true,
  waitForUpdate: WAIT_FOR_UPDATE,
  adsDataRedaction: ADS_DATA_REDACTION,
  urlPassthrough: false,
  mode: 'basic',
  regions: [],
};

/** `ui` defaults. */
export const UI_DEFAULTS = { layout: 'bar', theme: 'auto', settingsButton: 'bottom-left' };

/** Top-level defaults (`consent` and `ui` come from their own defaults). */
export const ROOT_DEFAULTS = { revision: REVISION, services: [], gpc: 'honor', texts: {} };

/** A category is sale/sharing (opted out of by GPC) when it says so; `targeting` is by default. */
export const saleOrSharingDefault = (id: string) => id == 'targeting';
