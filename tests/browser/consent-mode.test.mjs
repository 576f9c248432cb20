// Google Consent Mode v2, Tag Manager, Global Privacy Control and vendor consent APIs in a real
// browser (issue 5, item 5): what a Google tag placed right after crumbs.js sees, first visit and
// returning visit, with an inline and a remote inventory; what Tag Manager reads from dataLayer; what
// a GPC signal changes; and that Meta's pixel hears a revoke before the page reloads.
//
// The pages under demo/consent-mode/ copy the README's snippets (section "Google Consent Mode v2 and
// Tag Manager"); the stand-in gtag.js records the consent state it sees at each `config` / `event`
// command (window.__gtagSeen) and sets _ga only when analytics_storage is granted, like the real tag.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { GA_ID, ROOT, SITE, SITE_HOST, useSite } from './helpers/site.mjs';

const env = useSite();

const ADVANCED = '/consent-mode/advanced.html';
const REMOTE = '/consent-mode/remote.html';
const GTM = '/consent-mode/gtm.html';
const INVENTORY = '/consent-mode/cookies.json';
const GTM_ID = 'GTM-K7QX3ZP';

/** The seven Consent Mode v2 types. */
const TYPES = [
  'ad_storage',
  'ad_user_data',
  'ad_personalization',
  'analytics_storage',
  'functionality_storage',
  'personalization_storage',
  'security_storage',
];
/** A consent state over all seven types: `granted` ones granted, security_storage always granted. */
const stateWith = (...granted) =>
  Object.fromEntries(TYPES.map((t) => [t, t === 'security_storage' || granted.includes(t) ? 'granted' : 'denied']));
const DENIED = stateWith();
const ALL_GRANTED = stateWith(...TYPES);
const AD_TYPES = ['ad_storage', 'ad_user_data', 'ad_personalization'];
const GA_COOKIES = ['_ga', `_ga_${GA_ID.slice(2)}`, '_gid'];

const gaCookies = async (site) => (await site.cookies()).filter((c) => GA_COOKIES.includes(c.name)).map((c) => c.name).sort();

/** What the stand-in gtag.js saw at its `config` / `event` commands. */
const measured = (seen) => seen.filter((s) => s.command === 'config' || s.command === 'event');
const firstConfig = (seen) => seen.find((s) => s.command === 'config');

/**
 * window.dataLayer as data: gtag commands (`arguments` objects) as `{ args: [...] }`, other messages
 * as `{ object }` / `{ array }`.
 */
function readDataLayer(page) {
  return page.evaluate(() =>
    (window.dataLayer || []).map((m) => {
      const kind = Object.prototype.toString.call(m);
      const plain = (v) => JSON.parse(JSON.stringify(v === undefined ? null : v));
      if (kind === '[object Arguments]') return { args: plain(Array.from(m)) };
      if (Array.isArray(m)) return { array: plain(m) };
      return { object: plain(m) };
    }),
  );
}
/** The Consent Mode commands and crumbs_consent events of a dataLayer read by readDataLayer. */
const consentMessages = (layer) =>
  layer.filter((m) => (m.args && m.args[0] === 'consent') || (m.object && m.object.event === 'crumbs_consent'));

/**
 * Serves `file` from tests/browser/vendors/ (with the run recorder in front, like helpers/vendors.mjs)
 * for requests whose URL matches, recording them with the site's other requests. Registered after
 * the site's catch-all route, so it takes precedence (Playwright runs the newest matching route first).
 */
async function serveStandIn(site, match, file) {
  const read = (name) => readFileSync(join(ROOT, 'tests/browser/vendors', name), 'utf8');
  await site.context.route(match, (route, request) => {
    const url = new URL(request.url());
    site.requests.push({ url: url.href, host: url.hostname, path: url.pathname, method: request.method(), type: request.resourceType(), at: Date.now() });
    return route.fulfill({ status: 200, contentType: 'text/javascript; charset=utf-8', body: read('record.js') + '\n' + read(file) });
  });
}

