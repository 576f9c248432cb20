import { expireCookie } from '../cleanup/expire-cookie';
import { agreedValue, readCookies } from './read-cookie';

/**
 * Reads the consent cookie's raw value. Cookies of that name that disagree are no decision at all
 * (see `agreedValue`): none of them is trusted, each is expired wherever this page can reach it (the
 * host and every parent domain, every prefix of the current path), and `onConflict` reports it.
 * The visitor is then asked again, and their answer is the only consent cookie left.
 * @param name - the consent cookie's name (see `consentCookieName`)
 * @param onConflict - told how many disagreeing cookies were found
 */
export function readConsentCookie(name: string, onConflict: (count: number) => void): string | undefined {
  const values = readCookies(name);
  // Agreed, or none at all.
  if (agreedValue(values) != null || !values.length) return values[0];
  const { pathname } = location;
  // Every path a cookie visible here may have: '/', '/shop', '/shop/', '/shop/item' on /shop/item.
  const paths = ['/'];
  for (let i = 1; i <= pathname.length; i++) if (i == pathname.length || pathname[i] == '/') paths.push(pathname.slice(0, i), pathname.slice(0, i + 1));
  expireCookie(name, paths);
  onConflict(values.length);
}
