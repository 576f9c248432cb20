// The home page served with a strict Content-Security-Policy (no 'unsafe-inline', no 'unsafe-eval'):
// the widget renders styled, the gated vendor files run after consent, and the browser reports no
// violation at any point.
import { describe, expect, test } from 'vitest';
import { STRICT_CSP } from '../../demo/serve.mjs';
import { button, visible } from './helpers/page-objects.mjs';
import { expectNothingOptional, GA_ID, HOTJAR_ID, useSite } from './helpers/site.mjs';

const env = useSite();

/** Violations seen by the page, plus console reports of refused resources. */
async function violations(site) {
  const { cspViolations } = await site.state();
  const console = site.consoleMessages.filter((m) => /Content Security Policy|Refused to/i.test(m.text)).map((m) => m.text);
  return [...cspViolations.map((v) => `${v.directive}: ${v.blocked} (${v.source}:${v.line}) ${v.sample}`), ...console];
}

describe('strict Content-Security-Policy', () => {
  test('the policy is strict and is sent with /csp.html', async () => {
    expect(STRICT_CSP).not.toMatch(/unsafe-inline|unsafe-eval/);
    expect(STRICT_CSP).toMatch(/style-src 'self'(;|$)/);
    const site = await env.open();
    const response = await site.page.goto('https://www.crumbs-demo.test/csp.html');
    expect(response.headers()['content-security-policy']).toBe(STRICT_CSP);
  });

  test('banner and dialog render styled, consent runs the vendor files, and nothing is refused', async () => {
    const site = await env.open();
    await site.goto('/csp.html');
    const banner = site.banner();
    await visible(banner, 'the banner');

    // Styled: the constructable stylesheet applied inside the shadow root.
    const style = await banner.evaluate((el) => {
      const s = getComputedStyle(el);
      const buttons = [...el.querySelectorAll('button')].map((b) => {
        const r = b.getBoundingClientRect();
        const bs = getComputedStyle(b);
        return { width: Math.round(r.width), height: Math.round(r.height), weight: bs.fontWeight, background: bs.backgroundColor, size: bs.fontSize };
      });
      return { position: s.position, background: s.backgroundColor, bottom: el.getBoundingClientRect().bottom, viewport: innerHeight, buttons };
    });
    expect(style.position).toBe('fixed');
    expect(style.background).not.toMatch(/^(rgba\(0, 0, 0, 0\)|transparent)$/);
    expect(Math.abs(style.bottom - style.viewport)).toBeLessThan(40);
    // Accept all, Reject all and Customise: equal size, weight and style.
    expect(style.buttons).toHaveLength(3);
    for (const b of style.buttons) expect({ ...b, width: undefined }).toEqual({ ...style.buttons[0], width: undefined });
    expect(new Set(style.buttons.map((b) => b.height)).size).toBe(1);
    expect(await violations(site)).toEqual([]);
    await expectNothingOptional(site);

    await button(banner, 'Accept all').click();
    await site.waitForVendors(['gtag.js', 'hotjar.js', 'hotjar-modules.js', 'fbevents.js']);
    const state = await site.state();
    expect(state.vendorRuns).toEqual({ 'gtag.js': 1, 'hotjar.js': 1, 'hotjar-modules.js': 1, 'fbevents.js': 1 });
    expect(state.snippets).toEqual([
      { service: 'google-analytics', src: 'https://www.crumbs-demo.test/vendors/gtag-config.js' },
      { service: 'hotjar', src: 'https://www.crumbs-demo.test/vendors/hotjar.js' },
      { service: 'meta-pixel', src: 'https://www.crumbs-demo.test/vendors/meta-pixel.js' },
    ]);

    const cookies = (await site.cookies()).map((c) => c.name);
    for (const name of ['_ga', `_ga_${GA_ID.slice(2)}`, `_hjSession_${HOTJAR_ID}`, '_fbp', 'crumbs_consent']) expect(cookies).toContain(name);
    for (const host of ['www.googletagmanager.com', 'static.hotjar.com', 'connect.facebook.net']) expect(site.requestsTo(host).length, host).toBeGreaterThan(0);

    await visible(site.settingsButton(), 'the cookie settings button');
    await site.settingsButton().click();
    const dialog = site.dialog();
    await visible(dialog, 'the preferences dialog');
    const dialogStyle = await dialog.evaluate((el) => ({ background: getComputedStyle(el).backgroundColor, position: getComputedStyle(el.parentElement).position }));
    expect(dialogStyle.background).not.toMatch(/^(rgba\(0, 0, 0, 0\)|transparent)$/);
    await site.page.keyboard.press('Escape');
    await site.settled();
    expect(await violations(site)).toEqual([]);
  });

  test('control: the same page does report an inline script, so silence above means something', async () => {
    const site = await env.open();
    await site.goto('/csp.html');
    await site.page.addScriptTag({ content: 'window.__inlineRan = true;' }).catch(() => {});
    await site.settled();
    expect(await site.page.evaluate(() => window.__inlineRan)).toBeUndefined();
    expect((await violations(site)).length).toBeGreaterThan(0);
    await expectNothingOptional(site);
  });
});
