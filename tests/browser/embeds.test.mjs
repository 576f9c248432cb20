// Gated embeds load for real: what the visitor gets is a frame showing the player and an image with
// pixels, not an element that merely carries a src attribute. Chromium never navigates a
// parser-inserted iframe whose src is set before the parser has moved past it, so each flow is
// checked on the page where the choice is made and on the next page load (navigation and reload),
// with the inventory remote and inline.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { CRUMBS_REMOTE, crumbsInline, htmlResponse as html, inlineInventoryPage as inlineInventory, useSite } from './helpers/site.mjs';

const env = useSite();
const VIDEO = 'https://player.vimeo.com/video/76979871';
const PIXEL = 'https://www.facebook.com/tr?id=918273645546372&ev=PageView&noscript=1';
const CRUMBS_INLINE = () => crumbsInline();

/** A bare page whose body is `body`, loading Crumbs first in <head>. */
const page = (body, head = CRUMBS_INLINE()) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${head}<title>Embed test</title></head><body>${body}</body></html>`;

const vimeoFrame = (src = VIDEO) =>
  `<iframe data-consent="vimeo" data-src="${src}" width="640" height="360" title="Video (Vimeo)"></iframe>`;

/** Resolves when a frame shows the Vimeo stand-in player; fails naming the frames there are. */
async function expectPlayer(site, count = 1) {
  const players = () => site.page.frames().filter((frame) => frame.url() === VIDEO);
  await expect
    .poll(() => players().length, { message: 'frames navigated to the video, of ' + site.page.frames().map((f) => f.url()).join(', '), timeout: 10_000 })
    .toBe(count);
  for (const frame of players()) {
    await expect.poll(() => frame.locator('body').textContent().catch(() => ''), { message: 'the player page inside the frame' }).toContain('Vimeo player stand-in');
  }
}

/** Accepts all on the current page and waits until the decision is stored. */
async function acceptAll(site) {
  await visible(site.banner(), 'the banner');
  await button(site.banner(), 'Accept all').click();
  await expect.poll(() => site.consentCookie().then(Boolean)).toBe(true);
}

describe('a returning visitor gets the embed itself', () => {
  for (const inventory of ['remote', 'inline']) {
    const article = inventory == 'remote' ? '/article.html' : '/article-inline.html';
    const serve = (site) => inventory == 'inline' && site.serve('/article-inline.html', html(inlineInventory('/article.html')));

    test(`${inventory} inventory: accept all, then the embed plays on the same page, after navigating and after reloading`, async () => {
      const site = await env.open();
      serve(site);
      await site.goto('/');
      await acceptAll(site);
      await site.goto(article);
      await expectPlayer(site);
      await site.page.reload({ waitUntil: 'load' });
      await expectPlayer(site);

      const fresh = await env.open();
      serve(fresh);
      await fresh.goto(article);
      await acceptAll(fresh);
      await expectPlayer(fresh);
      await fresh.page.reload({ waitUntil: 'load' });
      await expectPlayer(fresh);
    });

    test(`${inventory} inventory: "Always allow Vimeo", then the embed plays after a reload and on the next page`, async () => {
      const site = await env.open();
      serve(site);
      await site.goto(article);
      await site.page.getByRole('button', { name: 'Always allow Vimeo' }).click();
      await expectPlayer(site);
      await site.page.reload({ waitUntil: 'load' });
      await expectPlayer(site);
      await site.goto('/');
      await site.goto(article);
      await expectPlayer(site);
    });
  }

  for (const [inventory, head] of [['inline', CRUMBS_INLINE()], ['remote', CRUMBS_REMOTE]]) {
    test(`${inventory} inventory: an embed as the very last element of <body>, and a gated image there, load for a returning visitor`, async () => {
      const site = await env.open();
      site.serve('/last.html', html(page(`<p>Text.</p><img data-consent="meta-pixel" data-src="${PIXEL}" width="1" height="1" alt="">${vimeoFrame()}`, head)));
      site.serve('/last-img.html', html(page(`<p>Text.</p><img data-consent="meta-pixel" data-src="${PIXEL}" width="1" height="1" alt="">`, head)));
      await site.goto('/');
      await acceptAll(site);
      await site.goto('/last.html');
      await expectPlayer(site);
      await site.goto('/last-img.html');
      await expect.poll(() => site.page.locator('img').evaluate((img) => img.complete && img.naturalWidth), { message: 'the pixel image decoded' }).toBe(1);
      await site.page.reload({ waitUntil: 'load' });
      await expect.poll(() => site.page.locator('img').evaluate((img) => img.complete && img.naturalWidth)).toBe(1);
      expect(site.requests.filter((r) => r.url === PIXEL).length, 'pixel requests: one per page load with the image').toBe(3);
    });
  }

  test('a script that appends to <body> while the parser is inside a wrapper does not stop the embed (returning visitor)', async () => {
    const site = await env.open();
    const markup = `<main><script>document.body.appendChild(document.createElement('aside'));</script><p>Text.</p>${vimeoFrame()}</main>`;
    site.serve('/appender.html', html(page(markup)));
    await site.goto('/');
    await acceptAll(site);
    await site.goto('/appender.html');
    await expectPlayer(site);
    await site.page.reload({ waitUntil: 'load' });
    await expectPlayer(site);
  });

  test('an embed an SPA inserts after load plays at once for a returning visitor', async () => {
    const site = await env.open();
    await site.goto('/');
    await acceptAll(site);
    await site.page.reload({ waitUntil: 'load' });
    await site.ready();
    await site.page.evaluate((markup) => document.querySelector('main').insertAdjacentHTML('beforeend', markup), vimeoFrame());
    await expectPlayer(site);
  });

  test('first visit: Accept all clicked while the page is still parsing loads the embed above at once and the one below when it arrives', async () => {
    const site = await env.open();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    // A parser-blocking script that answers only when the test says so: the page is mid-parse.
    site.serve('/held.js', () => held.then(() => ({ status: 200, contentType: 'text/javascript', body: 'window.heldRan = true;' })));
    site.serve('/slow.html', html(page(`<main><h1>Slow page</h1>${vimeoFrame()}<script src="/held.js"></script><p>After.</p>${vimeoFrame()}</main>`)));
    await site.page.goto('https://www.crumbs-demo.test/slow.html', { waitUntil: 'commit' });
    await acceptAll(site);
    expect(await site.page.evaluate(() => document.readyState), 'the click came while parsing').toBe('loading');
    await expectPlayer(site, 1);
    release();
    await site.page.waitForLoadState('load');
    await expectPlayer(site, 2);
  });
});
