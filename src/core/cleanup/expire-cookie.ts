import { domainVariants } from './domain-variants';

/**
 * Expires a cookie wherever this page may see it from: the host and every parent domain (with and
 * without a leading dot), for each of `paths`, because JavaScript cannot read which of these it
 * was set with. `secure` on https too: a browser ignores a deletion without it for a `__Secure-`
 * name. `max-age=0` expires it at once, as a date in the past would.
 */
export function expireCookie(name: string, paths: readonly string[]): void {
  for (const domain of domainVariants(location.hostname))
    for (const path of paths)
      document.cookie = name + '=;max-age=0;path=' + path + (domain ? ';domain=' + domain : '') + (location.protocol == 'https:' ? ';secure' : '');
}
