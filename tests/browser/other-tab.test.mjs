// Two tabs of the site, both asking: the visitor answers in one, and the other takes the answer
// over (src/core/engine/adopt-other-tab.ts). Told by the Cookie Store's `change` event, which
// Chromium fires in every tab; no tab is hidden or shown for it (headless tabs all stay visible).
import { describe, expect, test } from 'vitest';
import { banner, button, visible } from './helpers/page-objects.mjs';
import { captureLog, htmlResponse, inlineInventoryPage, SITE, useSite } from './helpers/site.mjs';

const env = useSite();

const INVENTORIES = [
  ['a remote inventory', '/', () => {}],
  ['an inline inventory', '/inline.html', (site) => site.serve('/inline.html', htmlResponse(inlineInventoryPage('/')))],
];

/** Opens `path` in a second tab of the site's browser context. */
async function secondTab(site, path) {
  const tab = await site.context.newPage();
  await tab.goto(SITE + path, { waitUntil: 'load' });
  await tab.waitForFunction(() => window.Crumbs != null);
  await tab.evaluate(() => window.Crumbs.ready.then(() => undefined));
  return tab;
}
const gtagRan = (page) => page.evaluate(() => (window.__vendorRuns?.['gtag.js'] ?? 0) > 0);

describe('a decision made in another tab', () => {
  for (const [label, path, prepare] of INVENTORIES) {
    test(`${label}: a tab still asking takes over "accept all": its banner goes, its tags run, one record, and the next page load agrees`, async () => {
      const site = await env.open();
      prepare(site);
      const sent = captureLog(site);
      await site.goto(path);
      await visible(site.banner(), 'the banner in the first tab');
      const tab = await secondTab(site, path);
      await visible(banner(tab), 'the banner in the second tab');

      await button(banner(tab), 'Accept all').click();
      await tab.waitForFunction(() => (window.__vendorRuns?.['gtag.js'] ?? 0) > 0);

      await expect.poll(() => site.banner().count(), { message: 'the first tab\'s banner', timeout: 5000 }).toBe(0);
      await site.waitForVendors(['gtag.js']);
      const [here, there] = await Promise.all([site.page, tab].map((page) => page.evaluate(() => window.Crumbs.getConsent())));
      expect(here.action).toBe('accept-all');
      expect(here.id, 'the same consent, not a second one').toBe(there.id);
      await visible(site.settingsButton(), 'the settings button in the first tab');
      await site.settled();
      expect(sent.map((s) => s.record.consentId ?? s.record.id), 'the decision recorded once, by the tab that made it').toHaveLength(1);

      for (const next of [() => site.goto(path), () => site.page.reload().then(() => site.ready())]) {
        await next();
        expect(await site.banner().count(), 'no banner on the next page load').toBe(0);
        expect(await gtagRan(site.page)).toBe(true);
      }
    });
  }

  test('a keyboard user whose focus is in the banner finds it on the settings button when another tab answers', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner in the first tab');
    await site.page.keyboard.press('Tab');
    expect((await site.focused())?.inBanner, 'focus in the first tab\'s banner').toBe(true);
    const tab = await secondTab(site, '/');
    await button(banner(tab), 'Reject all').click();
    await site.banner().waitFor({ state: 'hidden' });
    await expect.poll(() => site.focused().then((f) => f?.inSettingsButton ?? false), { message: 'focus on the settings button' }).toBe(true);
    expect(await site.page.evaluate(() => window.Crumbs.getConsent().action)).toBe('reject-all');
  });

  test('a tab that has decided keeps its own decision until its next page load', async () => {
    const site = await env.open();
    await site.goto('/');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.consentCookie().then(Boolean), { message: 'the consent cookie' }).toBe(true);
    const tab = await secondTab(site, '/');
    await tab.evaluate(() => window.Crumbs.acceptAll());
    await tab.waitForFunction(() => (window.__vendorRuns?.['gtag.js'] ?? 0) > 0);
    await site.settled();
    expect(await site.page.evaluate(() => window.Crumbs.getConsent().action)).toBe('reject-all');
    expect(await gtagRan(site.page), 'nothing the first tab refused runs there').toBe(false);
    await site.goto('/');
    expect(await site.page.evaluate(() => window.Crumbs.getConsent().action)).toBe('accept-all');
    expect(await gtagRan(site.page)).toBe(true);
  });
});
