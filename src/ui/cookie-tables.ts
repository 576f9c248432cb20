import { render } from 'preact';
import { cookieDeclaration } from './cookie-declaration';
import type { Ui } from './ui';

/**
 * Renders the cookie declaration into each element (SPEC 4: `data-crumbs-cookie-table`). Whatever
 * the page put there as a fallback ("Loading…", a static table) is replaced the first time; later
 * calls update the declaration in place. This module is its own chunk, loaded only by pages that
 * have such an element.
 * @param ui - the UI state
 * @param elements - the `[data-crumbs-cookie-table]` elements of the page
 * @returns what empties those elements again (when the UI is destroyed)
 */
export default function fillCookieTables(ui: Ui, elements: NodeListOf<Element>): () => void {
  elements.forEach((el) => {
    if (el.firstElementChild?.className != 'crumbs-declaration') el.textContent = '';
    render(cookieDeclaration(ui), el);
  });
  return () => elements.forEach((el) => render(null, el));
}
