// The site a browser test opens: one browser per test file (launch.mjs), a fresh context per site
// with every request routed (routes.mjs) and every page instrumented (instrument.mjs), the demo's
// constants, and the checks that hold after every test (no request left the machine, no uncaught
// page error). Finding the widget on the page is page-objects.mjs; accessibility checks, axe.mjs.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DIST_DIR, siteResponse } from '../../../demo/serve.mjs';
import { decodeDecision } from '../../../src/core/consent/decision-codec';
import { instrument } from './instrument.mjs';
import { launch } from './launch.mjs';
import { banner, dialog, focused, registerSite, settingsButton } from './page-objects.mjs';
import { routeSite, SITE, SITE_HOST } from './routes.mjs';

export { SITE, SITE_HOST } from './routes.mjs';
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'tests/browser/screenshots');

/** The demo's vendor ids, as written in demo/*.html. */
export const GA_ID = 'G-7RQ2D5KCMX';
export const HOTJAR_ID = '3842915';

/** Cookie names of every optional service's stand-in, on the site's domain. */
export const OPTIONAL_COOKIE = /^(_ga|_gid|_gat|__utm|_hj|_fbp|fr$|NID$|vuid$|player$)/;

/** Throws a clear error when the widget is not built. */
function assertBuilt() {
  for (const file of ['crumbs.js', 'crumbs-ui.js']) {
    if (!existsSync(join(DIST_DIR, file))) {
      throw new Error(`dist/${file} is missing: run \`node build.mjs\` before the browser tests.`);
    }
  }
}

/**
 * Registers the suite hooks of one test file: one browser for the file, and after each test the
 * checks that hold for every test (no request left the machine, no uncaught page error).
 * @returns {{ open: (options?: SiteOptions) => Promise<Site>, browser: () => import('playwright-core').Browser }}
 */
export function useSite() {
  let browser;
  let sites = [];
  beforeAll(async () => {
    assertBuilt();
    browser = await launch();
  });
  afterEach(async () => {
    const open = sites;
    sites = [];
    const problems = [];
    for (const site of open) {
      if (site.leaks.length) problems.push('request left the machine: ' + site.leaks.join(', '));
      if (site.pageErrors.length && !site.options.allowPageErrors)
        problems.push('uncaught page error: ' + site.pageErrors.map((e) => e.message).join(' | '));
      await site.context.close().catch(() => {});
    }
    if (problems.length) throw new Error(problems.join('\n'));
  });
  afterAll(async () => {
    await browser?.close();
  });
  return {
    browser: () => browser,
    open: async (options = {}) => {
      const site = await openSite(browser, options);
      sites.push(site);
      return site;
    },
  };
}

/**
 * @typedef {object} SiteOptions
 * @property {{ width: number, height: number }} [viewport]
 * @property {'light' | 'dark'} [colorScheme]
 * @property {boolean} [allowPageErrors] do not fail the test on uncaught page errors
 * @property {boolean} [reducedMotion]
 */

/**
 * Opens a fresh browser context (no cookies) with every request routed, and one page.
 * @param {import('playwright-core').Browser} browser
 * @param {SiteOptions} options
 */