/**
 * Answers the remote inventory after `delayMs`, with the file or (`status` 404) an error. The
 * returned object says how many requests were made and answered, and can be changed between visits.
 */
async function slowInventory(site, { delayMs = 1500, status = 200 } = {}) {
  const control = { delayMs, status, requested: 0, answered: 0 };
  await site.context.route(SITE + INVENTORY, async (route, request) => {
    const url = new URL(request.url());
    site.requests.push({ url: url.href, host: url.hostname, path: url.pathname, method: request.method(), type: request.resourceType(), at: Date.now() });
    control.requested++;
    const { delayMs: wait, status: answer } = control;
    await new Promise((resolve) => setTimeout(resolve, wait));
    control.answered++;
    if (answer !== 200) return route.fulfill({ status: answer, contentType: 'text/plain', body: 'not found (test)' }).catch(() => {});
    return route
      .fulfill({ status: 200, contentType: 'application/json; charset=utf-8', body: readFileSync(join(ROOT, 'demo', INVENTORY), 'utf8') })
      .catch(() => {});
  });
  return control;
}

/** Waits until the stand-in gtag.js has processed at least one `config` command. */
const waitForConfig = (site) =>
  site.page.waitForFunction(() => (window.__gtagSeen || []).some((s) => s.command === 'config'), null, { timeout: 10_000 });

