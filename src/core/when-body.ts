/**
 * Resolves once `document.body` exists. `crumbs.js` runs in `<head>`, where there is no body yet to
 * put the settings button or the UI in.
 */
export async function whenBody(): Promise<void> {
  // DOMContentLoaded fires once per document, so the listener needs no removing.
  if (!document.body) await new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve));
}
