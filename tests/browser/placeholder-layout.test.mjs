// Zero layout shift: the slot an embed sits in has the same box (within 1 px) while the placeholder
// stands in for the embed and once the embed itself has loaded, however the page sizes the embed.
// Measured in Chromium with the player frame really loaded, at 1280 and 320 px.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, useSite } from './helpers/site.mjs';

const env = useSite();
const VIDEO = 'https://player.vimeo.com/video/76979871';

const INLINE_HEAD = () =>
  `<script type="application/json" id="crumbs-inventory">${JSON.stringify(demoInventory()).replace(/</g, '\\u003c')}</script><script src="/crumbs/crumbs.js"></script>`;

/** How pages size their embeds, each in a slot whose box the test compares. */
const SIZINGS = {
  // The case: an inline iframe (the browser's default) in a figure with a caption.
  'width and height attributes, in a figure with a caption': {
    css: 'main { max-width: 686px; margin: 0 auto; } iframe { max-width: 100%; }',
    slot: `<figure id="slot"><iframe data-consent="vimeo" data-src="${VIDEO}" width="640" height="360" title="Video (Vimeo)"></iframe><figcaption>A caption under the video.</figcaption></figure>`,
  },
  'responsive: width 100 %, height auto, aspect-ratio 16/9': {
    css: 'main { max-width: 686px; margin: 0 auto; } #slot iframe { display: block; width: 100%; height: auto; aspect-ratio: 16 / 9; border: 0; }',
    slot: `<div id="slot"><iframe data-consent="vimeo" data-src="${VIDEO}" title="Video (Vimeo)"></iframe></div>`,
  },
  'sized by its parent: position absolute, inset 0, in a 16:9 wrapper': {
    css: 'main { max-width: 686px; margin: 0 auto; } #slot { position: relative; padding-top: 56.25%; } #slot iframe { position: absolute; inset: 0; width: 100%; height: 100%; border: 0; }',
    slot: `<div id="slot"><iframe data-consent="vimeo" data-src="${VIDEO}" title="Video (Vimeo)"></iframe></div>`,
  },
};

const pageFor = ({ css, slot }) => ({
  status: 200,
  contentType: 'text/html; charset=utf-8',
  body:
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">${INLINE_HEAD()}` +
    `<title>Slot</title><link rel="stylesheet" href="/slot.css"></head><body><main><h1>A page with a video</h1><p>Text above.</p>${slot}<p id="after">Text below.</p></main></body></html>`,
});

/** The slot's box, the paragraph after it, and the placeholder's and embed's boxes when shown. */
const measure = (page) =>
  page.evaluate(() => {
    const box = (el) => {
      if (!el) return null;
      const r = el.getBoundingClientRect();
      return { x: r.x + scrollX, y: r.y + scrollY, width: r.width, height: r.height };
    };
    return {
      slot: box(document.getElementById('slot')),
      after: box(document.getElementById('after')),
      embed: box(document.querySelector('#slot iframe')),
      placeholder: box(document.querySelector('.crumbs-placeholder')),
    };
  });

const near = (a, b) => ['x', 'y', 'width', 'height'].every((k) => Math.abs(a[k] - b[k]) <= 1);

