// Shared plumbing of the browser suite: launches Debian's Chromium with playwright-core, serves the
// demo under https://www.crumbs-demo.test by intercepting every request (site files from demo/ and
// dist/ through demo/serve.mjs, vendor hosts from the stand-ins), records every request, and fails
// the test when a request would have left the machine or the page threw.
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { DIST_DIR, siteResponse } from '../../../demo/serve.mjs';
import { vendorResponse } from './vendors.mjs';

export const SITE_HOST = 'www.crumbs-demo.test';
export const SITE = 'https://' + SITE_HOST;
export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const SCREENSHOTS = join(ROOT, 'tests/browser/screenshots');

/** The demo's vendor ids, as written in demo/*.html. */
export const GA_ID = 'G-7RQ2D5KCMX';
export const HOTJAR_ID = '3842915';

/** Flags for Chromium in this sandbox (see DEVELOPERS.md / the machine notes). */
export const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Cookie names of every optional service's stand-in, on the site's domain. */
export const OPTIONAL_COOKIE = /^(_ga|_gid|_gat|__utm|_hj|_fbp|fr$|NID$|vuid$|player$)/;

/** Runs in every frame before any page script: records what the tests read back. */
function instrument() {
  window.__vendorsRan = [];
  window.__vendorRuns = {};
  window.__crumbsTestRecord = function (name) {
    window.__vendorsRan.push(name);
    window.__vendorRuns[name] = (window.__vendorRuns[name] || 0) + 1;
  };
  window.__cspViolations = [];
  document.addEventListener('securitypolicyviolation', function (e) {
    window.__cspViolations.push({
      directive: e.violatedDirective,
      blocked: e.blockedURI,
      source: e.sourceFile,
      line: e.lineNumber,
      sample: e.sample,
    });
  });
  window.__crumbsEvents = [];
  ['ready', 'consent', 'change', 'error'].forEach(function (name) {
    document.addEventListener('crumbs:' + name, function (e) {
      var detail;
      try {
        detail = JSON.parse(JSON.stringify(e.detail === undefined ? null : e.detail));
      } catch (error) {
        detail = String(error);
      }
      window.__crumbsEvents.push({ name: name, detail: detail });
    });
  });
  // The Vimeo player stand-in runs in its own (cross-origin) frame and reports by message.
  window.addEventListener('message', function (e) {
    if (e.data && e.data.crumbsTestVendor) window.__crumbsTestRecord(e.data.crumbsTestVendor);
  });
  if (window !== window.top) return;
  // Which vendor snippet ran, in which order: each official snippet assigns one global first
  // (gtag: dataLayer, Hotjar: _hjSettings, Meta: fbq). The executing script is recorded with it.
  window.__snippetsRan = [];
  [
    ['dataLayer', 'google-analytics'],
    ['_hjSettings', 'hotjar'],
    ['fbq', 'meta-pixel'],
  ].forEach(function (pair) {
    var value;
    Object.defineProperty(window, pair[0], {
      configurable: true,
      enumerable: true,
      get: function () {
        return value;
      },
      set: function (next) {
        var script = document.currentScript;
        window.__snippetsRan.push({ service: pair[1], src: script ? script.src || 'inline' : 'none' });
        value = next;
      },
    });
  });
}

/** The site object of each open page, for diagnostics. */
const SITES = new WeakMap();

/** Throws a clear error when the widget is not built. */
function assertBuilt() {
  for (const file of ['crumbs.js', 'crumbs-ui.js']) {
    if (!existsSync(join(DIST_DIR, file))) {
      throw new Error(`dist/${file} is missing: run \`node build.mjs\` before the browser tests.`);
    }
  }
}

