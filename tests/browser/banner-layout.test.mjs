// Issue 10, parts 5 and 6, measured where CSS applies: in Chromium, from inside the widget's shadow
// root, for both banner layouts (`bar`, the default, and `box`), at 1280 and 320 px, light and dark,
// at the default text size and at 200 % text. Class names prove nothing about what a visitor sees
// (a later rule, a media query or a wrapped grid can still make one button smaller), so these read
// getBoundingClientRect and getComputedStyle. Each case logs its figures for the people fixing it.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, useSite } from './helpers/site.mjs';

const env = useSite();

const VIEWPORTS = { 1280: { width: 1280, height: 800 }, 320: { width: 320, height: 640 } };
/** The banner's largest share of the viewport's height (issue 10, part 6). */
const MAX_SHARE = { 1280: 0.35, 320: 0.5 };
const BANNER_BUTTONS = ['Accept all', 'Reject all', 'Customise'];
const DIALOG_BUTTONS = ['Accept all', 'Reject all', 'Save choices'];
/** Chromium's default font sizes (standard, monospace), which `font: medium` on the host follows. */
const DEFAULT_FONT = { standard: 16, fixed: 13 };

/**
 * Opens the home page on a first visit with the banner in `layout`. `bar` is the default, so it is
 * the demo's own (stamped) inventory, which names no layout; `box` is an edited copy.
 * `textScale` 2 is 200 % text: Chromium's default font size doubled through the DevTools protocol,
 * which is what a visitor's "font size" setting changes. Page zoom (or Emulation.setPageScaleFactor)
 * would be the wrong test: it enlarges the CSS pixel, so the viewport shrinks to 640 x 400 CSS px
 * and px-sized padding grows with the text; only text that follows the default size gets larger
 * with a text-size setting, and the banner has to hold it in the same viewport.
 */
async function openBanner({ layout, width, colorScheme = 'light', textScale = 1 }) {
  const site = await env.open({ viewport: VIEWPORTS[width], colorScheme, reducedMotion: true });
  if (layout !== 'bar') {
    const inventory = demoInventory();
    inventory.ui = { ...inventory.ui, layout };
    // The stamp covers the exact content: an edited copy must be validated, not trusted.
    delete inventory.stamp;
    site.serve('/cookies.json', inventory);
  }
  if (textScale !== 1) {
    const cdp = await site.context.newCDPSession(site.page);
    await cdp.send('Page.setFontSizes', {
      fontSizes: { standard: DEFAULT_FONT.standard * textScale, fixed: DEFAULT_FONT.fixed * textScale },
    });
  }
  await site.goto('/');
  await visible(site.banner(), 'the banner');
  const setup = await site.banner().evaluate((section) => ({
    fontSize: getComputedStyle(section.getRootNode().host).fontSize,
    box: section.classList.contains('crumbs-box'),
  }));
  // Without these the test would measure something other than what its name says.
  expect(setup.fontSize, 'the widget follows the browser default text size').toBe(`${DEFAULT_FONT.standard * textScale}px`);
  expect(setup.box, `the served inventory's layout (${layout}) reached the banner`).toBe(layout === 'box');
  return site;
}

/** What makes two buttons look alike: their box and the computed styles that draw it. */
function buttonLooks(el) {
  const r = el.getBoundingClientRect();
  const s = getComputedStyle(el);
  const sides = ['top', 'right', 'bottom', 'left'];
  return {
    box: { x: Math.round(r.x * 10) / 10, y: Math.round(r.y * 10) / 10, width: Math.round(r.width * 10) / 10, height: Math.round(r.height * 10) / 10 },
    style: {
      padding: sides.map((side) => s.getPropertyValue('padding-' + side)).join(' '),
      border: sides.map((side) => ['width', 'style', 'color'].map((p) => s.getPropertyValue(`border-${side}-${p}`)).join(' ')).join(', '),
      borderRadius: s.borderRadius,
      fontSize: s.fontSize,
      fontWeight: s.fontWeight,
      fontFamily: s.fontFamily,
      backgroundColor: s.backgroundColor,
      color: s.color,
    },
  };
}