describe('an embed replacing its placeholder moves nothing', () => {
  for (const width of [1280, 320]) {
    for (const [sizing, page] of Object.entries(SIZINGS)) {
      test(`${width} px, ${sizing}`, async () => {
        const site = await env.open({ viewport: { width, height: 800 } });
        site.serve('/slot.css', { status: 200, contentType: 'text/css', body: page.css });
        site.serve('/slot.html', pageFor(page));
        await site.goto('/slot.html');
        await visible(site.page.getByRole('button', { name: 'Always allow Vimeo' }), 'the placeholder');
        const before = await measure(site.page);
        // The placeholder covers exactly the box the embed will have (it is not a guess beside it).
        expect(before.placeholder, 'placeholder box').not.toBeNull();
        // For people, not a test: what the placeholder looks like in this slot.
        await site.screenshot(`placeholder-slot-${width}-${Object.keys(SIZINGS).indexOf(sizing) + 1}`);

        await button(site.banner(), 'Accept all').click();
        await expect.poll(() => site.page.frames().some((f) => f.url() === VIDEO), { message: 'the player frame loaded' }).toBe(true);
        await expect.poll(() => site.page.locator('.crumbs-placeholder').count()).toBe(0);
        const after = await measure(site.page);
        console.log(`${width} px, ${sizing}: slot ${before.slot.height} -> ${after.slot.height} px high, placeholder ${before.placeholder.width} x ${before.placeholder.height}, embed ${after.embed.width} x ${after.embed.height}`);
        // A box too small for the placeholder's text and buttons may grow while it waits (README);
        // then the slot shrinks back to the embed once it loads, and nothing else changes.
        const grew = before.placeholder.height > after.embed.height + 1;
        if (!grew) {
          expect(near(before.slot, after.slot), `slot ${JSON.stringify(before.slot)} -> ${JSON.stringify(after.slot)}`).toBe(true);
          expect(near(before.after, after.after), 'the paragraph after the slot').toBe(true);
          expect(near(before.placeholder, after.embed), `placeholder ${JSON.stringify(before.placeholder)} vs embed ${JSON.stringify(after.embed)}`).toBe(true);
        } else {
          expect(width, 'a placeholder grows only on a narrow screen').toBe(320);
          expect(near({ ...before.placeholder, height: 0 }, { ...after.embed, height: 0 }), 'same position and width').toBe(true);
        }
      });
    }
  }
});

describe('styles', () => {
  test('a placeholder shares the widget\'s stylesheet (parsed once per page) and adds its own', async () => {
    const site = await env.open();
    site.serve('/slot.html', pageFor(Object.values(SIZINGS)[0]));
    site.serve('/slot.css', { status: 200, contentType: 'text/css', body: Object.values(SIZINGS)[0].css });
    await site.goto('/slot.html');
    await visible(site.page.locator('.crumbs-placeholder'), 'the placeholder');
    const sheets = await site.page.evaluate(() => {
      const widget = document.getElementById('crumbs-root').shadowRoot.adoptedStyleSheets;
      const placeholder = document.querySelector('.crumbs-placeholder').shadowRoot.adoptedStyleSheets;
      return { counts: [widget.length, placeholder.length], shared: widget[0] === placeholder[0], rules: placeholder.map((s) => s.cssRules.length > 0) };
    });
    expect(sheets).toEqual({ counts: [1, 2], shared: true, rules: [true, true] });
  });
});

