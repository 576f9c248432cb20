/** Tags whose blocked state gets a visible placeholder (a blocked pixel or stylesheet does not). */
export const EMBED_TAGS = ['IFRAME', 'VIDEO', 'AUDIO', 'EMBED', 'OBJECT'];

/**
 * Gives a gated non-script element its real `src` / `srcset` / `href` (or `data` for `<object>`),
 * which makes the browser fetch it now and not before.
 */
export function activateElement(element: Element): void {
  for (const name of ['src', 'srcset', 'href']) {
    const value = element.getAttribute('data-' + name);
    const target = element.tagName == 'OBJECT' && name == 'src' ? 'data' : name;
    // Setting the same address again would reload a frame that is already showing it.
    if (value != null && element.getAttribute(target) != value) element.setAttribute(target, value);
  }
  // A <source> only counts once its media element reloads.
  const media = element.parentElement;
  if (element.tagName == 'SOURCE' && media && 'load' in media) (media as HTMLMediaElement).load();
}

/**
 * Takes a revoked embed back out of the page: a fresh copy without the real address replaces it, so
 * the running frame or player is torn down and the copy is gated again.
 */
export function deactivateElement(element: Element): Element {
  const copy = element.cloneNode(true) as Element;
  for (const name of ['src', 'srcset', 'href', 'data']) {
    if (copy.hasAttribute('data-' + (name == 'data' ? 'src' : name))) copy.removeAttribute(name);
  }
  element.replaceWith(copy);
  return copy;
}