/** Launches Chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
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
  const requests = [];
  const leaks = [];
  const overrides = new Map();
  const failedRequests = [];
  let page;

  await context.route('**/*', async (route, request) => {
    const url = new URL(request.url());
    let mainFrame = false;
    try {
      mainFrame = !!page && request.frame() === page.mainFrame();
    } catch {
      // Requests of workers have no frame.
    }
    requests.push({
      url: url.href,
      host: url.hostname,
      path: url.pathname,
      method: request.method(),
      type: request.resourceType(),
      navigation: request.isNavigationRequest(),
      mainFrame,
      at: Date.now(),
    });
    if (url.protocol === 'https:' && url.hostname === SITE_HOST) {
      if (url.pathname === AXE_PATH) return route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE_SOURCE });
      const override = overrides.get(url.pathname);
      // A function may return a promise: a response that arrives late, or never.
      if (override) return route.fulfill(await (typeof override === 'function' ? override(request) : override));
      const cookie = await request.headerValue('cookie').catch(() => null);
      const { status, headers, body } = siteResponse(url.pathname, { cookie: cookie ?? '', secure: true });
      if (status >= 400) failedRequests.push({ status, url: url.href });
      return route.fulfill({ status, headers, body });
    }
    const vendor = url.protocol === 'https:' ? vendorResponse(url) : null;
    if (vendor) return route.fulfill(vendor);
    leaks.push(url.href);
    return route.abort('blockedbyclient');
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

    /** Waits for `window.Crumbs.ready`, then a moment for anything it set off. */
    async ready(settleMs = 300) {
      await page.waitForFunction(() => window.Crumbs != null, null, { timeout: 10_000 });
      await page.evaluate(() => window.Crumbs.ready.then(() => undefined));
      await page.waitForTimeout(settleMs);
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

    /** The cookie banner (a labelled region holding the three decision buttons). */
    banner: () =>
      page.getByRole('region').filter({ has: page.getByRole('button', { name: 'Reject all', exact: true }) }),

    /** The preferences dialog. */
    dialog: () => page.getByRole('dialog'),

    /** The small cookie-settings button the core draws after a decision. */
    settingsButton: () => page.locator('[data-crumbs-settings]').getByRole('button', { name: 'Cookie settings' }),

    /** Waits until every named stand-in has run at least once. */
    async waitForVendors(names, timeout = 10_000) {
      await page.waitForFunction((list) => list.every((n) => window.__vendorRuns && window.__vendorRuns[n] > 0), names, {
        timeout,
      });
      await page.waitForTimeout(300);
    },

    /** The element that has focus, looking into shadow roots. */
    focused: () =>
      page.evaluate(() => {
        let el = document.activeElement;
        while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
        if (!el || el === document.body) return null;
        const root = el.getRootNode();
        return {
          tag: el.tagName.toLowerCase(),
          role: el.getAttribute('role'),
          name: (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent) || '')
            .trim()
            .replace(/\s+/g, ' '),
          checked: el.checked,
          inDialog: !!el.closest('[role="dialog"]'),
          inBanner: !!el.closest('[role="region"]') && root !== document,
          inSettingsButton: !!(root && root.host && root.host.hasAttribute('data-crumbs-settings')),
        };
      }),

    /** Saves a screenshot to tests/browser/screenshots/<name>.png. */
    async screenshot(name, options = {}) {
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.screenshot({ path: join(SCREENSHOTS, name + '.png'), ...options });
    },
  };
  SITES.set(page, site);
  return site;
}

/** The demo inventory as JSON, for tests that serve a modified copy. */
export function demoInventory() {
  return JSON.parse(readFileSync(join(ROOT, 'demo/cookies.json'), 'utf8'));
}

/** Where the test server answers axe-core's source on the site's own origin (for CSP pages). */
const AXE_PATH = '/__tests__/axe.min.js';

/** axe-core's source, injected into pages with page.addScriptTag({ content }). */
export const AXE_SOURCE = readFileSync(join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');

/** Clicks the button with this exact accessible name inside `scope` (a locator or the page). */
export function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

/** A switch in the preferences dialog, opening the disclosure that holds it when it is collapsed. */
export async function revealSwitch(dialog, name) {
  const control = dialog.getByRole('switch', { name, exact: true });
  if (await control.isVisible()) return control;
  const disclosures = dialog.locator('summary, [aria-expanded="false"]');
  for (const disclosure of await disclosures.all()) {
    if ((await disclosure.getAttribute('aria-expanded')) === 'false' || (await disclosure.evaluate((el) => el.tagName === 'SUMMARY' && !el.parentElement.open)))
      await disclosure.click();
    if (await control.isVisible()) return control;
  }
  return control;
}

/** Resolves when `locator` is visible; fails with `what` in the message otherwise. */
export async function visible(locator, what, timeout = 10_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    // Say why when we can: a failed widget download or a console error usually explains it.
    const site = SITES.get(locator.page());
    const failed = site ? site.failedRequests.map((r) => `${r.status} ${r.url}`) : [];
    const errors = site ? site.consoleMessages.filter((m) => m.type === 'error').map((m) => m.text) : [];
    const why = [...failed, ...errors].slice(0, 8).join('; ');
    throw new Error(`${what} did not become visible within ${timeout} ms${why ? ' (' + why + ')' : ''}`);
  }
}

/** Reads the consent cookie's value as the JSON Crumbs wrote (js-cookie percent-encodes it). */
export function decodeConsentCookie(cookie) {
  return JSON.parse(decodeURIComponent(cookie.value));
}

/** Runs axe-core (WCAG 2.0 to 2.2, levels A and AA) on the parts of the page `include` selects. */
export async function axe(page, include) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // A page under a strict CSP refuses inline scripts: load axe from the site's own origin there.
    await page.addScriptTag({ content: AXE_SOURCE }).catch(() => page.addScriptTag({ url: AXE_PATH }));
  }
  return page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' >>> '), summary: n.failureSummary })),
    }));
  }, include);
}

/** Asserts that no request went to another host and no optional cookie exists (any domain). */
export async function expectNothingOptional(site, since = 0) {
  expect(site.thirdParty(since).map((r) => r.url), 'requests to hosts other than the site').toEqual([]);
  expect((await site.optionalCookies()).map((c) => `${c.name} (${c.domain})`), 'optional cookies').toEqual([]);
}
