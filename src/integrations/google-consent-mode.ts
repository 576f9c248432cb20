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
      for (const type of category.googleConsent ?? DEFAULT_MAPPING[category.id] ?? []) types.add(type);
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
  /** Pushes `consent default` (global, then per region) and the `set` commands; only the first call does anything. */
  defaults(settings?: InventoryGoogleConsentMode): void;
  /**
   * Pushes one `consent update` with all seven types. Without `force` it pushes only when the state
   * differs from the last one pushed (nothing pushed yet counts as all denied, the default).
   */
  update(types: readonly GoogleConsentType[], force: boolean): void;
  /** Pushes the `crumbs_consent` event with the granted categories and services. */
  event(categories: readonly string[], services: readonly string[]): void;
}

/**
 * Creates the Consent Mode pusher of one instance. The script-tag entry calls `defaults` and
 * `update` synchronously while `crumbs.js` executes, before any Google tag; the instance then only
 * pushes an update when the validated inventory disagrees with that first replay.
 */
export function createConsentMode(): ConsentMode {
  let defaulted = false;
  let last: string | undefined;
  return {
    defaults(settings = {}) {
      if (defaulted) return;
      defaulted = true;
      gtag('consent', 'default', { ...consentState([]), wait_for_update: settings.waitForUpdate ?? 500 });
      for (const { region, granted } of settings.regions ?? []) {
        gtag('consent', 'default', { ...consentState(granted), region });
      }
      gtag('set', 'ads_data_redaction', settings.adsDataRedaction ?? true);
      if (settings.urlPassthrough) gtag('set', 'url_passthrough', true);
    },
    update(types, force) {
      // security_storage is granted in every state, so it never makes a difference.
      const key = types.filter((type) => type != 'security_storage').join();
      if (!force && key == (last ?? '')) return;
      last = key;
      gtag('consent', 'update', consentState(types));
    },
    event(categories, services) {
      ((window as DataLayerWindow).dataLayer ??= []).push({
        event: 'crumbs_consent',
        crumbs_categories: categories,
        crumbs_services: services,
      });
    },
  };
}
