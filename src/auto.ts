/**
 * The script-tag entry (`dist/crumbs.js`): the only module with top-level side effects, and the only
 * code that holds up the page's first paint, so it does only what must come before that paint and
 * before every Google tag.
 *
 * Reads the inventory from an inline `<script type="application/json" id="crumbs-inventory">` or the
 * `data-inventory` URL and the consent cookie, pushes the Consent Mode defaults and a stored
 * decision that still holds, and sets `window.Crumbs` to a stand-in that takes every call at once.
 * The engine (`crumbs-engine.js`, next to this file) is loaded and started at once on a first visit,
 * after the first paint for a returning visitor; until then gated markup simply waits.
 * `crumbs-decide.js`, `crumbs-validate.js` and `crumbs-ui.js` follow only when needed. Never throws
 * into the page: every failure fails closed with one console error and an `error` event.
 */
import { decodeDecision } from './core/consent/decision-codec';
import { consentCookieName } from './core/consent/consent-cookie-name';
import { agreedValue, readCookies, readCookiesLater } from './core/consent/read-cookie';
import { createEmitter } from './core/create-emitter';
import { consentModeWanted, replayEarly, type RawInventory } from './core/engine/replay-early';
import type { DecisionsFactory, InventoryValidator } from './core/runtime';
import { readGpc } from './core/read-gpc';
import { createConsentMode, replayStoredConsent } from './integrations/google-consent-mode';
import { createDeferredApi } from './script/create-deferred-api';
import type { EarlyBanner, showEarlyBanner as ShowEarlyBanner } from './script/banner-entry';
import type { createEngine as CreateEngine } from './script/engine-entry';
import { readInventory } from './script/read-inventory';
import type { Crumbs } from './types';
import { VERSION } from './core/version';