export async function openSite(browser, options = {}) {
  const context = await browser.newContext({
    viewport: options.viewport ?? { width: 1280, height: 800 },
    colorScheme: options.colorScheme ?? 'light',
    reducedMotion: options.reducedMotion ? 'reduce' : 'no-preference',
    locale: 'en-GB',
  });
  await context.addInitScript(instrument);
  let page;

  const { requests, leaks, overrides, failedRequests } = await routeSite(context, () => page);

  // Requests of every page and frame that have started and not yet ended: what `settled` waits for.
  const inFlight = new Set();
  let onIdle = [];
  const ended = (request) => {
    inFlight.delete(request);
    if (inFlight.size === 0) for (const resolve of onIdle.splice(0)) resolve();
  };
  context.on('request', (request) => inFlight.add(request));
  context.on('requestfinished', ended);
  context.on('requestfailed', ended);
  const noneInFlight = (timeout) =>
    inFlight.size === 0
      ? Promise.resolve()
      : new Promise((resolve, reject) => {
          const timer = setTimeout(
            () => reject(new Error('requests still pending after ' + timeout + ' ms: ' + [...inFlight].map((r) => r.url()).join(', '))),
            timeout,
          );
          onIdle.push(() => {
            clearTimeout(timer);
            resolve();
          });
        });

  page = await context.newPage();
  const pageErrors = [];
  const consoleMessages = [];
  const navigations = [];
  page.on('pageerror', (error) => pageErrors.push(error));
  page.on('console', (message) => consoleMessages.push({ type: message.type(), text: message.text() }));
  // Document loads of the page (a reload counts, a same-document hash change does not).
  page.on('load', () => navigations.push(page.url()));

  const site = {
    options,
    context,
    page,
    requests,
    leaks,
    pageErrors,
    consoleMessages,
    navigations,
    failedRequests,

    /** Serves `body` for `path` on the site instead of the demo file (JSON for objects). */
    serve(path, response) {
      if (response === undefined) overrides.delete(path);
      else if (typeof response === 'function' || (response && 'status' in response)) overrides.set(path, response);
      else
        overrides.set(path, {
          status: 200,
          contentType: 'application/json; charset=utf-8',
          body: typeof response === 'string' ? response : JSON.stringify(response),
        });
    },

    /** Opens a page of the site and waits until Crumbs has applied the stored choice. */
    async goto(path = '/') {
      await page.goto(SITE + path, { waitUntil: 'load' });
      await site.ready();
    },

    /** Waits for `window.Crumbs.ready`, then for everything it set off (see `settled`). */
    async ready() {
      await page.waitForFunction(() => window.Crumbs != null, null, { timeout: 10_000 });
      await page.evaluate(() => window.Crumbs.ready.then(() => undefined));
      await site.settled();
    },

    /**
     * Waits until the page has nothing left to do: no request of any page or frame in flight, then
     * a rendered frame and the tasks queued up to it, after which still none is. What Crumbs sets
     * off (a released tag, a frame, the consent record, a lazily loaded file) is a request or a
     * task, so a check made after this sees its outcome, or that there was none. (Not
     * requestIdleCallback: after keyboard input, headless Chromium can go seconds without an idle
     * period.) Throws, naming them, when requests are still pending after `timeout` ms.
     */
    async settled(timeout = 10_000) {
      for (let round = 0; ; round++) {
        await noneInFlight(timeout);
        // A frame, then two task turns: a task queued by the first (a timer, a message) has run by
        // the second.
        const idle = await page
          .evaluate(() => new Promise((resolve) => requestAnimationFrame(() => setTimeout(() => setTimeout(() => resolve(true))))))
          // A navigation meanwhile (a reload after a revoke): wait for the new document.
          .catch(() => page.waitForLoadState('load').then(() => false));
        if (idle && inFlight.size === 0) {
          // And what is drawn has finished moving (the banner's and the dialog's entrance), shadow
          // roots included; an endless or paused animation is not waited for.
          await page.evaluate(() =>
            Promise.all(
              document
                .getAnimations()
                .filter((a) => a.playState === 'running' && a.effect?.getComputedTiming().endTime !== Infinity)
                .map((a) => a.finished.catch(() => {})),
            ),
          );
          return;
        }
        if (round > 50) throw new Error('the page did not settle: ' + [...inFlight].map((r) => r.url()).join(', '));
      }
    },

    /** Requests for hosts other than the site itself, optionally only those after index `since`. */
    thirdParty(since = 0) {
      return requests.slice(since).filter((r) => r.host !== SITE_HOST);
    },

    /** Requests whose host matches. */
    requestsTo(host, since = 0) {
      return requests.slice(since).filter((r) => (host instanceof RegExp ? host.test(r.host) : r.host === host));
    },

    /** Every cookie in the context, for every domain. */
    cookies: () => context.cookies(),

    /** Cookies (any domain) that belong to an optional service. */
    async optionalCookies() {
      return (await context.cookies()).filter((c) => OPTIONAL_COOKIE.test(c.name));
    },

    /** The consent cookie, or undefined. */
    async consentCookie(name = 'crumbs_consent') {
      return (await context.cookies()).find((c) => c.name === name);
    },

    /** What the vendor stand-ins and snippets recorded on the current page. */
    state: () =>
      page.evaluate(() => ({
        vendorsRan: window.__vendorsRan,
        vendorRuns: window.__vendorRuns,
        snippets: (window.__snippetsRan || []).filter(
          (s) => s.src === 'inline' || (s.src.startsWith(location.origin) && !s.src.includes('/crumbs/')),
        ),
        cspViolations: window.__cspViolations,
        events: window.__crumbsEvents,
        gtagSeen: window.__gtagSeen || [],
        consent: window.Crumbs ? window.Crumbs.getConsent() : undefined,
      })),

    /** The cookie banner (see page-objects.mjs). */
    banner: () => banner(page),

    /** The preferences dialog. */
    dialog: () => dialog(page),

    /** The small cookie-settings button the core draws after a decision. */
    settingsButton: () => settingsButton(page),

    /** Waits until every named stand-in has run at least once. */
    async waitForVendors(names, timeout = 10_000) {
      await page.waitForFunction((list) => list.every((n) => window.__vendorRuns && window.__vendorRuns[n] > 0), names, {
        timeout,
      });
      await site.settled();
    },

    /** The element that has focus, looking into shadow roots (see page-objects.mjs). */
    focused: () => focused(page),

    /** Saves a screenshot to tests/browser/screenshots/<name>.png. */
    async screenshot(name, options = {}) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, name + '.png'), ...options });
    },
  };
  registerSite(page, site);
  return site;
}