/** Measures the named buttons in `scope` and asserts they are alike (size within 1 px). */
async function expectEqualButtons(scope, names, where) {
  const looks = {};
  for (const name of names) {
    await visible(button(scope, name), `${where}: ${name}`);
    looks[name] = await button(scope, name).evaluate(buttonLooks);
  }
  console.log(`${where}: ` + names.map((n) => `${n} ${looks[n].box.width} x ${looks[n].box.height} at (${looks[n].box.x}, ${looks[n].box.y})`).join('; ') + `; ${JSON.stringify(looks[names[0]].style)}`);
  const spread = (key) => Math.max(...names.map((n) => looks[n].box[key])) - Math.min(...names.map((n) => looks[n].box[key]));
  const boxes = JSON.stringify(Object.fromEntries(names.map((n) => [n, looks[n].box])));
  // Soft: one run reports every difference, in the banner and in the dialog.
  expect.soft(spread('width'), `${where}: widths differ by more than 1 px: ${boxes}`).toBeLessThanOrEqual(1);
  expect.soft(spread('height'), `${where}: heights differ by more than 1 px: ${boxes}`).toBeLessThanOrEqual(1);
  for (const name of names.slice(1)) expect.soft(looks[name].style, `${where}: ${name} drawn unlike ${names[0]}`).toEqual(looks[names[0]].style);
}

describe('equal buttons, measured where CSS applies (issue 10, part 5)', () => {
  for (const layout of ['bar', 'box']) {
    for (const width of [1280, 320]) {
      for (const colorScheme of ['light', 'dark']) {
        test(`${layout}, ${width} px, ${colorScheme}: the banner's and the dialog's three buttons have one size, padding, border, font and colours`, async () => {
          const site = await openBanner({ layout, width, colorScheme });
          const where = `${layout} ${width} ${colorScheme}`;
          await expectEqualButtons(site.banner(), BANNER_BUTTONS, `${where} banner`);

          await button(site.banner(), 'Customise').click();
          await visible(site.dialog(), 'the preferences dialog');
          await expectEqualButtons(site.dialog(), DIALOG_BUTTONS, `${where} dialog`);
        });
      }
    }
  }
});

/**
 * Where a visitor's click at the centre of `el` lands: document.elementFromPoint stops at the
 * shadow host, so it is resolved through each open shadow root on the way down.
 */
function hitTest(el) {
  const r = el.getBoundingClientRect();
  const x = r.left + r.width / 2;
  const y = r.top + r.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  const view = document.documentElement;
  return {
    box: { top: Math.round(r.top), bottom: Math.round(r.bottom), left: Math.round(r.left), right: Math.round(r.right) },
    inViewport: r.top >= 0 && r.left >= 0 && r.bottom <= view.clientHeight && r.right <= view.clientWidth,
    hit: hit === el,
    hitWhat: hit ? `${hit.tagName.toLowerCase()} "${(hit.textContent || '').trim().slice(0, 30)}"` : null,
    labelFits: el.scrollWidth <= el.clientWidth + 1 && el.scrollHeight <= el.clientHeight + 1,
  };
}

/**
 * The banner's text region: the nearest box around its paragraph, up to the banner itself, that
 * clips what overflows it (the banner when nothing inside does).
 */
function textRegion(section) {
  let el = section.querySelector('p');
  while (el !== section && getComputedStyle(el).overflowY === 'visible') el = el.parentElement;
  return el;
}

/** The region's scroll state, role, accessible name and tab stop. */
function regionState(el) {
  const root = el.getRootNode();
  const labelledBy = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
  const name = (labelledBy.length ? labelledBy.map((id) => root.getElementById(id)?.textContent || '').join(' ') : el.getAttribute('aria-label') || '').trim();
  return {
    tag: el.tagName.toLowerCase(),
    overflowY: getComputedStyle(el).overflowY,
    scrollTop: el.scrollTop,
    scrollHeight: el.scrollHeight,
    clientHeight: el.clientHeight,
    tabindex: el.getAttribute('tabindex'),
    role: el.getAttribute('role'),
    name,
  };
}

/** Whether `el` has focus, looking into shadow roots. */
function hasFocus(el) {
  let active = document.activeElement;
  while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
  return active === el;
}

/** Whether the bottom of `el` shows: inside what `region` does not clip, and inside the viewport. */
function bottomShows(region, el) {
  const bottom = el.getBoundingClientRect().bottom;
  const top = region.getBoundingClientRect().top + region.clientTop;
  return bottom <= top + region.clientHeight + 1 && bottom <= window.innerHeight;
}

