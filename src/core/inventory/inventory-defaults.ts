import { ADS_DATA_REDACTION, MAX_AGE_DAYS, REVISION, WAIT_FOR_UPDATE } from './early-defaults';

/*
 * The defaults of the inventory (SPEC section 3), in one place with `early-defaults.ts`:
 * `normalizeInventory` applies them, the JSON Schema and the README quote them.
 */

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
