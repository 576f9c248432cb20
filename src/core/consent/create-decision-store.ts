import Cookies from 'js-cookie';
import type { Inventory } from '../../types';
import type { Decision } from './decision';
import { encodeDecision } from './decision-codec';
import { readCookies } from './read-cookie';

/**
 * Writes and forgets the consent cookie. Reading it is `readCookie` + `decodeDecision`, in the part
 * of the engine every page view runs, which does without js-cookie.
 */
export interface DecisionStore {
  /**
   * Writes the decision with the configured lifetime, or until `expiresAt` (seconds since the
   * epoch), and returns the check that the browser kept it. The check reads the cookie back, a
   * synchronous round trip to the browser (5-10 ms at 4x CPU, measured), so a decision runs it after
   * its effects. It falls back to this host when `domain` does not match it, and throws when the
   * browser refused the cookie (too large, or cookies blocked).
   */
  write(decision: Decision, expiresAt?: number): () => void;
  /** Deletes the consent cookie. */
  clear(): void;
}

/**
 * Creates the consent cookie store for one inventory's settings. Attributes follow SPEC section 5:
 * `path=/`, `SameSite=Lax`, `Secure` on https, the optional shared `domain`.
 */
export function createDecisionStore({ consent: settings, services }: Inventory): DecisionStore {
  const cookies = Cookies.withAttributes({
    path: '/',
    sameSite: 'Lax',
    secure: location.protocol == 'https:',
    domain: settings.domain,
  });
  const name = settings.cookieName;
  return {
    write(decision, expiresAt) {
      const value = encodeDecision(
        decision,
        services.map((s) => s.id),
      );
      const expires = expiresAt ? new Date(expiresAt * 1000) : settings.maxAgeDays;
      cookies.set(name, value, { expires });
      return () => {
        // A `domain` this host does not belong to makes the browser drop the cookie, and the banner
        // would come back on every page: say so, and keep the decision on this host at least.
        // Read back the way crumbs.js reads, never through js-cookie's `get`, which decodes names and
        // takes the first match: a sibling's `%5F_Host-...` cookie must not pass for ours, nor hide it.
        const stored = () => readCookies(name).includes(value);
        if (settings.domain && !stored()) {
          console.warn('[crumbs] consent.domain "' + settings.domain + '" does not match ' + location.hostname + '; the decision is kept on this host only.');
          cookies.set(name, value, { expires, domain: undefined });
        }
        if (!stored()) throw new Error('the browser refused the consent cookie ' + name + ' (' + value.length + ' characters); the decision was not stored');
      };
    },
    clear() {
      cookies.remove(name);
      // And the host's own, where `domain` did not match and `write` kept the decision there.
      if (settings.domain) cookies.remove(name, { domain: undefined });
    },
  };
}
