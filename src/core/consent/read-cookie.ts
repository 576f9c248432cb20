import { listCookies } from '../cookie-store';

/** A cookie name in the form js-cookie writes it, which encodes only `%` of the characters a name may have. */
const asWritten = (name: string) => name.replace(/%/g, '%25');

/** Decodes percent-encoded sequences as js-cookie does; a garbled sequence leaves the text as written. */
const decode = (text: string) => {
  try {
    return text.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  } catch {
    return text;
  }
};

/**
 * Reads every cookie of one name, values percent-decoded as js-cookie's `get` does, without shipping
 * js-cookie to every page view (`crumbs.js` only reads; the part that writes is loaded when the
 * visitor decides). Names are compared as written, never decoded (the browser does not decode them
 * either): `%5F_Host-x` is not `__Host-x`, so a cookie that dodges the browser's `__Host-` rules
 * cannot pass for one. The name is compared in the form js-cookie writes it, which encodes only `%`
 * of the characters a cookie name may have. Several values come back when cookies of that name
 * were set for several paths or domains (a sibling subdomain can set one with `Domain=`).
 */
export function readCookies(name: string): string[] {
  const written = asWritten(name);
  const values: string[] = [];
  for (const pair of document.cookie.split('; ')) {
    const at = pair.indexOf('=');
    if (at > 0 && pair.slice(0, at) == written) values.push(decode(pair.slice(at + 1)));
  }
  return values;
}

/**
 * What the cookies of one name say together: their one value, or null for no decision, when there
 * is none or they disagree. Cookies that disagree (one planted by a sibling subdomain with
 * `Domain=`, or for a path such as `/shop/`, next to the visitor's own) are no decision at all: the
 * one rule for `crumbs.js`'s early read and start-up's (see `readConsentCookie`).
 */
export function agreedValue(values: string[]): string | null {
  return values.some((value) => value != values[0]) ? null : (values[0] ?? null);
}

/**
 * `readCookies` without blocking, where the browser has the Cookie Store API (see `listCookies`).
 * Undefined where it has not; rejected where the store failed or did not answer in time.
 */
export function readCookiesLater(name: string): Promise<string[]> | undefined {
  return listCookies(asWritten(name))?.then((cookies) => cookies.map((cookie) => decode(cookie.value ?? '')));
}