declare global {
  interface Window {
    /** The Crumbs instance created by the script tag. */
    Crumbs?: Crumbs;
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
  // Named as the engine names it: by the inventory's settings once it is here (`json`), and only
  // before a remote one arrives (undefined) by data-cookie-name.
  const cookieName = (json: RawInventory | null | undefined) => consentCookieName(json === undefined ? { cookieName: script?.dataset.cookieName } : json?.consent);
  // Cookies of that name that disagree are no decision (start-up deletes them and reports it).
  const peek = (json: RawInventory | null | undefined) => {
    try {
      return agreedValue(readCookies(cookieName(json)));
    } catch {
      return undefined;
    }
  };
  /**
   * On a first visit (no consent cookie at all, and a choice to offer) the banner will show: the
   * UI is fetched at once, side by side with crumbs-decide.js (and the validator for an inventory
   * without a stamp), rather than one after the other. Returning visitors fetch none of it.
   */
  // The cookie as already read for an inline inventory; a remote one may name another cookie.
  const firstVisit = (json: RawInventory | null, cookie: string | null | undefined) =>
    cookie === null && Array.isArray(json?.categories) && json.categories.some((c: { required?: unknown } | null) => c?.required !== true);
  const prefetch = (json: RawInventory | null, cookie = peek(json)) => {
    if (!firstVisit(json, cookie)) return;
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
    // Handled by the engine, after the first paint perhaps: not an unhandled rejection meanwhile.
    (inventory as Promise<never>).catch(() => {});
  }
  const gpc = readGpc();
  const remote = !!script?.getAttribute('data-inventory');
  const json = inventory instanceof Promise ? null : (inventory as RawInventory | null);
  const emitter = createEmitter();
  const deferred = createDeferredApi(emitter);
  const crumbs = deferred.api;
  try {
    window.Crumbs = crumbs;
  } catch {
    // Defined read-only by the page: Crumbs runs, but the page's scripts cannot reach it by that name.
  }
  if (window.Crumbs !== crumbs) console.error('[crumbs] window.Crumbs is taken by the page; Crumbs runs, but not under that name.');
  // Loaded and started at once on a first visit (the banner is waiting for it), and after the first
  // paint when a decision is stored: what a returning visitor needs before that paint (Consent Mode)
  // is done, gated markup waits safely meanwhile, and the engine's compilation stays off the
  // critical path too (from the HTTP cache, it is back within a frame or two).
  // In an executor: a host that cannot import at all throws, and that must fail closed like a 404.
  const loadEngine = () =>
    new Promise<{ createEngine: typeof CreateEngine }>((resolve) => resolve(import(/* @vite-ignore */ near('crumbs-engine.js' + versioned))));
  // The consent cookie as read below for an inline inventory (`proceed`), so that a returning
  // visitor's engine does not read it again (each `document.cookie` read is a round trip to the
  // browser, 4-10 ms at 4x CPU). Without one (a first visit, a remote inventory, which may name
  // another cookie), the engine reads it itself, and sees a decision another tab stored meanwhile.
  // A decision changed in another tab between this read and the engine's start (after the first
  // paint) counts from the next page view on, as one changed while this page is open does: no tab
  // follows another's changes live.
  let read: string | null | undefined;
  const begin = (banner?: EarlyBanner | null) =>
    loadEngine().then(
      (module) => {
        const engine = module.createEngine(
          {
            inventory,
            lang: script?.dataset.lang,
            ui: (context) =>
              banner
                ? banner.adopt(context)
                : import(/* @vite-ignore */ fresh(uiUrl)).then(
                    (module) => module.mountUi(context),
                    (error: unknown) => {
                      retries++;
                      throw error;
                    },
                  ),
          },
          { sources: { load: loadDecide, validator: loadValidator }, consentMode, emitter, known: banner?.known, storedCookie: read },
        );
        deferred.attach(engine);
        // A decision stored meanwhile (another tab): the engine shows no banner, so neither do we.
        if (banner) void engine.ready.then((consent) => consent && banner.drop());
      },
      (error: unknown) => {
        banner?.drop();
        deferred.fail('crumbs-engine.js could not be loaded (' + String(error) + '); nothing optional was activated.');
      },
    );
  /** What follows from the consent cookie (see `peek`), read at once or, where nothing needs it before the first paint, without blocking. */
  const proceed = (cookie: string | null | undefined) => {
    let early = false;
    if (remote) {
      // A remote inventory is on its way: Google tags after this script must not wait for it. Only
      // data-cookie-name can name a custom consent cookie this early.
      replayStoredConsent(consentMode, decodeDecision(cookie), script!.hasAttribute('data-google-consent-mode'), gpc);
      (inventory as Promise<RawInventory | null>).then((json) => prefetch(json), () => {});
    } else if (!(inventory instanceof Promise)) {
      // The inventory is not validated yet, but Google tags after this script run now. Without
      // Consent Mode there is nothing to replay (see replayEarly), nor a cookie to decode for it.
      read = cookie;
      if (consentModeWanted(json)) replayEarly(consentMode, json, decodeDecision(cookie), gpc);
      // A first visit with a stamped inline inventory (and the bundled UI) gets its banner before the
      // engine: see crumbs-banner.js. Anything else fetches what its banner needs side by side.
      early = firstVisit(json, cookie) && typeof json!.stamp == 'string' && !script?.dataset.ui;
      if (!early) prefetch(json, cookie);
    }
    if (early)
      // The banner first; the engine and the decision code once it has been painted. Should the
      // banner's file fail to load, or the stamp not hold, the engine takes its usual way.
      // Both files asked for at once: the banner's file imports `crumbs-ui.js` too (the same URL,
      // so one module), but the browser finds that import only once it has parsed the file, after
      // the page's first paint, and fetched the UI one round trip later (17 to 231 ms after that
      // paint at 4x CPU; resource timing and traces). A failed UI fails the banner's file too.
      (import(/* @vite-ignore */ uiUrl).catch(() => retries++), import(/* @vite-ignore */ near('crumbs-banner.js' + versioned)))
        .then((banner: { showEarlyBanner: typeof ShowEarlyBanner }) => banner.showEarlyBanner(inventory, script?.dataset.lang, crumbs))
        .catch(() => null)
        .then((banner) => {
          if (!banner) {
            prefetch(json, cookie);
            return void begin();
          }
          // The decision code in a task of its own: an `import()` call alone took 5-40 ms of the
          // task it was made in, and both here made this one 40-60 ms at 4x CPU (traced). The engine
          // asks for it when it adopts the banner, and gets this load.
          afterFirstPaint(() => {
            void begin(banner);
            setTimeout(() => loadDecide().catch(() => {}));
          });
        });
    else if (cookie == null || document.visibilityState != 'visible') void begin();
    else afterFirstPaint(begin, true);
  };
  // The stand-in is the page's by now: a failure from here on must settle it (fail closed, told).
  const safely = (cookie: string | null | undefined) => {
    try {
      proceed(cookie);
    } catch (error) {
      deferred.fail('Crumbs could not start (' + String(error) + '); nothing optional was activated.');
    }
  };
  // The first `document.cookie` read of a page is a synchronous round trip to the browser (about
  // 15 ms of a fresh tab's first paint at 4x CPU, measured): where nothing before the first paint
  // needs the cookie (an inline inventory without Consent Mode), `cookieStore` reads it without
  // blocking. Consent Mode needs the stored state before the next Google tag, so it is read at once.
  let later: Promise<string[]> | undefined;
  try {
    if (!(remote || inventory instanceof Promise || consentModeWanted(json))) later = readCookiesLater(cookieName(json));
  } catch {
    // read at once below
  }
  if (later) later.then(agreedValue, () => undefined).then(safely);
  else safely(peek(remote ? undefined : json));
}

/**
 * Runs `task` once the page has painted: a task queued from an animation frame runs after that
 * frame. With `content`, after the frame of the first contentful paint: the first frames of a page
 * can hold no content yet (text waiting for its font, say), and work run after them delays the one
 * that does. A page that has painted no content a second after its load (it has none, or the
 * browser does not report paints) runs it then. A tab that is hidden meanwhile gets no frames: a
 * timer then runs it anyway.
 */
function afterFirstPaint(task: () => void, content?: boolean): void {
  let done = false;
  const once = () => {
    if (!done) {
      done = true;
      task();
    }
  };
  const afterFrame = () => void requestAnimationFrame(() => setTimeout(once));
  document.addEventListener('visibilitychange', () => setTimeout(once), { once: true });
  if (!content) return afterFrame();
  try {
    new PerformanceObserver((list) => list.getEntriesByName('first-contentful-paint')[0] && afterFrame()).observe({ type: 'paint', buffered: true });
  } catch {
    // no Paint Timing: the fallback below
  }
  // A timer, not a frame: a document that gets no frames (in a hidden frame) still starts.
  const late = () => setTimeout(once, 1000);
  if (document.readyState == 'complete') late();
  else addEventListener('load', late);
}

try {
  main();
} catch (error) {
  // Never into the host page: whatever failed, the page goes on and nothing optional runs.
  console.error('[crumbs] could not start:', error);
}