// The placeholder lies over its embed (anchor positioning) unless a scroller between the embed and
// the overlay's containing block would clip the embed but not the overlay: there it stands in the
// flow. Checked by what a visitor sees: what is at a point of the page, not which way was taken.
describe('clipping', () => {
  const loaded = async (css, slot) => {
    const site = await env.open({ viewport: { width: 1280, height: 800 } });
    site.serve('/slot.css', { status: 200, contentType: 'text/css', body: css });
    site.serve('/slot.html', pageFor({ css, slot }));
    await site.goto('/slot.html');
    await visible(site.page.getByRole('button', { name: 'Always allow Vimeo' }), 'the placeholder');
    return site;
  };
  /** What a visitor sees `dx` px right of the slot's right edge (left, when negative), 80 px down. */
  const seenBeside = (site, dx) =>
    site.page.evaluate((dx) => {
      const slot = document.getElementById('slot').getBoundingClientRect();
      const hit = document.elementFromPoint(slot.right + dx, slot.top + 80);
      return hit?.closest('.crumbs-placeholder') ? 'placeholder' : hit?.tagName.toLowerCase() ?? null;
    }, dx);

  test('in a carousel, a placeholder scrolled out of view is hidden with its embed, and scrolls into view with it', async () => {
    const site = await loaded(
      '#slot { width: 300px; overflow-x: auto; } #row { display: flex; gap: 20px; width: max-content; } #row > * { flex: none; width: 280px; height: 160px; border: 0; }',
      `<div id="slot"><div id="row"><p>First slide</p><iframe data-consent="vimeo" data-src="${VIDEO}" title="Video (Vimeo)"></iframe></div></div>`,
    );
    // The second slide, where the embed is, lies beyond the carousel's right edge.
    expect(await seenBeside(site, 100), 'beside the carousel: the page, not the placeholder').not.toBe('placeholder');
    await site.page.evaluate(() => document.getElementById('slot').scrollTo({ left: 10_000 }));
    expect(await seenBeside(site, -100), 'scrolled to the second slide: the placeholder').toBe('placeholder');
  });

  // Slides that are the overlay's containing block (positioned, as Swiper's are, or a transformed
  // track) are clipped by the carousel with their content: there the placeholder overlays the embed.
  for (const [kind, slideCss] of [
    ['positioned slides', '#row > * { position: relative; }'],
    ['a transformed track', '#row { transform: translateX(0); }'],
  ]) {
    test(`in a carousel of ${kind}, the placeholder overlays the embed's own box and is clipped with it`, async () => {
      const site = await loaded(
        '#slot { width: 300px; overflow: hidden; } #row { display: flex; gap: 20px; width: max-content; } #row > * { flex: none; width: 280px; height: 160px; } #row iframe { display: block; width: 100%; height: 100%; border: 0; } ' +
          slideCss,
        `<div id="slot"><div id="row"><p>First slide</p><div class="slide"><iframe data-consent="vimeo" data-src="${VIDEO}" title="Video (Vimeo)"></iframe></div></div></div>`,
      );
      const boxes = await measure(site.page);
      expect(boxes.embed.width, 'the embed keeps its box (the overlay, not the in-flow stand-in)').toBeGreaterThan(0);
      expect(near(boxes.placeholder, boxes.embed), `placeholder ${JSON.stringify(boxes.placeholder)} vs embed ${JSON.stringify(boxes.embed)}`).toBe(true);
      expect(await seenBeside(site, 100), 'beside the carousel: the page, not the placeholder').not.toBe('placeholder');
    });
  }

  test('in a wide table in a scrolling wrapper, a placeholder beyond the wrapper\'s edge is hidden with its embed', async () => {
    // offsetParent stops at a table cell, which is not the overlay's containing block: a rule built
    // on it did not see the wrapper, and the overlay escaped its clip.
    const site = await loaded(
      '#slot { width: 300px; overflow-x: auto; } td { padding: 0 10px 0 0; } td > * { display: block; width: 280px; height: 160px; border: 0; }',
      `<div id="slot"><table><tr><td><p>First column</p></td><td><iframe data-consent="vimeo" data-src="${VIDEO}" title="Video (Vimeo)"></iframe></td></tr></table></div>`,
    );
    expect(await seenBeside(site, 100), 'beside the wrapper: the page, not the placeholder').not.toBe('placeholder');
  });

  test('a page whose body clips its overflow (overflow-x: hidden) still gets the overlay, over the embed\'s own box', async () => {
    const site = await loaded(
      'body { overflow-x: hidden; } main { max-width: 686px; margin: 0 auto; } iframe { max-width: 100%; }',
      `<figure id="slot"><iframe data-consent="vimeo" data-src="${VIDEO}" width="640" height="360" title="Video (Vimeo)"></iframe></figure>`,
    );
    const boxes = await measure(site.page);
    // The embed keeps its box (hidden) and the placeholder covers it exactly.
    expect(boxes.embed.width, 'the embed keeps its box').toBeGreaterThan(0);
    expect(near(boxes.placeholder, boxes.embed), `placeholder ${JSON.stringify(boxes.placeholder)} vs embed ${JSON.stringify(boxes.embed)}`).toBe(true);
  });
});