/** The demo inventory as JSON, for tests that serve a modified copy. */
export function demoInventory() {
  return JSON.parse(readFileSync(join(ROOT, 'demo/cookies.json'), 'utf8'));
}

/** How the demo pages load Crumbs: with the inventory fetched from /cookies.json. */
export const CRUMBS_REMOTE = '<script src="/crumbs/crumbs.js" data-inventory="/cookies.json"></script>';

/** Crumbs with an inventory inline (the stamped demo inventory unless given): what the README's inline snippet writes. */
export const crumbsInline = (inventory = demoInventory()) =>
  `<script type="application/json" id="crumbs-inventory">${JSON.stringify(inventory).replace(/</g, '\\u003c')}</script><script src="/crumbs/crumbs.js"></script>`;

/** An HTML response for `site.serve`. */
export const htmlResponse = (body) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });

/** A demo page as served, with the inventory inline instead of fetched. */
export function inlineInventoryPage(path) {
  const html = siteResponse(path).body.toString();
  expect(html, `${path} loads crumbs.js with a remote inventory`).toContain(CRUMBS_REMOTE);
  return html.replace(CRUMBS_REMOTE, crumbsInline());
}

/** Records what the page POSTs to the demo inventory's log URL, with the request's content type. */
export function captureLog(site) {
  const sent = [];
  site.serve('/consent/records', (request) => {
    sent.push({ method: request.method(), type: request.headers()['content-type'], record: JSON.parse(request.postData() ?? 'null') });
    return { status: 201, contentType: 'application/json', body: '{"stored":true}' };
  });
  return sent;
}

/**
 * The decision a consent cookie holds, read by Crumbs' own codec (readable field names; the cookie's
 * one-letter keys stay the codec's), or null when it does not decode.
 * @param serviceIds - the inventory's service ids, which the shown services and exceptions are stored against
 */
export function decodeConsentCookie(cookie, serviceIds = demoInventory().services.map((s) => s.id)) {
  return decodeDecision(decodeURIComponent(cookie.value), serviceIds);
}

/** Asserts that no request went to another host and no optional cookie exists (any domain). */
export async function expectNothingOptional(site, since = 0) {
  expect(site.thirdParty(since).map((r) => r.url), 'requests to hosts other than the site').toEqual([]);
  expect((await site.optionalCookies()).map((c) => `${c.name} (${c.domain})`), 'optional cookies').toEqual([]);
}
