// The consent cookie in a real browser: its attributes, when it stops counting (revision bump, new
// service), and failing closed on a tampered cookie or a broken inventory.
import { siteResponse } from '../../demo/serve.mjs';
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { decodeConsentCookie, demoInventory, SITE_HOST, useSite } from './helpers/site.mjs';

const env = useSite();
const DAY = 86_400;
const DEMO_INDEX = siteResponse('/').body.toString('utf8');

/** Decides on a fresh page of `site` and returns the consent cookie. */
async function decide(site, choice) {
  await site.goto('/');
  await visible(site.banner(), 'the banner');
  await button(site.banner(), choice).click();
  await site.banner().waitFor({ state: 'hidden' });
  await site.settled();
  return site.consentCookie();
}

/** Asserts that nothing optional ran or was fetched on the current page since `mark`. */
async function expectNothingOptional(site, mark = 0) {
  expect(site.thirdParty(mark).map((r) => r.url), 'third-party requests').toEqual([]);
  const state = await site.state();
  expect(state.vendorsRan, 'vendor scripts that ran').toEqual([]);
  expect(state.snippets, 'vendor snippets that ran').toEqual([]);
}

describe('consent cookie', () => {
  test('attributes: SameSite=Lax, Secure, path /, host-only, 182 days, not HttpOnly', async () => {
    const site = await env.open();
    const cookie = await decide(site, 'Accept all');
    expect(cookie).toBeDefined();
    expect(cookie).toMatchObject({ path: '/', sameSite: 'Lax', secure: true, httpOnly: false, domain: SITE_HOST });
    const days = (cookie.expires - Date.now() / 1000) / DAY;
    expect(days).toBeGreaterThan(181.9);
    expect(days).toBeLessThan(182.1);
    expect(decodeConsentCookie(cookie)).toMatchObject({ inventoryRevision: 1 });
    // No personal data: the id is random, not derived from anything about the visitor.
    expect(decodeURIComponent(cookie.value)).not.toMatch(/Mozilla|HeadlessChrome|127\.0\.0\.1/);
  });

  test('attributes follow the inventory: shared domain and a shorter lifetime', async () => {
    const site = await env.open();
    const inventory = demoInventory();
    site.serve('/cookies.json', { ...inventory, consent: { ...inventory.consent, domain: 'crumbs-demo.test', maxAgeDays: 30 } });
    const cookie = await decide(site, 'Reject all');
    expect(cookie).toMatchObject({ domain: '.crumbs-demo.test', sameSite: 'Lax', secure: true, path: '/' });
    const days = (cookie.expires - Date.now() / 1000) / DAY;
    expect(days).toBeGreaterThan(29.9);
    expect(days).toBeLessThan(30.1);
  });

  test('a revision bump brings the banner back and grants nothing', async () => {
    const site = await env.open();
    await decide(site, 'Accept all');
    await site.waitForVendors(['gtag.js']);
    site.serve('/cookies.json', { ...demoInventory(), revision: 2 });
    const mark = site.requests.length;
    await site.page.reload();
    await site.ready();
    await visible(site.banner(), 'the banner after a revision bump');
    await expectNothingOptional(site, mark);
    expect((await site.state()).consent).toBeNull();
  });

  test('a service added after the decision brings the banner back and is not granted', async () => {
    const site = await env.open();
    await decide(site, 'Accept all');
    const inventory = demoInventory();
    inventory.services.push({
      id: 'linkedin-insight',
      name: 'LinkedIn Insight Tag',
      provider: 'LinkedIn Ireland Unlimited Company',
      category: 'targeting',
      cookies: [{ name: 'li_fat_id', duration: '30 days', description: 'Member indirect identifier for conversion tracking.' }],
    });
    site.serve('/cookies.json', inventory);
    await site.page.reload();
    await site.ready();
    await visible(site.banner(), 'the banner after a new service');
    expect(await site.page.evaluate(() => window.Crumbs.isGranted('linkedin-insight'))).toBe(false);
  });

  test('declared cookies of services that are not granted are deleted on every page load', async () => {
    const site = await env.open();
    await decide(site, 'Reject all');
    const leftovers = ['_ga', '_ga_OLDPROPERTY', '_gid', '_hjSessionUser_99', '_hjSession_99', '_fbp', '__utmz'];
    await site.context.addCookies([
      ...leftovers.map((name) => ({ name, value: '1', domain: '.crumbs-demo.test', path: '/', secure: true })),
      { name: '_ga', value: 'host-only', domain: SITE_HOST, path: '/', secure: true },
      { name: 'unrelated_site_pref', value: 'dark', domain: SITE_HOST, path: '/', secure: true },
    ]);
    await site.page.reload();
    await site.ready();
    const names = (await site.cookies()).map((c) => c.name).sort();
    expect(names).toEqual(['Session', 'crumbs_consent', 'unrelated_site_pref']);
  });
});

