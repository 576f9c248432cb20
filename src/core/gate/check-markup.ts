import { addressesOf, deactivateElement } from './activate-element';

/** The ids in an element's `data-consent` (several mean all are required). */
export const idsOf = (element: Element): string[] => element.getAttribute('data-consent')?.match(/\S+/g) ?? [];

/**
 * Looks once at a gated element for the markup mistakes that would make gating silently wrong, and
 * says so in the console, with the element itself after the message:
 *
 * - an id that is neither a category nor a service (a typo): the element stays blocked forever;
 * - a `<script data-consent>` without `type="text/plain"`: the browser ran it without consent;
 * - an embed with a real `src` / `srcset` / `href` instead of `data-*` (one warning for each): the
 *   browser fetched it before consent. If it is not granted, it is taken out of the page and put
 *   back gated, so the leak stops there and the placeholder tells the truth.
 *
 * @returns true when the element was replaced by a gated copy (which is handled as a new element)
 */
export function checkMarkup(element: Element, isKnown: (id: string) => boolean, allowed: boolean): boolean {
  const warn = (problem: string) => console.warn('[crumbs] ' + problem, element);
  for (const id of idsOf(element)) {
    if (!isKnown(id)) warn(`"${id}" is no category or service`);
  }
  if (element.tagName == 'SCRIPT') {
    if (!isSleeping(element as HTMLScriptElement)) warn('has no type="text/plain": it ran without consent');
    return false;
  }
  let hasAddress = false;
  for (const [gated, real] of addressesOf(element)) {
    if (!element.hasAttribute(real)) continue;
    hasAddress = true;
    if (!element.hasAttribute(gated)) {
      warn(`has ${real} instead of ${gated}: the browser fetched it before consent.` + (allowed ? '' : ' It is blocked from now on.'));
      // Recorded, so that a later revoke can take the real address away again.
      element.setAttribute(gated, element.getAttribute(real)!);
    }
  }
  // Not granted but carrying a real address (the mistake above, or a copy of an activated embed
  // made by the page): out of the page, back in gated.
  if (allowed || !hasAddress) return false;
  deactivateElement(element);
  return true;
}

/**
 * Whether a script is a sleeping gated one: `type="text/plain"`, in any case, with parameters after
 * a `;`, and with white space around it.
 */
export const isSleeping = (script: HTMLScriptElement) => /^\s*text\/plain(;|\s*$)/i.test(script.type);
