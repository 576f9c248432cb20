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
 * - Returns nothing when the next script may run at once (inline and `async` scripts), else a
 *   promise of when it may: after load or error for external scripts that, like parser-inserted
 *   ones, must keep document order; after 10 seconds at the latest, so one stalled vendor cannot
 *   hold back the rest forever.
 */
export function activateScript(sleeping: HTMLScriptElement): Promise<void> | undefined {
  const script = sleeping.ownerDocument.createElement('script');
  for (const { name, value } of sleeping.attributes) {
    // Attribute handlers (`onload="init()"`) are script: Trusted Types wants them through the policy.
    if (!/^(type|src|data-(consent|src))$/.test(name)) script.setAttribute(name == 'data-type' ? 'type' : name, /^on/i.test(name) ? trusted(value, 'script') : value);
  }
  script.nonce = sleeping.nonce;
  const src = sleeping.getAttribute('data-src') ?? sleeping.getAttribute('src');
  const async = sleeping.hasAttribute('async');
  if (src != null) {
    script.src = trusted(src, 'url');
    // Inserted scripts are async by default; a plain external script keeps the order of the page.
    script.async = async;
  } else {
    script.text = trusted(sleeping.text, 'script');
  }
  sleeping.replaceWith(script);
  if (src == null || async || !EXECUTABLE.test(script.type)) return;
  return new Promise((resolve) => {
    for (const event of ['load', 'error']) script.addEventListener(event, () => resolve());
    setTimeout(resolve, LOAD_TIMEOUT_MS);
  });
}
