import { trusted } from './trusted-types';

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
 * - Returns, for an external script, `loaded`: a promise of its load or error, after 10 seconds at
 *   the latest, so that one stalled vendor cannot hold back forever what waits for it (the embeds
 *   of the gate; the next script in document order when `ordered`, that is, unless it is `async`).
 *   No promise for an inline script, or a type the browser does not run.
 */
export function activateScript(sleeping: HTMLScriptElement): { loaded?: Promise<void>; ordered: boolean } {
  const script = sleeping.ownerDocument.createElement('script');
  for (const { name, value } of sleeping.attributes) {
    // Attribute handlers (`onload="init()"`) are script: Trusted Types wants them through the policy.
    if (!/^(type|src|data-(consent|src))$/.test(name)) script.setAttribute(name == 'data-type' ? 'type' : name, /^on/i.test(name) ? trusted(value, 'script') : value);
  }
  script.nonce = sleeping.nonce;
  const src = sleeping.getAttribute('data-src') ?? sleeping.getAttribute('src');
  if (src != null) {
    script.src = trusted(src, 'url');
    // Inserted scripts are async by default; a plain external script keeps the order of the page.
    script.async = sleeping.hasAttribute('async');
  } else {
    script.text = trusted(sleeping.text, 'script');
  }
  sleeping.replaceWith(script);
  if (src == null || !EXECUTABLE.test(script.type)) return { ordered: false };
  const loaded = new Promise<void>((resolve) => {
    for (const event of ['load', 'error']) script.addEventListener(event, () => resolve());
    setTimeout(resolve, LOAD_TIMEOUT_MS);
  });
  return { loaded, ordered: !script.async };
}
