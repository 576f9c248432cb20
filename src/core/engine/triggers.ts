import type { Crumbs } from '../../types';

/**
 * Opens the preferences from any `[data-crumbs-open]` element of the page (a "Cookie settings"
 * link in the footer), listening from the start: a click before the inventory is ready opens the
 * dialog once it is.
 * @returns the function that stops listening
 */
export function listenForOpeners(api: Crumbs): () => void {
  const onClick = (event: Event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-crumbs-open]');
    if (opener) {
      event.preventDefault();
      api.showPreferences(opener);
    }
  };
  document.addEventListener('click', onClick);
  return () => document.removeEventListener('click', onClick);
}
