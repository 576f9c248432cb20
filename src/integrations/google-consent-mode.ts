import type { Decision } from '../core/consent/decision';
import type { GoogleConsentType, Inventory, InventoryGoogleConsentMode } from '../types';

/** The seven Consent Mode v2 types, in a fixed order (the consent cookie stores indexes into it). */
export const CONSENT_TYPES: readonly GoogleConsentType[] = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];

/** SPEC section 6 default mapping from standard categories to Consent Mode types (security_storage is always granted). */
const DEFAULT_MAPPING: { readonly [category: string]: readonly GoogleConsentType[] } = {
  analytics: ['analytics_storage'],
  functionality: ['functionality_storage', 'personalization_storage'],
  targeting: ['ad_storage', 'ad_user_data', 'ad_personalization'],
};

type DataLayerWindow = Window & { dataLayer?: unknown[] };

/**
 * Exactly what Google's `function gtag(){dataLayer.push(arguments);}` does: gtag.js reads
 * `arguments` objects and ignores plain arrays.
 */
function gtag(..._args: unknown[]): void {
  // eslint-disable-next-line prefer-rest-params
  ((window as DataLayerWindow).dataLayer ??= []).push(arguments);
}

/** `{ ad_storage: 'denied', ... }` with the given types granted; `security_storage` always granted. */
function consentState(granted: readonly GoogleConsentType[]): Record<GoogleConsentType, 'granted' | 'denied'> {
  const state = {} as Record<GoogleConsentType, 'granted' | 'denied'>;
  for (const type of CONSENT_TYPES) {
    state[type] = type == 'security_storage' || granted.includes(type) ? 'granted' : 'denied';
  }
  return state;
}

/** The Consent Mode types granted by a set of granted category ids, using each category's mapping. */
export function grantedConsentTypes(inventory: Inventory, granted: ReadonlySet<string>): GoogleConsentType[] {
  const types = new Set<GoogleConsentType>();
  for (const category of inventory.categories) {
    if (granted.has(category.id)) {
      const mapped = Object.hasOwn(DEFAULT_MAPPING, category.id) ? DEFAULT_MAPPING[category.id] : [];
      for (const type of category.googleConsent ?? mapped!) types.add(type);
    }
  }
  return CONSENT_TYPES.filter((type) => types.has(type));
}

/** Consent types as the compact string stored in the consent cookie: their indexes (`"3"` = analytics_storage). */
export const encodeConsentTypes = (types: readonly GoogleConsentType[]) =>
  types.map((type) => CONSENT_TYPES.indexOf(type)).join('');

/** Reverse of `encodeConsentTypes`; unknown characters are dropped. */
export const decodeConsentTypes = (text: string): GoogleConsentType[] =>
  CONSENT_TYPES.filter((_type, index) => text.includes(String(index)));

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
  /** Pushes the `crumbs_consent` event with the granted categories and services. */
  event(categories: readonly string[], services: readonly string[]): void;
}

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
  if (stored?.m == null && !wanted) return;
  consentMode.defaults(settings, true);
  if (stored?.m != null) consentMode.update(storedConsentTypes(stored.m, stored.g == 1, gpc), false);
}

/**
 * The Consent Mode types of a stored decision, for replay before the inventory is known. A GPC
 * signal outranks an older grant of advertising, so the ad types are left out then; the instance
 * corrects this once the inventory (and its `gpc` setting) has arrived.
 */
export function storedConsentTypes(stored: string, decidedWithGpc: boolean, gpc: boolean): GoogleConsentType[] {
  return decodeConsentTypes(stored).filter((type) => decidedWithGpc || !gpc || !type.startsWith('ad_'));
}

/**
 * Creates the Consent Mode pusher of one instance. The script-tag entry may call `defaults` and
 * `update` synchronously while `crumbs.js` executes, before any Google tag; the instance then only
 * pushes an update when the validated inventory disagrees with that first replay.
 */
export function createConsentMode(): ConsentMode {
  let defaulted = false;
  let regionsDone = false;
  let redaction: boolean | undefined;
  let passthrough = false;
  let last: string | undefined;
  return {
    defaults(settings, early) {
      if (!defaulted) {
        defaulted = true;
        gtag('consent', 'default', { ...consentState([]), wait_for_update: settings?.waitForUpdate ?? 500 });
      }
      if (settings && !early && !regionsDone) {
        regionsDone = true;
        for (const { region, granted } of settings.regions ?? []) {
          gtag('consent', 'default', { ...consentState(granted), region });
        }
      }
      const redact = settings?.adsDataRedaction ?? true;
      if (redact !== redaction && (settings || redaction == null)) {
        redaction = redact;
        gtag('set', 'ads_data_redaction', redact);
      }
      if (settings?.urlPassthrough && !passthrough) {
        passthrough = true;
        gtag('set', 'url_passthrough', true);
      }
    },
    update(types, always) {
      // security_storage is granted in every state, so it never makes a difference.
      const key = types.filter((type) => type != 'security_storage').join();
      if (!always && key === last) return;
      last = key;
      gtag('consent', 'update', consentState(types));
    },
    replayed: () => last !== undefined,
    event(categories, services) {
      ((window as DataLayerWindow).dataLayer ??= []).push({
        event: 'crumbs_consent',
        crumbs_categories: categories,
        crumbs_services: services,
      });
    },
  };
}
