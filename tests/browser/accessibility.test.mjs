// Keyboard-only use, axe-core (WCAG 2.2 A and AA rules) in light and dark schemes, and a 320 px
// wide viewport, in a real browser.
import { describe, expect, test } from 'vitest';
import { axe } from './helpers/axe.mjs';
import { button, revealSwitch, visible } from './helpers/page-objects.mjs';
import { expectNothingOptional, useSite } from './helpers/site.mjs';

const env = useSite();

/** Presses Tab (or Shift+Tab) until `matches(focused)` holds; returns the focused element. */
async function tabTo(site, matches, { max = 60, back = false } = {}) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await site.page.keyboard.press(back ? 'Shift+Tab' : 'Tab');
    const focused = await site.focused();
    seen.push(focused);
    if (focused && matches(focused)) return { focused, seen };
  }
  throw new Error('never reached by Tab; focus went through: ' + seen.map((f) => f && f.name).join(' | '));
}

const report = (violations) =>
  violations.map((v) => `${v.id} (${v.impact}): ${v.help}\n    ${v.nodes.map((n) => n.target + ': ' + n.summary).join('\n    ')}`);

/** The element with focus inside the open dialog, or why not. */
const focusInDialog = (site) =>
  site.page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    return !!el && !!el.closest('[role="dialog"]');
  });

/**
 * A returning visitor (rejected all, with the keyboard) whose dialog was opened from the settings
 * button: on the page where the choice was made, or with `reload`, on the next page load, where the
 * UI has drawn nothing before (no banner, no host: only the button).
 */
async function dialogFromSettingsButton(site, { reload = false } = {}) {
  await site.goto('/');
  await visible(site.banner(), 'the banner');
  await tabTo(site, (f) => f.name === 'Reject all' && f.inBanner, { max: 10 });
  await site.page.keyboard.press('Enter');
  await site.banner().waitFor({ state: 'hidden' });
  if (reload) {
    await site.page.reload();
    await site.ready();
  }
  await tabTo(site, (f) => f.inSettingsButton);
  await site.page.keyboard.press('Enter');
  await visible(site.dialog(), 'the preferences dialog');
}

// One test per rule of where focus goes (requirements B3, K1, K3; WCAG 2.4.3 focus order).
describe('focus rules', () => {
  test('the banner takes no focus by itself, and is the first Tab stop', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    expect(await site.focused(), 'no autofocus').toBe(null);
    await site.page.keyboard.press('Tab');
    expect((await site.focused())?.inBanner, 'first Tab stop is in the banner').toBe(true);
  });

  test('a decision taken in the banner moves focus to the cookie-settings button, where it can be changed', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await tabTo(site, (f) => f.name === 'Reject all' && f.inBanner, { max: 10 });
    await site.page.keyboard.press('Enter');
    await site.banner().waitFor({ state: 'hidden' });
    await expect.poll(() => site.focused().then((f) => f?.inSettingsButton ?? false), { message: 'focus on the settings button' }).toBe(true);
    expect((await site.state()).consent.action).toBe('reject-all');
    await expectNothingOptional(site);
  });

  test('the dialog takes focus when it opens', async () => {
    const site = await env.open();
    await dialogFromSettingsButton(site);
    expect(await focusInDialog(site), 'focus moved into the dialog').toBe(true);
  });

  test('Tab and Shift+Tab stay inside the open dialog and reach its controls', async () => {
    const site = await env.open();
    await dialogFromSettingsButton(site);
    const names = new Set();
    for (let i = 0; i < 30; i++) {
      await site.page.keyboard.press('Tab');
      const focused = await site.focused();
      expect(focused?.inDialog, `Tab ${i + 1} left the dialog (${focused?.name})`).toBe(true);
      names.add(focused.name);
    }
    for (let i = 0; i < 8; i++) {
      await site.page.keyboard.press('Shift+Tab');
      expect((await site.focused())?.inDialog, `Shift+Tab ${i + 1} left the dialog`).toBe(true);
    }
    for (const name of ['Accept all', 'Reject all', 'Save choices']) expect([...names], name).toContain(name);
  });

  for (const [when, reload] of [['', false], [', on the next page load too', true]]) {
    test(`Escape closes the dialog without deciding anything, and focus returns to its opener${when}`, async () => {
      const site = await env.open();
      await dialogFromSettingsButton(site, { reload });
      await expect.poll(() => focusInDialog(site), { message: 'focus inside the dialog' }).toBe(true);
      await site.page.keyboard.press('Escape');
      await site.dialog().waitFor({ state: 'hidden' });
      const focused = await site.focused();
      expect(focused?.inSettingsButton, `focus after Escape: ${JSON.stringify(focused)}`).toBe(true);
      const consent = (await site.state()).consent;
      expect(consent.action).toBe('reject-all');
      expect(consent.categories).toEqual(['necessary']);
      await expectNothingOptional(site);
    });
  }
});