describe('a phone can still see the page (issue 10, part 6)', () => {
  for (const layout of ['bar', 'box']) {
    for (const width of [320, 1280]) {
      for (const textScale of [1, 2]) {
        const { height } = VIEWPORTS[width];
        test(`${layout}, ${width} x ${height}, ${textScale * 100} % text: at most ${MAX_SHARE[width] * 100} % of the viewport's height, three buttons in view and clickable, every first-layer text kept and keyboard-scrollable`, async () => {
          const site = await openBanner({ layout, width, textScale });
          const where = `${layout} ${width}x${height} text ${textScale * 100}%`;
          const banner = site.banner();
          // The banner's measures (which text region scrolls) are taken after a frame's layout.
          await site.page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
          // An artefact for people, taken before anything can fail.
          await site.screenshot(`banner-${layout}-${width}-text${textScale * 100}`);

          const share = await banner.evaluate((section) => section.getBoundingClientRect().height / window.innerHeight);
          const buttons = {};
          for (const name of BANNER_BUTTONS) buttons[name] = await button(banner, name).evaluate(hitTest);
          const region = await banner.evaluateHandle(textRegion);
          const before = await region.evaluate(regionState);
          console.log(`${where}: banner ${Math.round(share * height)} px = ${(share * 100).toFixed(1)} % of ${height}; ` +
            `text region <${before.tag}> ${before.clientHeight}/${before.scrollHeight} px (tabindex ${before.tabindex}, role ${before.role}, name "${before.name}"); ` +
            BANNER_BUTTONS.map((n) => `${n} y ${buttons[n].box.top}-${buttons[n].box.bottom} hit ${buttons[n].hit ? 'itself' : buttons[n].hitWhat}`).join('; '));

          // Every piece of the first layer is still there (B7, F5): title, purposes, third parties,
          // how to change the choice later, and the policy link.
          const title = banner.getByRole('heading', { name: 'Your privacy choices', exact: true });
          await visible(title, 'the banner title');
          const text = await banner.locator('p').first().textContent();
          for (const piece of [
            'Analytics, Functionality, Targeting',
            'Third parties:',
            'Google Ireland Limited',
            'Hotjar Ltd',
            'Vimeo.com, Inc',
            'Meta Platforms Ireland Limited',
            'You can change your choice at any time',
          ])
            expect(text, `${where}: the banner text`).toContain(piece);
          const policy = banner.getByRole('link', { name: 'Cookie policy', exact: true });
          expect(await policy.getAttribute('href'), 'the policy link').toBe('/cookies.html');

          // Soft: the height, the buttons and the text region each tell the CSS fixer something.
          expect.soft(share, `${where}: banner height / viewport height`).toBeLessThanOrEqual(MAX_SHARE[width]);
          for (const name of BANNER_BUTTONS) {
            expect.soft(buttons[name].inViewport, `${where}: ${name} fully inside the viewport ${JSON.stringify(buttons[name].box)}`).toBe(true);
            expect.soft(buttons[name].hit, `${where}: a click at the centre of ${name} lands on ${buttons[name].hitWhat}`).toBe(true);
            expect.soft(buttons[name].labelFits, `${where}: ${name}'s label fits its button`).toBe(true);
          }
          expect.soft(await title.evaluate(hitTest).then((t) => t.hit), `${where}: the title is in view before any scrolling`).toBe(true);

          if (before.scrollHeight > before.clientHeight + 1) {
            // Text that scrolls must scroll from the keyboard too (WCAG 2.1.1): a named tab stop.
            expect.soft(before.tabindex, `${where}: the overflowing text region is a tab stop`).toBe('0');
            expect.soft(before.role, `${where}: the text region's role`).toBeTruthy();
            expect.soft(before.name, `${where}: the text region's accessible name`).toBeTruthy();
            expect(before.scrollTop, 'the text starts at its top').toBe(0);
            let tabs = 0;
            while (!(await region.evaluate(hasFocus)) && tabs++ < 20) await site.page.keyboard.press('Tab');
            expect(await region.evaluate(hasFocus), `${where}: Tab reaches the text region`).toBe(true);
            const scrollTop = () => region.evaluate((el) => el.scrollTop);
            await site.page.keyboard.press('PageDown');
            await expect.poll(scrollTop, { message: `${where}: PageDown scrolls the text` }).toBeGreaterThan(0);
            await site.page.keyboard.press('Home');
            await expect.poll(scrollTop, { message: `${where}: Home scrolls the text back to its top` }).toBe(0);
            await site.page.keyboard.press('ArrowDown');
            await expect.poll(scrollTop, { message: `${where}: ArrowDown scrolls the text` }).toBeGreaterThan(0);
            await site.page.keyboard.press('End');
            await expect
              .poll(() => region.evaluate((el) => el.scrollHeight - el.clientHeight - el.scrollTop), { message: `${where}: End reaches the end of the text` })
              .toBeLessThanOrEqual(1);
            expect(await region.evaluate(hasFocus), 'scrolling kept focus in the text region').toBe(true);
          }
          // At the end of the region (after scrolling, if it scrolls) the last of the text shows.
          const paragraph = await banner.locator('p').first().elementHandle();
          expect(await region.evaluate(bottomShows, paragraph), `${where}: the end of the text can be brought into view`).toBe(true);
          expect(await region.evaluate(bottomShows, await policy.elementHandle()), `${where}: the policy link can be brought into view`).toBe(true);
          expect(await policy.evaluate(hitTest).then((t) => t.hit), `${where}: the policy link is clickable once in view`).toBe(true);
          // Scrolling the text moved no button out of view.
          for (const name of BANNER_BUTTONS)
            expect.soft(await button(banner, name).evaluate(hitTest).then((t) => t.hit), `${where}: ${name} still clickable at the end of the text`).toBe(true);
        });
      }
    }
  }
});

