import { DEFAULT_COOKIE_NAMES } from '../core/consent/consent-cookie-name';
import type { Cookie, Inventory, Service } from '../types';
import { cookieDomainMatches, hostMatches } from './hosts';

/** What an observed item is, as far as the inventory says. */
export interface Declared {
  readonly service: Service;
  readonly cookie: Cookie;
}

/** Looks observed hosts, cookies and storage keys up in a validated inventory. */
export interface InventoryLookup {
  readonly inventory: Inventory;
  /** Whether a cookie name is Crumbs' own consent cookie (always necessary). */
  isConsentCookie(name: string): boolean;
  /** The declaration covering a cookie or storage key (the one naming its domain, when several do). */
  declared(name: string, kind: 'cookie' | 'localStorage' | 'sessionStorage' | 'indexedDB', domain?: string): Declared | undefined;
  /** The first service whose `hosts` cover `host`. */
  serviceOfHost(host: string): Service | undefined;
  /** Whether a service's category is granted when `granted` categories are (required ones always are). */
  isGranted(service: Service, granted: readonly string[]): boolean;
  /** Whether a service is in a required category. */
  isNecessary(service: Service): boolean;
}

/**
 * Builds the look-ups over the cookie matchers the validator compiled (the same rules Crumbs applies
 * in the browser, `compileCookieName`), so that the audit and the widget agree on what a name means.
 */
export function inventoryLookup(inventory: Inventory): InventoryLookup {
  const required = new Set(inventory.categories.filter((c) => c.required).map((c) => c.id));
  // Without a cookieName in the inventory the name depends on the scheme (`__Host-` on https).
  const consentNames = new Set<string>([inventory.consent.cookieName, ...DEFAULT_COOKIE_NAMES]);
  const entries = inventory.services.flatMap((service) => service.cookies.map((cookie) => ({ service, cookie })));
  return {
    inventory,
    isConsentCookie: (name) => consentNames.has(name),
    declared(name, kind, domain) {
      const storage = kind == 'indexedDB' ? undefined : kind;
      const matching = entries.filter(({ cookie }) => (!storage || cookie.storage == storage) && cookie.matcher.test(name));
      if (!domain) return matching[0];
      return (
        matching.find(({ cookie }) => cookie.domain && cookieDomainMatches(cookie.domain, domain)) ??
        matching.find(({ cookie }) => !cookie.domain) ??
        matching[0]
      );
    },
    serviceOfHost: (host) => inventory.services.find((s) => s.hosts.some((pattern) => hostMatches(pattern, host))),
    isGranted: (service, granted) => required.has(service.category) || granted.includes(service.category),
    isNecessary: (service) => required.has(service.category),
  };
}