describe('keyboard only', () => {
  test('a visitor can customise with the keyboard alone: Space on a switch, Enter on Save choices', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await tabTo(site, (f) => f.name === 'Customise' && f.inBanner, { max: 10 });
    await site.page.keyboard.press('Enter');
    await visible(site.dialog(), 'the preferences dialog');
    const { focused } = await tabTo(site, (f) => f.role === 'switch' && f.name === 'Analytics', { max: 30 });
    expect(focused.checked).toBe(false);
    await site.page.keyboard.press('Space');
    expect((await site.focused()).checked).toBe(true);
    await tabTo(site, (f) => f.name === 'Save choices', { max: 60 });
    await site.page.keyboard.press('Enter');
    await site.dialog().waitFor({ state: 'hidden' });
    await site.waitForVendors(['gtag.js', 'hotjar.js']);
    expect((await site.state()).consent.categories).toEqual(['necessary', 'analytics']);
    expect(site.requestsTo(/facebook|vimeo/)).toEqual([]);
    const cookies = (await site.cookies()).map((c) => c.name);
    expect(cookies).toContain('_ga');
    expect(cookies).not.toContain('_fbp');
  });
});

describe('axe-core, WCAG 2.2 A and AA', () => {
  for (const colorScheme of ['light', 'dark']) {
    test(`banner, dialog, placeholder and cookie table have no violations (${colorScheme})`, async () => {
      const site = await env.open({ colorScheme });
      await site.goto('/');
      await visible(site.banner(), 'the banner');
      expect(report(await axe(site.page, [['#crumbs-root']])), 'banner').toEqual([]);

      await button(site.banner(), 'Customise').click();
      await visible(site.dialog(), 'the preferences dialog');
      await revealSwitch(site.dialog(), 'Hotjar'); // open the service details too
      await revealSwitch(site.dialog(), 'Meta Pixel');
      expect(report(await axe(site.page, [['#crumbs-root']])), 'dialog').toEqual([]);

      await site.goto('/article.html');
      await visible(site.page.getByRole('button', { name: 'Load once' }), 'the placeholder');
      expect(report(await axe(site.page, [['.crumbs-placeholder']])), 'placeholder').toEqual([]);

      await site.goto('/cookies.html');
      await site.page.locator('[data-crumbs-cookie-table] table').first().waitFor();
      expect(report(await axe(site.page, [['[data-crumbs-cookie-table]']])), 'cookie table').toEqual([]);
      await expectNothingOptional(site);
    });

    test(`every demo page as a whole has no violations after a decision (${colorScheme})`, async () => {
      const site = await env.open({ colorScheme });
      await site.goto('/');
      await visible(site.banner(), 'the banner');
      await button(site.banner(), 'Reject all').click();
      const problems = {};
      for (const path of ['/', '/article.html', '/cookies.html', '/spa.html', '/csp.html']) {
        await site.goto(path);
        await site.settled();
        const found = report(await axe(site.page));
        if (found.length) problems[path] = found;
      }
      expect(problems).toEqual({});
      await expectNothingOptional(site);
    });
  }
});

