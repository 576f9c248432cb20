// Elements added after load (an SPA route) and embed placeholders, in a real browser.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { SITE_HOST, useSite } from './helpers/site.mjs';

const env = useSite();
const VIDEO = 'https://player.vimeo.com/video/76979871';

/** Opens the SPA's video route by clicking its link, and waits for the route's elements. */
async function openVideoRoute(site) {
  await site.page.getByRole('navigation', { name: 'Events' }).getByRole('link', { name: 'Open day 2024 recording' }).click();
  await site.page.locator('#app iframe').waitFor({ state: 'attached' });
  await site.settled();
}

describe('elements added after load (SPA route)', () => {
  test('are gated until consent, then activated once without a reload', async () => {
    const site = await env.open();
    await site.goto('/spa.html');
    await visible(site.banner(), 'the banner');
    await site.page.getByRole('heading', { name: 'Upcoming events' }).waitFor();
    await openVideoRoute(site);

    expect(site.requestsTo('player.vimeo.com')).toEqual([]);
    expect(await site.page.locator('#app iframe').getAttribute('src')).toBeNull();
    expect(await site.page.locator('#app script[type="text/plain"][data-consent="vimeo"]').count()).toBe(1);
    await visible(site.page.getByRole('button', { name: 'Load once' }), 'the placeholder of the routed embed');

    await button(site.banner(), 'Accept all').click();
    await site.waitForVendors(['vimeo-player', 'vimeo-api.js', 'gtag.js']);
    const state = await site.state();
    expect(state.vendorRuns['vimeo-api.js']).toBe(1);
    expect(state.vendorRuns['vimeo-player']).toBe(1);
    expect(await site.page.locator('#app iframe').getAttribute('src')).toBe(VIDEO);
    expect(site.requestsTo('player.vimeo.com').map((r) => r.path).sort()).toEqual(['/api/player.js', '/video/76979871']);
    expect(site.navigations).toHaveLength(1);
    expect((await site.cookies()).find((c) => c.name === 'vuid')?.domain).toBe('.vimeo.com');
  });

  test('are activated at once when added after consent', async () => {
    const site = await env.open();
    await site.goto('/spa.html');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await site.waitForVendors(['gtag.js']);
    expect(site.requestsTo('player.vimeo.com')).toEqual([]);
    expect((await site.cookies()).find((c) => c.name === 'vuid')).toBeUndefined();

    await openVideoRoute(site);
    await site.waitForVendors(['vimeo-player', 'vimeo-api.js']);
    expect(await site.page.locator('#app iframe').getAttribute('src')).toBe(VIDEO);
    expect((await site.state()).vendorRuns['vimeo-api.js']).toBe(1);
    expect(await site.page.getByRole('button', { name: 'Load once' }).count()).toBe(0);

    // Leaving and re-entering the route renders new elements, which run again (once each).
    await site.page.getByRole('navigation', { name: 'Events' }).getByRole('link', { name: 'Upcoming' }).click();
    await openVideoRoute(site);
    await site.page.waitForFunction(() => window.__vendorRuns['vimeo-api.js'] === 2);
    expect(site.requestsTo('player.vimeo.com').filter((r) => r.path === '/api/player.js')).toHaveLength(2);
    expect((await site.cookies()).find((c) => c.name === 'vuid')?.domain).toBe('.vimeo.com');
  });
});