describe('advanced mode, inline inventory (README "Advanced mode" block)', () => {
  test('first visit denied at the first config and no _ga; Accept all grants later events and sets _ga; a returning visit is granted at the first config', async () => {
    const site = await env.open();
    await site.goto(ADVANCED);
    await site.waitForVendors(['gtag.js']);
    await visible(site.banner(), 'the banner');

    // crumbs.js, the first script, pushed the defaults before the page's own gtag() calls.
    let layer = await readDataLayer(site.page);
    expect(layer[0].args.slice(0, 2), 'first dataLayer message').toEqual(['consent', 'default']);
    expect(layer[0].args[2]).toMatchObject(DENIED);
    expect(typeof layer[0].args[2].wait_for_update).toBe('number');
    const configAt = layer.findIndex((m) => m.args && m.args[0] === 'config');
    expect(configAt).toBeGreaterThan(0);

    let state = await site.state();
    expect(state.gtagSeen[0].command, 'the tag saw the defaults first').toBe('consent default');
    expect(firstConfig(state.gtagSeen), 'first config').toEqual({ command: 'config', id: GA_ID, consent: DENIED });
    for (const seen of measured(state.gtagSeen)) expect(seen.consent, JSON.stringify(seen)).not.toBeNull();
    expect(await gaCookies(site), 'Google Analytics cookies before consent').toEqual([]);
    // Advanced mode: the tag is requested ungated and pings without cookies (gcs=G100).
    expect(site.requestsTo('www.googletagmanager.com').map((r) => r.url)).toEqual([`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`]);
    const pings = site.requestsTo('region1.google-analytics.com');
    expect(pings.length).toBeGreaterThan(0);
    for (const ping of pings) expect(ping.url).toContain('gcs=G100');

    const mark = layer.length;
    await button(site.banner(), 'Accept all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await site.settled();
    // Exactly one update with all seven types, then one crumbs_consent event.
    layer = await readDataLayer(site.page);
    const decisionMessages = consentMessages(layer.slice(mark));
    expect(decisionMessages).toHaveLength(2);
    expect(decisionMessages[0].args.slice(0, 2)).toEqual(['consent', 'update']);
    expect(decisionMessages[0].args[2]).toEqual(ALL_GRANTED);
    expect(decisionMessages[1].object).toMatchObject({ event: 'crumbs_consent', crumbs_categories: ['necessary', 'analytics', 'functionality', 'targeting'] });

    // The page measures something after the decision: the tag sees the granted state.
    await site.page.evaluate(() => window.gtag('event', 'sign_up'));
    state = await site.state();
    expect(state.gtagSeen.filter((s) => s.command === 'consent update').map((s) => s.consent)).toEqual([ALL_GRANTED]);
    expect(state.gtagSeen.at(-1)).toEqual({ command: 'event', name: 'sign_up', consent: ALL_GRANTED });
    expect(await gaCookies(site), 'Google Analytics cookies after Accept all').toEqual(GA_COOKIES.slice().sort());
    for (const cookie of (await site.cookies()).filter((c) => GA_COOKIES.includes(c.name))) expect(cookie.domain).toBe('.crumbs-demo.test');

    // Returning visit: the very first config already sees the stored grant.
    await site.page.reload({ waitUntil: 'load' });
    await site.ready();
    await site.waitForVendors(['gtag.js']);
    state = await site.state();
    expect(firstConfig(state.gtagSeen), 'first config of the returning visit').toEqual({ command: 'config', id: GA_ID, consent: ALL_GRANTED });
    for (const seen of measured(state.gtagSeen)) expect(seen.consent).toEqual(ALL_GRANTED);
    expect(await site.banner().count(), 'no banner on the returning visit').toBe(0);
  });

  test('Reject all: no _ga, and a reload is denied at the first config', async () => {
    const site = await env.open();
    await site.goto(ADVANCED);
    await site.waitForVendors(['gtag.js']);
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Reject all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await site.page.evaluate(() => window.gtag('event', 'sign_up'));
    let state = await site.state();
    expect(state.gtagSeen.at(-1)).toEqual({ command: 'event', name: 'sign_up', consent: DENIED });
    expect(await gaCookies(site)).toEqual([]);

    await site.page.reload({ waitUntil: 'load' });
    await site.ready();
    await site.waitForVendors(['gtag.js']);
    state = await site.state();
    expect(state.gtagSeen[0].command).toBe('consent default');
    expect(firstConfig(state.gtagSeen), 'first config after the reload').toEqual({ command: 'config', id: GA_ID, consent: DENIED });
    for (const seen of measured(state.gtagSeen)) expect(seen.consent).toEqual(DENIED);
    expect(await gaCookies(site), 'Google Analytics cookies').toEqual([]);
    expect(state.consent).toMatchObject({ action: 'reject-all', categories: ['necessary'] });
  });
});

describe('remote inventory, answered after 1.5 s (data-inventory + data-google-consent-mode)', () => {
  test('first visit denied at the first config; a returning visit granted at the first config before the inventory arrives', async () => {
    const site = await env.open();
    const inventory = await slowInventory(site);
    await site.page.goto(SITE + REMOTE, { waitUntil: 'load' });
    await waitForConfig(site);
    expect(inventory.answered, 'inventory answered before the tag configured').toBe(0);
    let state = await site.state();
    expect(state.gtagSeen[0].command).toBe('consent default');
    expect(firstConfig(state.gtagSeen), 'first config of the first visit').toEqual({ command: 'config', id: GA_ID, consent: DENIED });
    expect(await gaCookies(site)).toEqual([]);

    await site.ready();
    expect(inventory.answered).toBe(1);
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await site.page.evaluate(() => window.gtag('event', 'sign_up'));
    state = await site.state();
    expect(state.gtagSeen.at(-1)).toEqual({ command: 'event', name: 'sign_up', consent: ALL_GRANTED });
    expect(await gaCookies(site)).toEqual(GA_COOKIES.slice().sort());

    // Returning visit: crumbs.js replays the stored decision from the cookie, synchronously.
    await site.page.reload({ waitUntil: 'load' });
    await waitForConfig(site);
    expect(inventory.requested).toBe(2);
    expect(inventory.answered, 'inventory answered before the tag configured').toBe(1);
    expect(await site.page.evaluate(() => window.Crumbs.getConsent()), 'the instance has no inventory yet').toBeNull();
    state = await site.state();
    expect(firstConfig(state.gtagSeen), 'first config of the returning visit').toEqual({ command: 'config', id: GA_ID, consent: ALL_GRANTED });
    const layerBefore = await readDataLayer(site.page);
    expect(consentMessages(layerBefore).map((m) => m.args?.[1] ?? m.object.event)).toEqual(['default', 'update']);

    // Once the inventory has arrived: the replay was right, so no second update; the decision holds.
    await site.ready();
    expect(inventory.answered).toBe(2);
    state = await site.state();
    for (const seen of state.gtagSeen.filter((s) => s.command !== 'consent default')) expect(seen.consent, JSON.stringify(seen)).toEqual(ALL_GRANTED);
    const layerAfter = await readDataLayer(site.page);
    expect(consentMessages(layerAfter).filter((m) => m.args?.[1] === 'update')).toHaveLength(1);
    expect(state.consent).toMatchObject({ action: 'accept-all' });
  });

  test('returning visit, then the inventory answers 404: the tag gets a denied update (fail closed), no page error', async () => {
    const site = await env.open();
    const inventory = await slowInventory(site, { delayMs: 0 });
    await site.goto(REMOTE);
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await site.settled();

    inventory.delayMs = 1500;
    inventory.status = 404;
    await site.page.reload({ waitUntil: 'load' });
    await waitForConfig(site);
    expect(inventory.answered).toBe(1);
    let state = await site.state();
    expect(firstConfig(state.gtagSeen).consent, 'first config: the replayed grant').toEqual(ALL_GRANTED);

    await site.page.evaluate(() => window.Crumbs.ready);
    await site.settled();
    expect(inventory.answered).toBe(2);
    state = await site.state();
    const updates = state.gtagSeen.filter((s) => s.command === 'consent update');
    expect(updates.map((u) => u.consent), 'updates: replayed grant, then withdrawn').toEqual([ALL_GRANTED, DENIED]);
    // Anything measured after the failure is denied.
    await site.page.evaluate(() => window.gtag('event', 'after_failure'));
    state = await site.state();
    expect(state.gtagSeen.at(-1)).toEqual({ command: 'event', name: 'after_failure', consent: DENIED });
    expect(site.pageErrors.map((e) => e.message), 'page errors').toEqual([]);
    expect(state.events.some((e) => e.name === 'error'), 'a crumbs:error event').toBe(true);
  });
});

describe('basic mode (the demo site: Google tag gated)', () => {
  test('no request to Google before consent; after Accept all the first config sees granted', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await site.settled();
    expect(site.requestsTo('www.googletagmanager.com'), 'requests to Google before consent').toEqual([]);
    expect(site.requestsTo(/google-analytics\.com$/)).toEqual([]);
    const layer = await readDataLayer(site.page);
    expect(layer[0].args.slice(0, 2)).toEqual(['consent', 'default']);
    expect(layer[0].args[2]).toMatchObject(DENIED);

    await button(site.banner(), 'Accept all').click();
    await site.waitForVendors(['gtag.js']);
    const state = await site.state();
    expect(site.requestsTo('www.googletagmanager.com').map((r) => r.url)).toEqual([`https://www.googletagmanager.com/gtag/js?id=${GA_ID}`]);
    expect(firstConfig(state.gtagSeen), 'first config').toEqual({ command: 'config', id: GA_ID, consent: ALL_GRANTED });
    for (const seen of measured(state.gtagSeen)) expect(seen.consent).toEqual(ALL_GRANTED);
    expect(await gaCookies(site)).toEqual(GA_COOKIES.slice().sort());
  });
});

