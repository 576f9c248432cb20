/**
 * Resolves once `document.body` exists: `crumbs.js` runs in `<head>`, where there is no body yet to
 * put the UI in. The banner may then appear while the rest of a slow page is still arriving, and a
 * visitor may decide before the parser is done (the gate activates what arrives later).
 *
 * @param parsed - wait for DOMContentLoaded instead, for what is appended at the end of the body
 *   (the settings button): appended earlier, the parser would put the rest of the page after it,
 *   and it would sit in the middle of the tab order.
 */
export function whenBody(parsed?: boolean): Promise<void> {
  return new Promise((resolve) => {
    if (parsed ? document.readyState != 'loading' : document.body) return resolve();
    if (parsed) return document.addEventListener('DOMContentLoaded', () => resolve());
    const observer = new MutationObserver(() => document.body && (observer.disconnect(), resolve()));
    observer.observe(document.documentElement, { childList: true });
  });
}
