/**
 * The browser's Cookie Store API, where it has one (a secure context in Chromium, Safari 18.4 and
 * later): it reads without blocking, while the first `document.cookie` read of a page is a
 * synchronous round trip to the browser. Undefined where it is missing: declared by lib.dom, yet
 * absent in Firefox and in an insecure context, where the name may be the page's own (an element
 * with id="cookieStore", a stub). Callers catch what a stub's `getAll` throws or returns.
 */
export function cookieStore(): CookieStore | undefined {
  const store = (window as { cookieStore?: CookieStore }).cookieStore;
  if (store?.getAll) return store;
}
