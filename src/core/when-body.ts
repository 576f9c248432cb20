/**
 * Resolves once `document.body` exists. `crumbs.js` runs in `<head>`, where there is no body yet to
 * put the settings button or the UI in.
 */
export function whenBody(): Promise<void> {
  return new Promise((resolve) => {
    if (document.body) resolve();
    else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  });
}
