import type { Inventory } from '../../types';
import { domainVariants } from './domain-variants';

/**
 * Deletes the declared cookies and storage keys of every service that is not granted.
 *
 * A name is deleted only when no granted service declares it too (two services may share a pattern
 * such as `_ga*`), and never when it is the consent cookie. Cookies are expired with `path=/` and the
 * current path, on the current host and each parent domain, with and without a leading dot, because
 * JavaScript cannot read which of these a vendor used. Cookies set as HttpOnly or by another host
 * cannot be deleted from here; the README says so.
 *
 * @returns the names deleted (or attempted: document.cookie does not report success)
 */
export function deleteCookies(inventory: Inventory, isGranted: (id: string) => boolean): string[] {
  const host = '.' + location.hostname;
  // A declaration for another domain (Vimeo's `__utma` on `.vimeo.com`) says nothing about the
  // cookies this page can see, so it neither protects nor condemns one here.
  const applies = (domain?: string) => !domain || host.endsWith('.' + domain.replace(/^\./, ''));
  const matchers = (granted: boolean, storage: string) =>
    inventory.services
      .filter((s) => isGranted(s.id) == granted)
      .flatMap((s) => s.cookies.filter((c) => c.storage == storage && applies(c.domain)).map((c) => c.matcher));
  const condemned = (storage: string, names: string[]) => {
    const revoked = matchers(false, storage);
    const kept = matchers(true, storage);
    return names.filter(
      (name) =>
        name != inventory.consent.cookieName &&
        revoked.some((m) => m.test(name)) &&
        !kept.some((m) => m.test(name)),
    );
  };

  const cookieNames = document.cookie
    .split(';')
    .map((part) => part.split('=')[0]!.trim())
    .filter(Boolean);
  const deleted = condemned('cookie', cookieNames);
  const paths = ['/', location.pathname.replace(/\/[^/]*$/, '') || '/'];
  for (const name of deleted) {
    for (const domain of domainVariants(location.hostname)) {
      for (const path of paths) {
        document.cookie =
          name + '=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=' + path + (domain ? '; domain=' + domain : '');
      }
    }
  }

  for (const storage of ['localStorage', 'sessionStorage'] as const) {
    // Touching a storage area costs milliseconds on a fresh page: only when a revoked service declares keys there.
    if (!matchers(false, storage).length) continue;
    try {
      const area = window[storage];
      for (const key of condemned(storage, Object.keys(area))) {
        area.removeItem(key);
        deleted.push(key);
      }
    } catch {
      // Storage can be blocked by the browser; there is then nothing we could delete either.
    }
  }
  return deleted;
}
