/*
 * The defaults that `crumbs.js` reads before the inventory is normalised, as constants of their own
 * (`inventory-defaults.ts` builds its objects from them): the bundler inlines a constant where it
 * is used, so `crumbs.js`, paid before every first paint, and the Consent Mode pusher carry neither
 * the objects of defaults nor a chunk that holds them.
 */

/** `consent.maxAgeDays`: about six months. */
export const MAX_AGE_DAYS = 182;
/** `revision`. */
export const REVISION = 0;
/** `googleConsentMode.waitForUpdate`, in ms. */
export const WAIT_FOR_UPDATE = 500;
/** `googleConsentMode.adsDataRedaction`. */
export const ADS_DATA_REDACTION = true;