describe('embed placeholder', () => {
  test('names the service and category, has the embed size, and "Load once" loads it this time only', async () => {
    const site = await env.open();
    await site.goto('/article.html');
    const loadOnce = site.page.getByRole('button', { name: 'Load once' });
    await visible(loadOnce, 'the placeholder');
    await visible(site.page.getByRole('button', { name: 'Always allow Vimeo' }), 'the "Always allow Vimeo" button');
    const placeholder = site.page.locator('.crumbs-placeholder');
    const text = await placeholder.locator('p').innerText(); // inside the placeholder's shadow root
    expect(text).toMatch(/Vimeo/);
    expect(text).toMatch(/Functionality/);
    const box = await placeholder.boundingBox();
    expect(Math.round(box.width)).toBe(640);
    expect(Math.round(box.height)).toBe(360);
    await site.settled();
    expect(site.thirdParty().map((r) => r.url), 'no third-party request for the placeholder').toEqual([]);

    await loadOnce.click();
    await site.waitForVendors(['vimeo-player']);
    expect(await site.page.locator('iframe[data-consent="vimeo"]').getAttribute('src')).toBe(VIDEO);
    expect(site.requestsTo('player.vimeo.com').map((r) => r.path)).toEqual(['/video/76979871']);
    expect((await site.cookies()).find((c) => c.name === 'vuid')?.domain).toBe('.vimeo.com');
    // Loading once is no decision: nothing stored, nothing else granted, the banner still asks.
    expect(await site.consentCookie()).toBeUndefined();
    expect((await site.state()).consent).toBeNull();
    expect(site.requestsTo(/googletagmanager|hotjar|facebook/)).toEqual([]);
    await visible(site.banner(), 'the banner');

    const mark = site.requests.length;
    await site.page.reload();
    await site.ready();
    await visible(site.page.getByRole('button', { name: 'Load once' }), 'the placeholder after a reload');
    expect(site.thirdParty(mark).map((r) => r.url)).toEqual([]);
    expect((await site.cookies()).map((c) => c.name)).not.toContain('crumbs_consent');
  });

  test('a returning visitor who rejected gets the whole placeholder from the UI and its first language chunk alone, by navigation and by reload', async () => {
    const site = await env.open();
    await site.goto('/');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.consentCookie().then(Boolean), { message: 'the consent cookie' }).toBe(true);
    for (const next of [() => site.goto('/article.html'), () => site.page.reload().then(() => site.ready())]) {
      const mark = site.requests.length;
      await next();
      const placeholder = site.page.locator('.crumbs-placeholder');
      await visible(button(placeholder, 'Load once'), 'the placeholder');
      await visible(button(placeholder, 'Always allow Vimeo'), 'the "Always allow Vimeo" button');
      expect(await placeholder.locator('p').innerText()).toBe('This Vimeo content (Functionality) can set cookies and send data to Vimeo.');
      await site.settled();
      // Each file is a round trip on every such page view: the banner's, the dialog's and the
      // language's second chunk are not needed for a placeholder.
      const crumbsFiles = site.requests
        .slice(mark)
        .map((r) => r.path.replace(/-[A-Z0-9]{8}\.js$/, '-HASH.js'))
        .filter((path) => path.startsWith('/crumbs/'));
      expect(crumbsFiles.sort()).toEqual([
        '/crumbs/chunks/en-HASH.js',
        '/crumbs/chunks/placeholders-HASH.js',
        '/crumbs/crumbs-engine.js',
        '/crumbs/crumbs-ui.js',
        '/crumbs/crumbs.js',
      ]);
    }
  });

  test('"Always allow Vimeo" records a decision for Vimeo alone, which holds after a reload, while the banner still asks about the rest', async () => {
    const site = await env.open();
    await site.goto('/article.html');
    await visible(site.page.getByRole('button', { name: 'Always allow Vimeo' }), 'the placeholder');
    await site.page.getByRole('button', { name: 'Always allow Vimeo' }).click();
    await site.waitForVendors(['vimeo-player']);
    expect(await site.page.locator('iframe[data-consent="vimeo"]').getAttribute('src')).toBe(VIDEO);

    const cookie = await site.consentCookie();
    expect(cookie?.domain).toBe(SITE_HOST);
    const consent = (await site.state()).consent;
    expect(consent.action).toBe('embed');
    expect(consent.services).toContain('vimeo');
    expect(consent.categories).toEqual(['necessary']);
    for (const id of ['google-analytics', 'hotjar', 'meta-pixel']) expect(consent.services).not.toContain(id);
    expect(site.requestsTo(/googletagmanager|hotjar|facebook/)).toEqual([]);
    // One service is no answer to the banner: it stays, and so does the question about the rest.
    await visible(site.banner(), 'the banner after "always allow"');

    const mark = site.requests.length;
    await site.page.reload();
    await site.ready();
    await site.waitForVendors(['vimeo-player']);
    expect(await site.page.getByRole('button', { name: 'Load once' }).count(), 'no placeholder').toBe(0);
    await visible(site.banner(), 'the banner, still asking about the rest');
    expect(site.thirdParty(mark).map((r) => r.host)).toEqual(['player.vimeo.com']);
    const names = (await site.cookies()).map((c) => c.name);
    expect(names).toContain('vuid');
    for (const name of ['_ga', '_fbp']) expect(names).not.toContain(name);
  });
});
