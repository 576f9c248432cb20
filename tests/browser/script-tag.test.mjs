// The script tag's two halves in Chromium: crumbs.js, the only synchronous file, stands in as
// window.Crumbs and does what must precede the first paint (Consent Mode); crumbs-engine.js starts at
// once on a first visit and after the first paint for a returning visitor. The page can use the API
// from its next script on; every way the start can fail is reported and runs nothing optional.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { inventoryStamp } from '../../src/core/inventory/inventory-stamp';
import { demoInventory, expectNothingOptional, useSite } from './helpers/site.mjs';

const env = useSite();
const html = (body) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
const inline = (json) => `<script type="application/json" id="crumbs-inventory">${json.replace(/</g, '\\u003c')}</script>`;
const INVENTORY = () => inline(JSON.stringify(demoInventory()));
/** A page with the given inventory block (or none) and crumbs.js attributes; `after` follows crumbs.js. */
const page = ({ inventory = INVENTORY(), attributes = '', after = '' } = {}) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${inventory}<script src="/crumbs/crumbs.js"${attributes}></script>${after}` +
  `<script type="text/plain" data-consent="google-analytics">window.gaRan = true;</script><title>Script tag</title></head>` +
  `<body><h1>An article</h1><p>Text that paints.</p></body></html>`;
const errors = async (site) => (await site.state()).events.filter((e) => e.name === 'error').map((e) => e.detail.message);

/** An inline script right after crumbs.js: what the page's own code can do at once. */
const EARLY = `<script>
  window.__early = { status: Crumbs.getSnapshot().status, granted: Crumbs.isGranted('analytics'), consent: Crumbs.getConsent(), ready: [], notified: [] };
  Crumbs.on('ready', function () { __early.ready.push(performance.now()); });
  Crumbs.subscribe(function () { __early.notified.push(Crumbs.getSnapshot().status); });
  if (location.search == '?open') Crumbs.showPreferences();
