/** Decodes percent-encoded sequences as js-cookie does; a garbled sequence leaves the text as written. */
const decode = (text: string) => {
  try {
    return text.replace(/(%[\dA-F]{2})+/gi, decodeURIComponent);
  } catch {
    return text;
  }
};

/**
 * Reads one cookie the way js-cookie's `get` does (name and value percent-decoded), without shipping
 * js-cookie to every page view: `crumbs.js` only reads the consent cookie, and the part that writes
 * it (with js-cookie) is loaded when the visitor decides. A pair without a name is skipped.
 */
export function readCookie(name: string): string | undefined {
  for (const pair of document.cookie.split('; ')) {
    const at = pair.indexOf('=');
    if (at > 0 && decode(pair.slice(0, at)) == name) return decode(pair.slice(at + 1));
  }
}
