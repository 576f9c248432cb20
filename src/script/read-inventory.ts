import { parseData } from '../core/parse-data';

/**
 * Reads the script tag's inventory: fetched from `data-inventory` (a promise, failing with a message
 * that names the URL and what went wrong: HTTP status, timeout, JSON), else parsed from the inline
 * `#crumbs-inventory`. Throws a message naming the problem.
 */
export function readInventory(script: HTMLScriptElement | null): unknown {
  const url = script?.getAttribute('data-inventory');
  if (url) {
    const href = new URL(url, location.href).href;
    const ms = Number(script!.dataset.timeout) || 5000;
    // Aborted, not just no longer waited for. (AbortSignal.timeout would be shorter, but Chrome
    // before 103 lacks it, and a throw here would skip the Consent Mode defaults.)
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), ms);
    return fetch(href, { signal: controller.signal })
      .then((response) => {
        if (!response.ok) throw 'HTTP ' + response.status;
        return response.json();
      })
      .catch((error: unknown) => {
        throw new Error(href + ': ' + (controller.signal.aborted ? 'no answer within ' + ms + ' ms' : String(error)));
      })
      .finally(() => clearTimeout(timer));
  }
  const inline = document.getElementById('crumbs-inventory');
  if (!inline) throw new Error('no inventory: add data-inventory="/cookies.json" to the script tag, or an inline <script type="application/json" id="crumbs-inventory">.');
  try {
    // Without prototypes, as the engine reads it: a field planted on Object.prototype before
    // crumbs.js (a consent cookie's name) must not pass for the inventory's here either.
    return parseData(inline.textContent!);
  } catch (error) {
    throw new Error('#crumbs-inventory is not valid JSON (' + (error as Error).message + ')');
  }
}