describe('Google Tag Manager, setup A (README block: GTM ungated after crumbs.js)', () => {
  test('a decision pushes one consent update then one crumbs_consent; page 2 has crumbs_consent at start-up', async () => {
    const site = await env.open();
    await serveStandIn(site, (url) => url.hostname === 'www.googletagmanager.com' && url.pathname === '/gtm.js', 'gtm.js');
    await site.goto(GTM);
    await site.waitForVendors(['gtm.js']);
    await visible(site.banner(), 'the banner');
    expect(site.requestsTo('www.googletagmanager.com').map((r) => r.url)).toEqual([`https://www.googletagmanager.com/gtm.js?id=${GTM_ID}`]);
    expect(await site.page.evaluate(() => window.__gtmContainer)).toBe(GTM_ID);

    // First visit: GTM starts with Crumbs' defaults already queued, and no crumbs_consent event.
    let seen = await site.page.evaluate(() => window.__gtmSeen);
    expect(seen[0]).toMatchObject({ type: 'consent', command: 'default', consent: DENIED, phase: 'queued' });
    expect(seen.filter((s) => s.event === 'crumbs_consent')).toEqual([]);
    expect(seen.filter((s) => s.type === 'event').map((s) => s.event)).toContain('gtm.js');

    const layerMark = (await readDataLayer(site.page)).length;
    const seenMark = seen.length;
    await button(site.banner(), 'Accept all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await site.settled();

    const after = consentMessages((await readDataLayer(site.page)).slice(layerMark));
    expect(after.map((m) => (m.args ? 'consent ' + m.args[1] : m.object.event)), 'what the decision pushed').toEqual(['consent update', 'crumbs_consent']);
    expect(Object.keys(after[0].args[2]).sort(), 'the update names all seven types').toEqual(TYPES.slice().sort());
    expect(after[0].args[2]).toEqual(ALL_GRANTED);
    expect(after[1].object).toEqual({
      event: 'crumbs_consent',
      crumbs_categories: ['necessary', 'analytics', 'functionality', 'targeting'],
      crumbs_services: ['crumbs', 'google-analytics', 'vimeo', 'google-ads'],
    });
    seen = (await site.page.evaluate(() => window.__gtmSeen)).slice(seenMark);
    expect(seen.map((s) => (s.type === 'consent' ? 'consent ' + s.command : s.event))).toEqual(['consent update', 'crumbs_consent']);
    // GTM fires the Custom Event with the granted state in force, and a Data Layer Variable reads the categories.
    expect(seen[1].consent).toEqual(ALL_GRANTED);
    expect(seen[1].crumbs_categories).toContain('analytics');

    // Page 2 (returning visit): the stored decision reaches GTM as an update and a crumbs_consent event.
    await site.goto(GTM);
    await site.waitForVendors(['gtm.js']);
    await site.page.waitForFunction(() => (window.__gtmSeen || []).some((s) => s.event === 'crumbs_consent'), null, { timeout: 5000 });
    seen = await site.page.evaluate(() => window.__gtmSeen);
    const order = seen.filter((s) => s.type === 'consent' || s.event === 'crumbs_consent').map((s) => (s.type === 'consent' ? 'consent ' + s.command : s.event));
    expect(order, 'page 2: consent messages as GTM saw them').toEqual(['consent default', 'consent update', 'crumbs_consent']);
    const update = seen.find((s) => s.type === 'consent' && s.command === 'update');
    expect(update.phase, 'the replayed update was queued before GTM started').toBe('queued');
    expect(update.args).toEqual(ALL_GRANTED);
    const event = seen.find((s) => s.event === 'crumbs_consent');
    expect(event).toMatchObject({ crumbs_categories: ['necessary', 'analytics', 'functionality', 'targeting'], consent: ALL_GRANTED });
    expect(await site.banner().count()).toBe(0);
  });
});

describe('Global Privacy Control', () => {
  test('Accept all leaves the ad types denied and the Meta Pixel unloaded, says so; an explicit Targeting switch grants it', async () => {
    const site = await env.open();
    await site.context.addInitScript(() => {
      Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', { configurable: true, get: () => true });
    });
    await site.goto('/');
    expect(await site.page.evaluate(() => navigator.globalPrivacyControl)).toBe(true);
    const banner = site.banner();
    await visible(banner, 'the banner');
    await expect.poll(() => banner.innerText()).toContain('Global Privacy Control');

    await button(banner, 'Accept all').click();
    await site.waitForVendors(['gtag.js', 'hotjar.js']);
    await site.settled();
    let state = await site.state();
    const gpcState = stateWith('analytics_storage', 'functionality_storage', 'personalization_storage');
    expect(firstConfig(state.gtagSeen), 'first config after Accept all under GPC').toEqual({ command: 'config', id: GA_ID, consent: gpcState });
    await site.page.evaluate(() => window.gtag('event', 'sign_up'));
    state = await site.state();
    for (const type of AD_TYPES) expect(state.gtagSeen.at(-1).consent[type], type).toBe('denied');
    expect(site.requestsTo(/facebook/).map((r) => r.url), 'Meta Pixel requests').toEqual([]);
    expect(state.vendorRuns['fbevents.js']).toBeUndefined();
    expect(state.consent).toMatchObject({ action: 'accept-all', gpc: true, categories: ['necessary', 'analytics', 'functionality'] });
    expect((await site.cookies()).map((c) => c.name)).not.toContain('_fbp');

    // The dialog says so too; switching Targeting on there is an explicit grant.
    await visible(site.settingsButton(), 'the cookie settings button');
    await site.settingsButton().click();
    const dialog = site.dialog();
    await visible(dialog, 'the preferences dialog');
    await expect.poll(() => dialog.innerText()).toContain('Global Privacy Control');
    const targeting = dialog.getByRole('switch', { name: 'Targeting', exact: true });
    expect(await targeting.isChecked()).toBe(false);
    await targeting.check();
    await button(dialog, 'Save choices').click();
    await dialog.waitFor({ state: 'hidden' });
    await site.waitForVendors(['fbevents.js']);
    await site.page.evaluate(() => window.gtag('event', 'after_targeting'));
    state = await site.state();
    const updates = state.gtagSeen.filter((s) => s.command === 'consent update').map((s) => s.consent);
    expect(updates.at(-1), 'the last update grants the ad types').toEqual(ALL_GRANTED);
    expect(state.gtagSeen.at(-1)).toEqual({ command: 'event', name: 'after_targeting', consent: ALL_GRANTED });
    expect(site.requestsTo('connect.facebook.net')).toHaveLength(1);
    expect(state.consent).toMatchObject({ gpc: true, categories: ['necessary', 'analytics', 'functionality', 'targeting'] });
  });
});

describe('vendor consent APIs on withdrawal (demo inventory: Meta Pixel declares vendorConsent meta-pixel)', () => {
  test("accept, then Reject all: fbevents.js receives fbq('consent', 'revoke') before the page reloads", async () => {
    const site = await env.open();
    // Keeps a log in sessionStorage across the reload: each document load, and every call the
    // stand-in fbevents.js records in window.__fbqCalls.
    await site.context.addInitScript(() => {
      if (window !== window.top) return;
      const KEY = '__crumbsTestFbqLog';
      const add = (entry) => {
        const log = JSON.parse(sessionStorage.getItem(KEY) || '[]');
        log.push(entry);
        sessionStorage.setItem(KEY, JSON.stringify(log));
      };
      add({ load: location.pathname });
      const calls = [];
      const push = calls.push;
      calls.push = function (...items) {
        for (const item of items) add({ fbq: JSON.parse(JSON.stringify(item)) });
        return push.apply(this, items);
      };
      window.__fbqCalls = calls;
    });
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await site.waitForVendors(['fbevents.js']);
    expect((await site.cookies()).map((c) => c.name)).toContain('_fbp');

    await visible(site.settingsButton(), 'the cookie settings button');
    await site.settingsButton().click();
    await visible(site.dialog(), 'the preferences dialog');
    const reloaded = site.page.waitForEvent('load');
    await button(site.dialog(), 'Reject all').click();
    await reloaded;
    await site.ready();

    const log = await site.page.evaluate(() => JSON.parse(sessionStorage.getItem('__crumbsTestFbqLog') || '[]'));
    const text = log.map((e) => (e.load ? 'load ' + e.load : 'fbq ' + e.fbq.join(' ')));
    expect(text).toEqual(['load /', 'fbq init 918273645546372', 'fbq track PageView', 'fbq consent revoke', 'load /']);
    expect(site.navigations).toHaveLength(2);
    expect((await site.state()).consent).toMatchObject({ action: 'revoke', categories: ['necessary'] });
    expect((await site.cookies()).map((c) => c.name)).not.toContain('_fbp');
    expect(site.thirdParty(site.requests.findLastIndex((r) => r.navigation && r.mainFrame))).toEqual([]);
  });
});
