/**
 * The browser's Cookie Store API, where it has one (a secure context in Chromium, Safari 18.4 and
 * Firefox 140 and later): it reads without blocking, while the first `document.cookie` read of a
 * page is a synchronous round trip to the browser. Undefined where it is missing: declared by
 * lib.dom, yet absent in older browsers and in an insecure context, where the name may be the
 * page's own (an element with id="cookieStore", a stub): `listCookies` makes whatever a stub's
 * `getAll` does a rejection.
 */
export function cookieStore(): CookieStore | undefined {
  const store = (window as { cookieStore?: CookieStore }).cookieStore;
  if (store?.getAll) return store;
}

/**
 * The page's cookies (of one name, or all of them) through the Cookie Store (see `cookieStore`);
 * undefined where there is none. The one way both readers ask it, so that a page's own store fails
 * them alike: whatever its `getAll` throws becomes a rejection, and one that has not answered
 * within a second (a stub that never settles) is rejected then, instead of holding up start-up
 * for good. A browser's own store answers within milliseconds.
 */
export function listCookies(name?: string): Promise<CookieListItem[]> | undefined {
  const store = cookieStore();
  if (store)
    return new Promise((resolve, reject) => {
      setTimeout(reject, 1000);
      // Followed, not resolved with: a promise resolved with a thenable ignores the timer's reject.
      // Without a name, undefined: WebIDL reads it as the options left out, which list every cookie.
      store.getAll(name!).then(resolve, reject);
    });
}
