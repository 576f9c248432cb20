/**
 * Runs a sleeping `<script type="text/plain">` by inserting a fresh copy, because changing the type of
 * a script that is already in the document never executes it.
 *
 * - Every attribute is copied except `type`, `data-consent`, `data-type` and `data-src`; `data-type`
 *   becomes the real `type` (for modules), `data-src` or `src` the real `src`.
 * - The nonce is copied from the property: browsers hide the attribute value from scripts.
 * - Resolves when the next script may run: at once for inline and `async` scripts, after load or
 *   error for external scripts that, like parser-inserted ones, must keep document order.
 */
export function activateScript(sleeping: HTMLScriptElement): Promise<void> {
  const script = sleeping.ownerDocument.createElement('script');
  for (const { name, value } of Array.from(sleeping.attributes)) {
    if (!/^(type|data-consent|data-type|data-src)$/.test(name)) script.setAttribute(name, value);
  }
  const type = sleeping.getAttribute('data-type');
  if (type) script.type = type;
  if (sleeping.nonce) script.nonce = sleeping.nonce;
  const src = sleeping.getAttribute('data-src') ?? sleeping.getAttribute('src');
  const waits = src != null && !sleeping.hasAttribute('async');
  if (src != null) {
    script.src = src;
    // Inserted scripts are async by default; a plain external script keeps the order of the page.
    script.async = sleeping.hasAttribute('async');
  } else {
    script.text = sleeping.text;
  }
  const done = new Promise<void>((resolve) => {
    if (!waits) return resolve();
    script.onload = script.onerror = () => resolve();
  });
  sleeping.replaceWith(script);
  return done;
}
