import data from '../../data/known-services.json';
import { cookieNameMatcher } from '../core/inventory/compile-cookie-name';
import { cookieDomainMatches, hostMatches } from './hosts';

/** A cookie of a well-known service, as data/known-services.json lists it. */
export interface KnownCookie {
  readonly name: string;
  readonly duration: string;
  readonly description: string;
  readonly domain?: string;
  readonly storage?: 'cookie' | 'localStorage' | 'sessionStorage';
  /** A broad pattern (`_hj*`) for the lint: a draft names the real cookies it covers instead. */
  readonly catchAll?: boolean;
}

/** A well-known service, with a suggested category and the vendor's documentation as source. */
export interface KnownService {
  readonly id: string;
  readonly name: string;
  readonly provider: string;
  readonly category: string;
  readonly description: string;
  readonly justification?: string;
  readonly policyUrl: string;
  readonly hosts: readonly string[];
  readonly cookies: readonly KnownCookie[];
  readonly source: string;
}

/** Every well-known service (data/known-services.json). */
export const KNOWN_SERVICES = data.services as readonly KnownService[];

const MATCHERS = KNOWN_SERVICES.flatMap((service) =>
  service.cookies.map((cookie) => ({ service, cookie, matcher: cookieNameMatcher(cookie.name) })),
);

/**
 * The well-known service and cookie entry a cookie (or storage key) belongs to. A name matches only
 * where the entry's `domain` allows it, so the generic `player` is Vimeo's on `.vimeo.com` only.
 * @param name - cookie name or storage key
 * @param domain - the cookie's domain (undefined for storage keys, which match first-party entries)
 */
export function knownCookie(name: string, domain?: string): { service: KnownService; cookie: KnownCookie } | undefined {
  for (const entry of MATCHERS) {
    if (!entry.matcher.test(name)) continue;
    if (entry.cookie.domain && !(domain && cookieDomainMatches(entry.cookie.domain, domain))) continue;
    return entry;
  }
  return undefined;
}

/** The well-known service a host belongs to (the first listed, when several share one). */
export function knownServiceOfHost(host: string): KnownService | undefined {
  return KNOWN_SERVICES.find((s) => s.hosts.some((pattern) => hostMatches(pattern, host)));
}
