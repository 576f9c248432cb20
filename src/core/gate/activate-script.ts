/** How long a gated external script may take before the next one runs anyway. */
const LOAD_TIMEOUT_MS = 10_000;

/** Types a browser executes; a script of any other type fires no load event to wait for. */
const EXECUTABLE = /^(|module|(text|application)\/(java|ecma)script)$/i;

/**
 * Runs a sleeping `<script type="text/plain">` by inserting a fresh copy, because changing the type of
 * a script that is already in the document never executes it.
 *
 * - Every attribute is copied except `type`, `data-consent`, `data-type` and `data-src`; `data-type`
 *   becomes the real `type` (for modules), `data-src` or `src` the real `src`. Attribute handlers
 *   such as `onload="init()"` are kept: ours are added as listeners, not assigned.
 * - The nonce is copied from the property: browsers hide the attribute value from scripts.
 * - Resolves when the next script may run: at once for inline and `async` scripts, after load or
 *   error for external scripts that, like parser-inserted ones, must keep document order; after
 *   10 seconds at the latest, so one stalled vendor cannot hold back the rest forever.
 */
export function activateScript(sleeping: HTMLScriptElement): Promise<void> {
  const script = sleeping.ownerDocument.createElement('script');
  for (const { name, value } of Array.from(sleeping.attributes)) {
    if (!/^(type|data-consent|data-type|data-src)$/.test(name)) script.setAttribute(name, value);
  }
  const type = sleeping.getAttribute('data-type') ?? '';
  if (type) script.type = type;
  if (sleeping.nonce) script.nonce = sleeping.nonce;
  const src = sleeping.getAttribute('data-src') ?? sleeping.getAttribute('src');
  const waits = src != null && !sleeping.hasAttribute('async') && EXECUTABLE.test(type);
  if (src != null) {
    script.src = src;
    // Inserted scripts are async by default; a plain external script keeps the order of the page.
    script.async = sleeping.hasAttribute('async');
  } else {
    script.text = sleeping.text;
  }
  const done = new Promise<void>((resolve) => {
    if (!waits) return resolve();
    script.addEventListener('load', () => resolve());
    script.addEventListener('error', () => resolve());
    setTimeout(resolve, LOAD_TIMEOUT_MS);
  });
  sleeping.replaceWith(script);
  return done;
}