</script>`;

describe('crumbs.js and crumbs-engine.js', () => {
  test('the page uses the API from its next script on; a returning visitor\'s engine starts after the first paint, by reload and by navigation', async () => {
    const site = await env.open();
    site.serve('/early.html', html(page({ after: EARLY })));
    await site.goto('/early.html');
    await button(site.banner(), 'Accept all').click();
    await expect.poll(() => site.page.evaluate(() => window.gaRan)).toBe(true);

    for (const how of ['reload', 'navigation']) {
      if (how == 'reload') await site.page.reload({ waitUntil: 'load' });
      else await site.page.goto(site.page.url().replace(/\/[^/]*$/, '/early.html'), { waitUntil: 'load' });
      await site.ready();
      const seen = await site.page.evaluate(() => ({
        early: window.__early,
        granted: window.Crumbs.isGranted('analytics'),
        status: window.Crumbs.getSnapshot().status,
        gaRan: window.gaRan,
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
      }));
      // Before the engine: nothing granted yet, as any instance answers before `ready`.
      expect(seen.early, how).toMatchObject({ status: 'loading', granted: false, consent: null });
      // Handed over: the subscription heard the engine's start, the event handler its `ready`.
      expect(seen.early.notified, how).toContain('ready');
      expect(seen.early.ready, how).toHaveLength(1);
      expect([seen.granted, seen.status, seen.gaRan], how).toEqual([true, 'ready', true]);
      // The engine (and with it every gated tag) came after the first paint, not before it.
      expect(seen.fcp, how).toBeGreaterThan(0);
      expect(seen.early.ready[0], how).toBeGreaterThanOrEqual(seen.fcp);
    }
  });

  test('a returning visitor\'s engine waits for the first contentful paint, not the first frame, on a page whose content comes late', async () => {
    const site = await env.open();
    // The page's own doing, as text waiting for a web font would: its first frames have nothing
    // to show, and its content is drawn a moment later.
    const late = `<script>setTimeout(() => document.body.insertAdjacentHTML('beforeend', '<h1>Late news</h1><p>Text that paints late.</p>'), 300)</script>`;
    site.serve('/late.html', html(page().replace('<body><h1>An article</h1><p>Text that paints.</p></body>', '<body>' + late + '</body>')));
    await site.goto('/late.html');
    await button(site.banner(), 'Reject all').click();
    await site.settled();
    for (const how of ['reload', 'navigation']) {
      if (how == 'reload') await site.page.reload({ waitUntil: 'load' });
      else await site.page.goto(site.page.url(), { waitUntil: 'load' });
      await site.ready();
      const seen = await site.page.evaluate(() => ({
        fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime,
        engine: performance.getEntriesByType('resource').find((r) => r.name.includes('/crumbs-engine.js'))?.startTime,
        status: window.Crumbs.getSnapshot().status,
      }));
      expect(seen.status, how).toBe('ready');
      expect(seen.fcp, how).toBeGreaterThan(0);
      expect(seen.engine, how + ': the engine was fetched').toBeGreaterThan(0);
      expect(seen.engine, how + ': not before the content painted').toBeGreaterThanOrEqual(seen.fcp);
    }
  });

  test('an inline inventory without Consent Mode: crumbs.js reads no cookie while it runs, nor the engine after it; the banner, a decision and the next pages by reload and navigation work as before', async () => {
    const site = await env.open();
    // Every document.cookie read of the page, and how many had happened once crumbs.js was done.
    await site.context.addInitScript(() => {
      const { get, set } = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
      window.__cookieReads = 0;
      Object.defineProperty(Document.prototype, 'cookie', {
        configurable: true,
        get() {
          window.__cookieReads++;
          return get.call(this);
        },
        set(value) {
          set.call(this, value);
        },
      });
    });
    const withoutConsentMode = demoInventory();
    delete withoutConsentMode.googleConsentMode;
    delete withoutConsentMode.stamp;
    withoutConsentMode.stamp = inventoryStamp(withoutConsentMode);
    const at = (inventory) => html(page({ inventory: inline(JSON.stringify(inventory)), after: '<script>window.__readsDuringBoot = window.__cookieReads</script>' }));
    site.serve('/consent-mode.html', at(demoInventory()));
    site.serve('/plain.html', at(withoutConsentMode));
    const readsDuringBoot = () => site.page.evaluate(() => window.__readsDuringBoot);

    // The control: with Consent Mode the stored state must be known before the next Google tag.
    await site.goto('/consent-mode.html');
    expect(await readsDuringBoot(), 'with Consent Mode: read at once').toBeGreaterThan(0);

    await site.goto('/plain.html');
    expect(await readsDuringBoot(), 'first visit').toBe(0);
    await button(site.banner(), 'Accept all').click();
    await expect.poll(() => site.page.evaluate(() => window.gaRan)).toBe(true);
    for (const how of ['reload', 'navigation']) {
      if (how == 'reload') await site.page.reload({ waitUntil: 'load' });
      else await site.page.goto(site.page.url(), { waitUntil: 'load' });
      await site.ready();
      expect(await readsDuringBoot(), how).toBe(0);
      expect(await site.page.evaluate(() => [window.gaRan, window.Crumbs.isGranted('analytics')]), how).toEqual([true, true]);
      // Each read is a round trip to the browser: the engine takes the decision crumbs.js read, and
      // with everything granted there is nothing to clean up, so the whole page view reads none.
      await site.settled();
      expect(await site.page.evaluate(() => window.__cookieReads), how + ': document.cookie reads in all').toBe(0);
      expect(await site.banner().count(), how + ': no banner').toBe(0);
    }
  });

  test('a call made before the engine is there is carried out once it is (showPreferences)', async () => {
    const site = await env.open();
    site.serve('/early.html', html(page({ after: EARLY })));
    await site.goto('/early.html');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.consentCookie().then(Boolean)).toBe(true);
    await site.page.goto(site.page.url().replace(/\/[^/]*$/, '/early.html?open'), { waitUntil: 'load' });
    await visible(site.dialog(), 'the preferences dialog asked for before the engine');
    expect(await site.page.evaluate(() => window.__early.status)).toBe('loading');
  });

  test('crumbs-engine.js cannot be loaded: Consent Mode defaults are out, the page is told, nothing optional runs', async () => {
    const site = await env.open();
    site.serve('/crumbs/crumbs-engine.js', { status: 503, contentType: 'text/plain', body: 'busy' });
    site.serve('/no-engine.html', html(page({ after: EARLY })));
    await site.goto('/no-engine.html');
    expect(await errors(site)).toEqual([expect.stringMatching(/^crumbs-engine\.js could not be loaded \(.+\); nothing optional was activated\.$/)]);
    const seen = await site.page.evaluate(async () => ({
      ready: await window.Crumbs.ready,
      status: window.Crumbs.getSnapshot().status,
      notified: window.__early.notified,
      layer: (window.dataLayer || []).map((e) => Array.from(e)),
    }));
    expect(seen).toMatchObject({ ready: null, status: 'failed', notified: ['failed'] });
    expect(seen.layer[0]).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied', ad_storage: 'denied' })]);
    // One console error of ours (Chromium logs the failed request itself as well).
    expect(site.consoleMessages.filter((m) => m.type === 'error' && m.text.startsWith('[crumbs]')).map((m) => m.text)).toEqual([
      expect.stringMatching(/^\[crumbs\] crumbs-engine\.js could not be loaded/),
    ]);
    await expectNothingOptional(site);
    expect(site.pageErrors).toEqual([]);
  });

  for (const [label, options, message] of [
    ['the inline inventory is not JSON', { inventory: inline('{ "categories": [ oops') }, /#crumbs-inventory is not valid JSON/],
    ['there is no inventory at all', { inventory: '' }, /no inventory: add data-inventory="\/cookies\.json" to the script tag/],
    ['the inventory URL answers 404', { inventory: '', attributes: ' data-inventory="/missing.json"' }, /\/missing\.json: HTTP 404/],
  ]) {
    test(`fails closed when ${label}, on a first visit and for a returning visitor`, async () => {
      const site = await env.open();
      site.serve('/bad.html', html(page(options)));
      site.serve('/missing.json', { status: 404, contentType: 'text/plain', body: 'not found' });
      // A returning visitor first: a decision made on the demo's good pages.
      await site.goto('/');
      await button(site.banner(), 'Accept all').click();
      await expect.poll(() => site.consentCookie().then(Boolean)).toBe(true);
      await site.goto('/bad.html');
      expect(await errors(site)).toEqual([expect.stringMatching(message)]);
      expect(await site.page.evaluate(() => [window.gaRan, window.Crumbs.isGranted('analytics')])).toEqual([undefined, false]);
      // And a first visit.
      await site.context.clearCookies();
      const mark = site.requests.length;
      await site.goto('/bad.html');
      expect(await errors(site)).toEqual([expect.stringMatching(message)]);
      expect(await site.page.evaluate(() => window.gaRan)).toBeUndefined();
      await expectNothingOptional(site, mark);
      expect(site.pageErrors).toEqual([]);
    });
  }
});
