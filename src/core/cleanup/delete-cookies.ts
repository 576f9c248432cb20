import type { Inventory } from '../../types';
import { expireCookie } from './expire-cookie';
import { listCookies } from '../cookie-store';

/**
 * Deletes the declared cookies and storage keys of every service that is not granted.
 *
 * A name is deleted only when no granted service declares it too (two services may share a pattern
 * such as `_ga*`), and never when it is the consent cookie. Cookies are expired with `path=/` and the
 * current path, on the current host and each parent domain, with and without a leading dot, because
 * JavaScript cannot read which of these a vendor used. Cookies set as HttpOnly or by another host
 * cannot be deleted from here; the README says so.
 *
 * @param cookieNames - the names of the page's cookies, when already read (see `readCookieNames`);
 *   else `document.cookie` is read
 * @returns the names deleted (or attempted: document.cookie does not report success)
 */
export function deleteCookies(inventory: Inventory, isGranted: (id: string) => boolean, cookieNames?: readonly string[]): string[] {
  const { hostname, pathname } = location;
  const deleted: string[] = [];
  for (const storage of ['cookie', 'localStorage', 'sessionStorage'] as const) {
    const revoked: RegExp[] = [];
    const kept: RegExp[] = [];
    for (const service of inventory.services) {
      for (const { storage: declaredIn, domain, matcher } of service.cookies) {
        // A declaration for another domain (Vimeo's `__utma` on `.vimeo.com`) says nothing about the
        // cookies this page can see, so it neither protects nor condemns one here.
        if (declaredIn == storage && (!domain || ('.' + hostname).endsWith('.' + domain.replace(/^\./, '')))) {
          (isGranted(service.id) ? kept : revoked).push(matcher);
        }
      }
    }
    // Touching a storage area costs milliseconds on a fresh page: only when a revoked service declares keys there.
    if (!revoked.length) continue;
    // Browsers refuse cookies over 4096 bytes (name and value): a longer name is none, and is not matched,
    // so that no pattern ever runs on more than 4 KB.
    const condemned = (name: string) =>
      name.length <= 4096 && name != inventory.consent.cookieName && revoked.some((m) => m.test(name)) && !kept.some((m) => m.test(name));

    if (storage == 'cookie') {
      for (const name of cookieNames ?? document.cookie.split(';').map((part) => part.split('=')[0]!.trim())) {
        if (!name || !condemned(name)) continue;
        deleted.push(name);
        expireCookie(name, ['/', pathname.replace(/\/[^/]*$/, '') || '/']);
      }
    } else {
      try {
        const area = window[storage];
        for (const key of Object.keys(area)) {
          if (condemned(key)) {
            area.removeItem(key);
            deleted.push(key);
          }
        }
      } catch {
        // Storage can be blocked by the browser; there is then nothing we could delete either.
      }
    }
  }
  return deleted;
}

/**
 * The names of the page's cookies, read without blocking where the browser has the Cookie Store
 * API (see `cookieStore`). Null where it has not, or where the read failed.
 */
export function readCookieNames(): Promise<string[] | null> | null {
  // A page's own store may answer anything: whatever it throws or returns, or a silence (see
  // `listCookies`), the answer is a list of names or null.
  return (
    listCookies()
      ?.then((cookies) => cookies.map((cookie) => String(cookie.name ?? '')))
      .catch(() => null) ?? null
  );
}
