/**
 * Reads one cookie the way js-cookie's `get` does (percent-encoded sequences decoded, a garbled one
 * left as written), without shipping js-cookie to every page view: `crumbs.js` only reads the
 * consent cookie, and the part that writes it (with js-cookie) is loaded when the visitor decides.
 */
export function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split('; ')) {
    const at = pair.indexOf('=');
    if (pair.slice(0, at) == name) {
      try {
        return pair.slice(at + 1).replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
      } catch {
        return pair.slice(at + 1);
      }
    }
  }
}
