/**
 * The script-tag entry (`dist/crumbs.js`): the only module with top-level side effects.
 *
 * Reads the inventory from an inline `<script type="application/json" id="crumbs-inventory">` or the
 * `data-inventory` URL, reads options from the script tag's `data-*` attributes, creates the
 * instance as `window.Crumbs`, and loads `crumbs-ui.js` (next to this file) only when the UI is
 * needed. Never throws into the page: every failure fails closed with one console error and an
 * `error` event.
 */
import { decodeDecision } from './core/consent/decision-codec';
import { consentCookieName } from './core/consent/consent-cookie-name';
import { readCookies } from './core/consent/read-cookie';
import { createEngine } from './core/create-engine';
import type { DecisionsFactory, InventoryValidator } from './core/runtime';
import { readGpc } from './core/read-gpc';
import { createConsentMode, replayStoredConsent } from './integrations/google-consent-mode';
import type { Crumbs } from './types';
import { VERSION } from './core/version';

declare global {
  interface Window {
    /** The Crumbs instance created by the script tag. */
    Crumbs?: Crumbs;
  }
}

/**
 * Reads the inventory: fetched from `data-inventory` (a promise, failing with a message that names
 * the URL and what went wrong: HTTP status, timeout, JSON), else parsed from the inline
 * `#crumbs-inventory`. Throws a message naming the problem.
 */
function readInventory(script: HTMLScriptElement | null): unknown {
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
    return JSON.parse(inline.textContent!);
  } catch (error) {
    throw new Error('#crumbs-inventory is not valid JSON (' + (error as Error).message + ')');
  }
}

function main(): void {
  // An instance of ours, not just anything by that name: a page may define `Crumbs` itself, or get
  // it from an element with id="Crumbs" (named access), and Crumbs must still start.
  if (window.Crumbs?.ready instanceof Promise) {
    console.error('[crumbs] crumbs.js was included twice; the second copy does nothing.');
    return;
  }
  const script = document.currentScript as HTMLScriptElement | null;
  const consentMode = createConsentMode();
  const here = script?.src || location.href;
  // Next to crumbs.js; a malformed data-ui is used as written, and fails where it is loaded.
  const near = (path: string) => {
    try {
      return new URL(path, here).href;
    } catch {
      return path;
    }
  };
  // The version in the query: a cached crumbs-decide.js or crumbs-ui.js of another release must
  // not meet this crumbs.js (their seam is internal). Their chunks have content hashes already.
  const versioned = '?v=' + VERSION;
  const uiUrl = near(script?.dataset.ui ?? 'crumbs-ui.js' + versioned);
  /** Imports a file next to crumbs.js once; after a failure, again at the next need. */
  // A failed dynamic import stays failed for its URL (the browser keeps the failure in its module
  // map): a retry asks for another URL.
  let retries = 0;
  const fresh = (url: string) => url + (retries ? (url.includes('?') ? '&' : '?') + 'retry=' + retries : '');
  const lazy = <T>(file: string, pick: (module: Record<string, T>) => T) => {
    let loading: Promise<T> | undefined;
    return () =>
      (loading ??= import(/* @vite-ignore */ fresh(near(file + versioned))).then(pick, (error: unknown) => {
        loading = undefined;
        retries++;
        throw error;
      }));
  };
  // Needed only for an inventory new to this browser, a decision, or validation.
  const loadDecide = lazy<DecisionsFactory>('crumbs-decide.js', (module) => module.createDecisions!);
  const loadValidator = lazy<InventoryValidator>('crumbs-validate.js', (module) => module.validateInventory!);
  // The consent cookie, or null when there is none; undefined when it cannot be read (a sandboxed
  // frame), which start-up reports in its own, guarded way.
  // Cookies of that name that disagree are no decision (start-up deletes them and reports it).
  const peek = (consent?: { cookieName?: unknown; domain?: unknown }) => {
    try {
      const values = readCookies(consentCookieName({ cookieName: consent?.cookieName || script?.dataset.cookieName, domain: consent?.domain }));
      return values.some((value) => value != values[0]) ? null : (values[0] ?? null);
    } catch {
      return undefined;
    }
  };
  /**
   * On a first visit (no consent cookie at all, and a choice to offer) the banner will show: the
   * UI is fetched at once, side by side with crumbs-decide.js (and the validator for an inventory
   * without a stamp), rather than one after the other. Returning visitors fetch none of it.
   */
  const prefetch = (json: { consent?: { cookieName?: unknown; domain?: unknown }; categories?: unknown; stamp?: unknown } | null) => {
    const choice = Array.isArray(json?.categories) && json.categories.some((c) => c?.required !== true);
    if (!choice || peek(json!.consent) !== null) return;
    void loadDecide().catch(() => {});
    // A failure counts: the real load then asks for another URL (see `fresh`).
    import(/* @vite-ignore */ uiUrl).catch(() => retries++);
    if (!json!.stamp) void loadValidator().catch(() => {});
  };
  let inventory: unknown;
  try {
    inventory = readInventory(script);
  } catch (error) {
    inventory = Promise.reject(error);
  }
  if (script?.getAttribute('data-inventory')) {
    // A remote inventory is on its way: Google tags after this script must not wait for it. Only
    // data-cookie-name can name a custom consent cookie this early.
    replayStoredConsent(consentMode, decodeDecision(peek() ?? undefined), script.hasAttribute('data-google-consent-mode'), readGpc());
    (inventory as Promise<never>).then(prefetch, () => {});
  } else {
    prefetch(inventory as never);
  }
  const crumbs = createEngine(
    {
      inventory,
      lang: script?.dataset.lang,
      ui: (context) =>
        import(/* @vite-ignore */ fresh(uiUrl)).then(
          (module) => module.mountUi(context),
          (error: unknown) => {
            retries++;
            throw error;
          },
        ),
    },
    { load: loadDecide, validator: loadValidator },
    consentMode,
  );
  try {
    window.Crumbs = crumbs;
  } catch {
    // Defined read-only by the page: Crumbs runs, but the page's scripts cannot reach it by that name.
  }
  if (window.Crumbs !== crumbs) console.error('[crumbs] window.Crumbs is taken by the page; Crumbs runs, but not under that name.');
}

try {
  main();
} catch (error) {
  // Never into the host page: whatever failed, the page goes on and nothing optional runs.
  console.error('[crumbs] could not start:', error);
}
