import { trusted } from './trusted-types';

/** Tags whose blocked state gets a visible placeholder (a blocked pixel or stylesheet does not). */
export const EMBED_TAGS = ['IFRAME', 'VIDEO', 'AUDIO', 'EMBED', 'OBJECT'];

/**
 * The address attributes of a gated element, as pairs of the gated name and the real one:
 * `data-src` / `src`, `data-srcset` / `srcset`, `data-href` / `href`; an `<object>` calls its src `data`.
 */
export const addressesOf = (element: Element) =>
  ['src', 'srcset', 'href'].map((name) => ['data-' + name, element.tagName == 'OBJECT' && name == 'src' ? 'data' : name] as const);

/**
 * Gives a gated non-script element its real `src` / `srcset` / `href` (or `data` for `<object>`),
 * which makes the browser fetch it now and not before.
 */
export function activateElement(element: Element): void {
  for (const [gated, real] of addressesOf(element)) {
    const value = element.getAttribute(gated);
    // Only what loads content: http(s) and relative addresses, and data: or blob: pictures. A
    // `javascript:` frame would run in the page's own origin. (Each srcset candidate is not parsed:
    // its first address stands for them, and images run no script.)
    const scheme = value != null && new URL(value.trim().split(/\s/)[0]!, element.baseURI).protocol;
    if (scheme && !/^https?:$/.test(scheme) && !(/^(data|blob):$/.test(scheme) && /^(IMG|SOURCE)$/.test(element.tagName)))
      throw new Error(`refused ${gated}="${value!.slice(0, 60)}": only http(s) addresses are activated`);
    // Setting the same address again would reload a frame that is already showing it.
    // An <embed>'s src and an <object>'s data are script URLs to Trusted Types (they may run plugins).
    if (value != null && element.getAttribute(real) != value) element.setAttribute(real, trusted(value, 'url'));
  }
  // A <source> only counts once its media element (not a <picture>, which has no load()) reloads.
  if (element.tagName == 'SOURCE') (element.parentElement as HTMLMediaElement | null)?.load?.();
}

/**
 * Takes a revoked embed back out of the page: a fresh copy without the real address replaces it, so
 * the running frame or player is torn down and the copy is gated again.
 */
export function deactivateElement(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  for (const [gated, real] of addressesOf(copy)) if (copy.hasAttribute(gated)) copy.removeAttribute(real);
  element.replaceWith(copy);
  return copy;
}
