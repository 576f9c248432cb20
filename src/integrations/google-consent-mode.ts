import type { Decision } from '../core/consent/decision';
import type { GoogleConsentType, Inventory, InventoryGoogleConsentMode } from '../types';
import { CONSENT_TYPES } from './consent-mode-types';
import { ADS_DATA_REDACTION, WAIT_FOR_UPDATE } from '../core/inventory/early-defaults';

export { CONSENT_TYPES };
const SECURITY = 'security_storage';

/**
 * SPEC section 6 default mapping from standard categories to Consent Mode types (security_storage
 * is always granted). No prototype, so that a category id such as `constructor` maps to nothing.
 */
const DEFAULT_MAPPING: { readonly [category: string]: readonly GoogleConsentType[] | undefined } = {
  __proto__: null as never,
  analytics: ['analytics_storage'],
  functionality: ['functionality_storage', 'personalization_storage'],
  targeting: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

/** Pushes to `dataLayer`, creating it when the page has none yet. */
export const pushDataLayer = (entry: unknown) => ((window as Window & { dataLayer?: unknown[] }).dataLayer ??= []).push(entry);

/**
 * Exactly what Google's `function gtag(){dataLayer.push(arguments);}` does: gtag.js reads
 * `arguments` objects and ignores plain arrays.
 */
function gtag(..._args: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  pushDataLayer(arguments);
}

/** `{ ad_storage: 'denied', ... }` with the given types granted; `security_storage` always granted. */
const consentState = (granted: readonly GoogleConsentType[]) =>
  Object.fromEntries(CONSENT_TYPES.map((type) => [type, type == SECURITY || granted.includes(type) ? 'granted' : 'denied']));

/** The Consent Mode types granted by a set of granted category ids, using each category's mapping. */
export function grantedConsentTypes(inventory: Inventory, granted: ReadonlySet<string>): GoogleConsentType[] {
  // Collected in the cookie's encoding (the inventory's types are validated ones), which decoding
  // puts in order without duplicates.
  let codes = '';
  for (const { id, googleConsent } of inventory.categories) {
    if (granted.has(id)) codes += encodeConsentTypes(googleConsent ?? DEFAULT_MAPPING[id] ?? []);
  }
  return decodeConsentTypes(codes);
}

/** Consent types as the compact string stored in the consent cookie: their indexes (`"3"` = analytics_storage). */
export const encodeConsentTypes = (types: readonly GoogleConsentType[]) =>
  types.map((type) => CONSENT_TYPES.indexOf(type)).join('');

/** Reverse of `encodeConsentTypes`; unknown characters are dropped. */
export const decodeConsentTypes = (text: string): GoogleConsentType[] =>
  CONSENT_TYPES.filter((_type, index) => text.includes('' + index));

/** Pushes Consent Mode commands to `dataLayer`, each kind at most when it should be. */
export interface ConsentMode {
  /**
   * Pushes `consent default` (all denied but security_storage, with `wait_for_update`) and the `set`
   * commands the first time. Called again with the validated inventory's settings after an early
   * start, it adds what was still missing: region defaults and changed `set` values.
   *
   * @param early - the settings come from a not yet validated inventory: no region defaults yet
   */
  defaults(settings?: InventoryGoogleConsentMode, early?: boolean): void;
  /** Pushes one `consent update` with all seven types; unless `always`, only when it differs from the last one. */
  update(types: readonly GoogleConsentType[], always: boolean): void;
  /** Whether any `consent update` was pushed by this instance. */
  replayed(): boolean;
}

/**
 * Pushes the `crumbs_consent` event with the granted categories and services (for Tag Manager
 * triggers). The engine's alone: `crumbs.js`, which makes the pusher above, never sends it.
 */
export const pushConsentEvent = (categories: readonly string[], services: readonly string[]) =>
  pushDataLayer({ event: 'crumbs_consent', crumbs_categories: categories, crumbs_services: services });

/**
 * Before a validated inventory is at hand (a remote one in flight, or a new one whose validator is
 * still loading), Google tags after `crumbs.js` may already run: push the defaults when the site
 * asked for Consent Mode or the stored decision recorded a Consent Mode state, and replay that state.
 * The instance corrects the update once the inventory is validated, and withdraws it on failure.
 *
 * @param stored - the decoded consent cookie
 * @param wanted - whether the page asked for Consent Mode (script attribute, or the raw inventory)
 * @param settings - the `set` values already known (type-checked), pushed now rather than later
 */
export function replayStoredConsent(
  consentMode: ConsentMode,
  stored: Decision | null,
  wanted: boolean,
  gpc: boolean,
  settings?: InventoryGoogleConsentMode,
): void {
  const types = stored?.consentModeTypes;
  if (types != null || wanted) consentMode.defaults(settings, true);
  if (types != null) consentMode.update(storedConsentTypes(types, stored!.gpcPresent == 1, gpc), false);
}

/**
 * The Consent Mode types of a stored decision, for replay before the inventory is known. A GPC
 * signal outranks an older grant of advertising, so the ad types (`ad_*`) are left out then; the
 * instance corrects this once the inventory (and its `gpc` setting) has arrived.
 */
export const storedConsentTypes = (stored: string, decidedWithGpc: boolean, gpc: boolean): GoogleConsentType[] =>
  decodeConsentTypes(stored).filter((type) => decidedWithGpc || !gpc || !type.startsWith('ad_'));

/**
 * Creates the Consent Mode pusher of one instance. The script-tag entry may call `defaults` and
 * `update` synchronously while `crumbs.js` executes, before any Google tag; the instance then only
 * pushes an update when the validated inventory disagrees with that first replay.
 */
export function createConsentMode(): ConsentMode {
  let defaulted: boolean | undefined;
  let regionsDone: boolean | undefined;
  let redaction: boolean | undefined;
  let passthrough: boolean | undefined;
  let last: string | undefined;
  const consent = (command: string, granted: readonly GoogleConsentType[], extra?: object) =>
    gtag('consent', command, { ...consentState(granted), ...extra });
  return {
    defaults(settings, early) {
      if (!defaulted) consent('default', [], { wait_for_update: settings?.waitForUpdate ?? WAIT_FOR_UPDATE });
      if (settings && !early && !regionsDone) {
        regionsDone = true;
        for (const { region, granted } of settings.regions ?? []) consent('default', granted, { region });
      }
      // Without settings, only the first call pushes (the default, true); later ones push changes.
      const redact = settings?.adsDataRedaction ?? ADS_DATA_REDACTION;
      if ((settings || !defaulted) && redact !== redaction) gtag('set', 'ads_data_redaction', (redaction = redact));
      if (settings?.urlPassthrough && !passthrough) gtag('set', 'url_passthrough', (passthrough = true));
      defaulted = true;
    },
    update(types, always) {
      // The pushed state, so that types that make no difference (security_storage) do not count.
      const key = JSON.stringify(consentState(types));
      if (always || key != last) consent('update', types);
      last = key;
    },
    replayed: () => last != null,
  };
}