describe('fails closed', () => {
  /** A consent cookie value made by Crumbs itself, for a reject-all decision. */
  async function realRejectCookie() {
    const site = await env.open();
    const cookie = await decide(site, 'Reject all');
    await site.context.close();
    return cookie;
  }

  test('a tampered or garbled consent cookie means no decision, with no page error', async () => {
    const cookie = await realRejectCookie();
    // The wire format itself, altered as a visitor or a script could.
    const decoded = JSON.parse(decodeURIComponent(cookie.value));
    const tampered = { ...decoded, c: ['analytics', 'functionality', 'targeting'] }; // checksum left as it was
    const values = {
      'tampered grant': encodeURIComponent(JSON.stringify(tampered)),
      'unknown version': encodeURIComponent(JSON.stringify({ ...decoded, v: 99 })),
      garbage: 'not%20json%7B%7B',
      'wrong types': encodeURIComponent(JSON.stringify({ v: decoded.v, id: 1, c: 'analytics' })),
      oversized: 'x'.repeat(4000),
    };
    for (const [label, value] of Object.entries(values)) {
      const site = await env.open();
      await site.context.addCookies([{ name: 'crumbs_consent', value, domain: SITE_HOST, path: '/', secure: true, sameSite: 'Lax' }]);
      await site.goto('/');
      await visible(site.banner(), `the banner (${label})`);
      await expectNothingOptional(site);
      expect((await site.state()).consent, label).toBeNull();
      expect(site.pageErrors, label).toEqual([]);
    }
  });

  const broken = {
    'an invalid inventory': (inventory) => {
      inventory.services[2].cookies[0].name = '';
      return { status: 200, contentType: 'application/json', body: JSON.stringify(inventory) };
    },
    'an inventory that is not JSON': () => ({ status: 200, contentType: 'application/json', body: '{ "revision": 1, ' }),
    'a missing inventory (404)': () => ({ status: 404, contentType: 'text/plain', body: 'Not found' }),
  };
  for (const [label, response] of Object.entries(broken)) {
    test(`${label} activates nothing, even with an accept-all cookie, and never throws into the page`, async () => {
      // A genuine accept-all decision from an earlier visit.
      const first = await env.open();
      const cookie = await decide(first, 'Accept all');
      await first.context.close();

      const site = await env.open();
      await site.context.addCookies([cookie]);
      site.serve('/cookies.json', response(demoInventory()));
      await site.goto('/');
      await site.settled();
      await expectNothingOptional(site);
      expect(site.pageErrors).toEqual([]);
      expect(await site.banner().count()).toBe(0);
      const state = await site.state();
      const errors = state.events.filter((e) => e.name === 'error');
      expect(errors, 'one crumbs:error event').toHaveLength(1);
      const crumbsConsole = site.consoleMessages.filter((m) => m.type === 'error' && m.text.startsWith('[crumbs]'));
      expect(crumbsConsole, 'one console error').toHaveLength(1);
      if (label === 'an invalid inventory') {
        expect(errors[0].detail.message).toContain('services[2].cookies[0].name');
        expect(crumbsConsole[0].text).toContain('services[2].cookies[0].name');
      }
      // The host page keeps working.
      await site.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'News' }).click();
      await site.page.waitForURL('**/article.html');
      await site.settled();
      expect(site.thirdParty().map((r) => r.url)).toEqual([]);
    });
  }

  test('an inventory that never answers fails closed after data-timeout, naming the URL', async () => {
    const first = await env.open();
    const cookie = await decide(first, 'Accept all');
    await first.context.close();

    const site = await env.open();
    await site.context.addCookies([cookie]);
    site.serve('/cookies.json', () => new Promise(() => {}));
    site.serve('/', () => ({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      body: DEMO_INDEX.replace('data-inventory="/cookies.json"', 'data-inventory="/cookies.json" data-timeout="400"'),
    }));
    const started = Date.now();
    await site.goto('/');
    const waited = Date.now() - started;
    await expectNothingOptional(site);
    expect(site.pageErrors).toEqual([]);
    const state = await site.state();
    const errors = state.events.filter((e) => e.name === 'error');
    expect(errors, 'one crumbs:error event').toHaveLength(1);
    expect(errors[0].detail.message).toMatch(/\/cookies\.json: no answer within 400 ms/);
    expect(waited, 'gave up after about 400 ms, not the default 5 s').toBeLessThan(4000);
  });
});