describe('320 px wide viewport', () => {
  test('no horizontal scrolling; all three banner buttons visible; the dialog, the cookie table and the placeholder fit', async () => {
    const site = await env.open({ viewport: { width: 320, height: 640 } });
    await site.goto('/');
    const banner = site.banner();
    await visible(banner, 'the banner');
    const overflow = () => site.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(await overflow(), 'horizontal overflow with the banner').toBeLessThanOrEqual(0);
    await expectNothingOptional(site);
    for (const name of ['Accept all', 'Reject all', 'Customise']) {
      const box = await button(banner, name).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box.x, name).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width, name).toBeLessThanOrEqual(320);
      expect(box.y, name).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height, name).toBeLessThanOrEqual(640);
      expect(box.height, `${name}: target size`).toBeGreaterThanOrEqual(24);
    }

    await button(banner, 'Customise').click();
    await visible(site.dialog(), 'the preferences dialog');
    expect(await overflow(), 'horizontal overflow with the dialog').toBeLessThanOrEqual(0);
    const dialogBox = await site.dialog().boundingBox();
    expect(dialogBox.x).toBeGreaterThanOrEqual(0);
    expect(dialogBox.x + dialogBox.width).toBeLessThanOrEqual(320);
    await site.page.keyboard.press('Escape');

    await site.goto('/cookies.html');
    await site.page.locator('[data-crumbs-cookie-table] table').first().waitFor();
    expect(await overflow(), 'horizontal overflow with the cookie table').toBeLessThanOrEqual(0);

    await site.goto('/article.html');
    await visible(site.page.getByRole('button', { name: 'Load once' }), 'the placeholder');
    expect(await overflow(), 'horizontal overflow with the placeholder').toBeLessThanOrEqual(0);
    // The 640 x 360 video scales down to 288 x 162 here, too small for the text and both buttons:
    // the placeholder grows, rather than hiding a button in a scroll area or cutting it off.
    const placeholder = await site.page.locator('.crumbs-placeholder').first().boundingBox();
    for (const name of ['Load once', 'Always allow Vimeo']) {
      const box = await site.page.getByRole('button', { name }).boundingBox();
      expect(box.y, name).toBeGreaterThanOrEqual(placeholder.y);
      expect(box.y + box.height, `${name}: inside the placeholder`).toBeLessThanOrEqual(placeholder.y + placeholder.height);
    }
  });
});

/**
 * How many pixels of the button's middle (where the icon is) stand out from its face, in a
 * screenshot of the button: what a person sees, not which element or style is there.
 */
async function iconPixels(site, locator) {
  const png = (await locator.screenshot()).toString('base64');
  // Decoded in a blank page of the same browser: the site's own policies do not apply there.
  const scratch = await site.page.context().newPage();
  try {
    return await scratch.evaluate(async (base64) => {
      const image = new Image();
      image.src = 'data:image/png;base64,' + base64;
      await image.decode();
      const canvas = new OffscreenCanvas(image.width, image.height);
      const context = canvas.getContext('2d');
      context.drawImage(image, 0, 0);
      const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
      const at = (x, y) => data.slice((y * width + x) * 4, (y * width + x) * 4 + 3);
      // The face: inside the round button, left of the icon's 24 px box in its middle.
      const face = at(Math.round(width / 2) - 16, Math.round(height / 2));
      let count = 0;
      for (let y = Math.round(height / 2) - 10; y < Math.round(height / 2) + 10; y++)
        for (let x = Math.round(width / 2) - 10; x < Math.round(width / 2) + 10; x++) {
          const pixel = at(x, y);
          if (Math.abs(pixel[0] - face[0]) + Math.abs(pixel[1] - face[1]) + Math.abs(pixel[2] - face[2]) > 96) count++;
        }
      return count;
    }, png);
  } finally {
    await scratch.close();
  }
}

describe('forced colours (Windows high contrast)', () => {
  test('the cookie-settings button keeps its icon, where the browser paints the button in system colours: after the decision, a reload and navigation', async () => {
    const site = await env.open();
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Reject all').click();
    await visible(site.settingsButton(), 'the settings button');
    // The same check without forced colours: the icon is there, so the check can find one.
    expect(await iconPixels(site, site.settingsButton()), 'icon pixels, normal colours').toBeGreaterThan(100);
    await site.page.emulateMedia({ forcedColors: 'active' });
    expect(await iconPixels(site, site.settingsButton()), 'icon pixels, forced colours').toBeGreaterThan(100);
    for (const [how, next] of [
      ['a reload', () => site.page.reload()],
      ['navigation', () => site.goto('/article.html')],
    ]) {
      await next();
      await visible(site.settingsButton(), 'the settings button after ' + how);
      expect(await iconPixels(site, site.settingsButton()), 'icon pixels, forced colours, after ' + how).toBeGreaterThan(100);
    }
  });
});
