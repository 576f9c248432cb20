// Nothing but a click grants (SPEC 6): on a first visit, scrolling to the end, Escape in the banner,
// a click outside it, following a link, 10 s idle and resizing each leave no request to a vendor
// host, no optional cookie, no storage entry and no IndexedDB database, and the banner still asks on
// the next page.
import { describe, expect, test } from 'vitest';
import { button, expectNothingOptional, useSite, visible } from './helpers/site.mjs';

const env = useSite();

/** Every Web Storage key and IndexedDB database of the page and its same-origin frames. */
const storage = (site) =>
  site.page.evaluate(async () => ({
    localStorage: Object.keys(localStorage),
    sessionStorage: Object.keys(sessionStorage),
    indexedDB: (await indexedDB.databases()).map((db) => db.name),
  }));

/** What must hold after the action: nothing optional, no decision, and the banner on the next page. */
async function expectStillAsking(site) {
  await expectNothingOptional(site);
  expect(await site.consentCookie(), 'no consent cookie').toBeUndefined();
  expect(await storage(site), 'storage').toEqual({ localStorage: [], sessionStorage: [], indexedDB: [] });
  expect((await site.state()).consent, 'no decision').toBeNull();
  await site.goto('/article.html');
  await visible(site.banner(), 'the banner on the next page');
  await expectNothingOptional(site);
  expect(await storage(site)).toEqual({ localStorage: [], sessionStorage: [], indexedDB: [] });
}

describe('a first visit: nothing but a click grants', () => {
  test('control: Accept all does grant, and the same checks see it (they can fail)', async () => {
    const site = await env.open();
    await site.goto('/');
    await button(site.banner(), 'Accept all').click();
    await site.waitForVendors(['gtag.js', 'hotjar.js']);
    await expect(expectStillAsking(site)).rejects.toThrow();
  });

  test('scrolling to the end of the page', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await site.page.keyboard.press('End');
    await site.page.mouse.wheel(0, 5000);
    await site.page.waitForFunction(() => scrollY + innerHeight >= document.documentElement.scrollHeight - 2);
    await expectStillAsking(site);
  });

  test('Escape with focus in the banner', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Reject all').focus();
    await site.page.keyboard.press('Escape');
    await button(site.banner(), 'Accept all').focus();
    await site.page.keyboard.press('Escape');
    await visible(site.banner(), 'the banner, still there');
    await expectStillAsking(site);
  });

  test('clicking outside the banner', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await site.page.getByRole('heading', { level: 1 }).click();
    await site.page.mouse.click(5, 5);
    await visible(site.banner(), 'the banner, still there');
    await expectStillAsking(site);
  });

  test('following a link to a second page', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await site.page.getByRole('navigation').first().getByRole('link', { name: 'News' }).click();
    await site.page.waitForURL(/article\.html$/);
    await site.ready();
    await visible(site.banner(), 'the banner on the page the link led to');
    await expectStillAsking(site);
  });

  test('10 seconds idle', { timeout: 60_000 }, async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    // The one place a wait is the test itself: time passing must grant nothing.
    await site.page.waitForTimeout(10_000);
    await visible(site.banner(), 'the banner, still there');
    await expectStillAsking(site);
  });

  test('resizing the window, down to a phone and back', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    for (const viewport of [{ width: 800, height: 600 }, { width: 320, height: 640 }, { width: 1280, height: 800 }]) {
      await site.page.setViewportSize(viewport);
      await visible(site.banner(), `the banner at ${viewport.width} px`);
    }
    await expectStillAsking(site);
  });
});
