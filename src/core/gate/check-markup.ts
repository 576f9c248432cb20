import { deactivateElement } from './activate-element';

/** The ids in an element's `data-consent` (several mean all are required). */
export const idsOf = (element: Element) => (element.getAttribute('data-consent') ?? '').split(/\s+/).filter(Boolean);

/**
 * Looks once at a gated element for the markup mistakes that would make gating silently wrong, and
 * says so in the console, naming the element:
 *
 * - an id that is neither a category nor a service (a typo): the element stays blocked forever;
 * - a `<script data-consent>` without `type="text/plain"`: the browser ran it without consent;
 * - an embed with a real `src` / `srcset` / `href` instead of `data-*`: the browser fetched it
 *   before consent. If it is not granted, it is taken out of the page and put back gated, so the
 *   leak stops there and the placeholder tells the truth.
 *
 * @returns true when the element was replaced by a gated copy (which is handled as a new element)
 */
export function checkMarkup(element: Element, isKnown: (id: string) => boolean, allowed: boolean): boolean {
  const tag = element.tagName.toLowerCase();
  const where = '[crumbs] <' + tag + ' data-consent="' + element.getAttribute('data-consent') + '">';
  for (const id of idsOf(element)) {
    if (!isKnown(id)) console.warn(where + ': "' + id + '" is no category or service of the inventory; it stays blocked.');
  }
  if (tag == 'script') {
    if (!isSleeping(element as HTMLScriptElement)) {
      console.warn(where + ' has no type="text/plain", so the browser ran it without waiting for consent.');
    }
    return false;
  }
  const real = (name: string) => (tag == 'object' && name == 'src' ? 'data' : name);
  const present = ['src', 'srcset', 'href'].filter((name) => element.hasAttribute(real(name)));
  const leaking = present.filter((name) => !element.hasAttribute('data-' + name));
  if (leaking.length) {
    console.warn(
      where + ' has ' + leaking.map(real).join(', ') + ' instead of data-' + leaking.join(', data-') +
        ': the browser fetched it before consent.' + (allowed ? '' : ' It is blocked from now on.'),
    );
    // Recorded, so that a later revoke can take the real address away again.
    for (const name of leaking) element.setAttribute('data-' + name, element.getAttribute(real(name))!);
  }
  // Not granted but carrying a real address (the mistake above, or a copy of an activated embed
  // made by the page): out of the page, back in gated.
  if (allowed || !present.length) return false;
  deactivateElement(element);
  return true;
}

/** Whether a script is a sleeping gated one: `type="text/plain"`, in any case, with or without parameters. */
export const isSleeping = (script: HTMLScriptElement) => script.type.trim().toLowerCase().split(';')[0] == 'text/plain';