describe("the banner's measures (scroll padding, scrolling text regions)", () => {
  test("are taken after the browser's own layout: Crumbs' script forces no layout while a first visit's banner appears", async () => {
    const site = await env.open({ viewport: VIEWPORTS[1280] });
    const cdp = await site.context.newCDPSession(site.page);
    const events = [];
    cdp.on('Tracing.dataCollected', ({ value }) => events.push(...value));
    await cdp.send('Tracing.start', { traceConfig: { includedCategories: ['devtools.timeline', 'disabled-by-default-devtools.timeline.stack'], excludedCategories: ['*'] } });
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    // Measured in the frame that lays the banner out: awaited, not assumed.
    await site.page.waitForFunction(() => document.documentElement.style.paddingBottom !== '');
    const room = await site.banner().evaluate((section) => ({
      padding: document.documentElement.style.paddingBottom,
      expected: innerHeight - section.getBoundingClientRect().top + 'px',
    }));
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    // A layout forced by script carries the script's stack (`beginData.stackTrace`, recorded with the
    // stack category).
    const forced = events
      .filter((e) => e.name === 'Layout' && e.args?.beginData?.stackTrace?.some((frame) => frame.url.includes('/crumbs/')))
      .map((e) => e.args.beginData.stackTrace.map((frame) => `${frame.functionName}@${frame.url.replace(/^.*\//, '')}`).join(' < '));
    expect(forced, 'layouts forced by Crumbs').toEqual([]);
    // And the measures are still taken: the page gets the banner's height as room at its end.
    expect(room.padding).toBe(room.expected);
  });
});

describe("the banner's room at the end of the page", () => {
  /** The page's padding and what the banner on screen needs, once its frame has been measured. */
  const room = (site) =>
    site.banner().evaluate((section) => ({ padding: document.documentElement.style.paddingBottom, expected: innerHeight - section.getBoundingClientRect().top + 'px' }));

  test('follows the banner when a script hides it and shows it again in one task, and goes when it is hidden', async () => {
    const site = await env.open({ viewport: VIEWPORTS[1280] });
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await site.page.waitForFunction(() => document.documentElement.style.paddingBottom !== '');

    await site.page.evaluate(() => {
      window.Crumbs.hide();
      window.Crumbs.showBanner();
    });
    await visible(site.banner(), 'the banner, shown again');
    await site.page.waitForFunction(() => document.documentElement.style.paddingBottom !== '', null, { timeout: 5000 });
    const again = await room(site);
    expect(again.padding).toBe(again.expected);

    await site.page.evaluate(() => window.Crumbs.hide());
    await site.banner().waitFor({ state: 'hidden' });
    expect(await site.page.evaluate(() => document.documentElement.style.paddingBottom)).toBe('');
  });
});
