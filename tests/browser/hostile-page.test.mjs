// A careless or hostile page around the widget: a polluted Object.prototype, a javascript: embed,
// a page that takes the name `Crumbs` or `cookieStore`, a body removed while parsing, a UI file that fails once.
// Each must leave nothing optional running and no exception in the page, and say what happened.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, expectNothingOptional, useSite } from './helpers/site.mjs';

const env = useSite();
const html = (body) => ({ status: 200, contentType: 'text/html; charset=utf-8', body });
const INVENTORY = (inventory = demoInventory()) => `<script type="application/json" id="crumbs-inventory">${JSON.stringify(inventory).replace(/</g, '\\u003c')}</script>`;
const page = (before, body, after = '', inventory = undefined) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8">${before}${INVENTORY(inventory)}<script src="/crumbs/crumbs.js"></script>${after}<title>Hostile</title></head><body>${body}<footer><a href="#" data-crumbs-open>Cookie settings</a></footer></body></html>`;
const errors = async (site) => (await site.state()).events.filter((e) => e.name === 'error').map((e) => e.detail.message);

describe('a hostile page', () => {
  test('Object.prototype polluted before crumbs.js (required, logUrl, m): a rejecting visitor runs nothing and no record goes elsewhere', async () => {
    const site = await env.open();
    const pollute = '<script>Object.prototype.required = true; Object.prototype.logUrl = "https://evil.crumbs-demo.test/log"; Object.prototype.m = "0123456";</script>';
    const gated = '<script type="text/plain" data-consent="google-analytics">window.gaRan = true;</script>';
    site.serve('/polluted.html', html(page(pollute, '<h1>Polluted</h1>', gated)));
    await site.goto('/polluted.html');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.consentCookie().then(Boolean)).toBe(true);
    await site.page.reload();
    await site.ready();
    expect(await site.page.evaluate(() => [window.gaRan, window.Crumbs.isGranted('analytics'), window.Crumbs.getConsent().action])).toEqual([undefined, false, 'reject-all']);
    expect(site.requestsTo(/evil/)).toEqual([]);
    await expectNothingOptional(site);
  });

  test('a javascript: address on a gated iframe is refused and reported, never run', async () => {
    const site = await env.open();
    site.serve('/js-embed.html', html(page('', '<iframe data-consent="vimeo" data-src="javascript:parent.pwned=1" title="x"></iframe><p>after</p>')));
    await site.goto('/js-embed.html');
    await button(site.banner(), 'Accept all').click();
    await expect.poll(() => errors(site)).toContainEqual(expect.stringContaining('refused data-src="javascript:'));
    expect(await site.page.evaluate(() => [window.pwned, document.querySelector('iframe').getAttribute('src')])).toEqual([undefined, null]);
  });

  for (const [label, before] of [
    ['window.Crumbs defined by the page', '<script>window.Crumbs = { mine: true };</script>'],
    ['an element with id="Crumbs" (named access)', ''],
  ]) {
    test(`${label}: Crumbs still starts, is not "included twice", and takes the name`, async () => {
      const site = await env.open();
      site.serve('/named.html', html(page(before, '<meta id="Crumbs"><h1>Named</h1>')));
      await site.goto('/named.html');
      await visible(site.banner(), 'the banner');
      expect(site.consoleMessages.filter((m) => /included twice/.test(m.text))).toEqual([]);
      await site.page.evaluate(() => window.Crumbs.rejectAll());
      expect(await site.page.evaluate(() => window.Crumbs.getConsent().action)).toBe('reject-all');
    });
  }

  for (const [label, stub] of [
    ['whose getAll is no function', '{ getAll: 1 }'],
    ['whose getAll throws', '{ getAll() { throw new Error("page stub"); } }'],
    ['whose getAll answers no list', '{ getAll: () => "junk" }'],
    ['whose getAll rejects', '{ getAll: () => Promise.reject(new Error("page stub")) }'],
    // Read again through document.cookie once it has kept start-up and clean-up waiting a second.
    ['whose getAll never settles', '{ getAll: () => new Promise(() => {}) }'],
  ]) {
    test(`a page's own cookieStore ${label}: a returning visitor's decision holds, its clean-up runs, no exception reaches the page`, async () => {
      const site = await env.open();
      const shadow = `<script>Object.defineProperty(window, 'cookieStore', { value: ${stub} });</script>`;
      const gated = '<script type="text/plain" data-consent="google-analytics">window.gaRan = true;</script>';
      // Without Consent Mode, crumbs.js itself reads the decision through the Cookie Store; the
      // engine's clean-up lists the cookies through it either way.
      const inventory = demoInventory();
      delete inventory.googleConsentMode;
      site.serve('/store.html', html(page(shadow, '<h1>Own cookieStore</h1>', gated, inventory)));
      await site.goto('/store.html');
      await button(site.banner(), 'Reject all').click();
      await expect.poll(() => site.consentCookie().then(Boolean), { message: 'the consent cookie' }).toBe(true);
      for (const next of [() => site.goto('/store.html'), () => site.page.reload().then(() => site.ready())]) {
        // A cookie of a rejected service, as a tag that ran ungated would leave: start-up deletes it.
        await site.context.addCookies([{ name: '_ga', value: 'GA1.1.1.1', domain: '.crumbs-demo.test', path: '/', secure: true }]);
        await next();
        expect(await site.page.evaluate(() => [window.gaRan, window.Crumbs.getConsent()?.action])).toEqual([undefined, 'reject-all']);
        expect(await site.banner().count(), 'no banner: the decision stands').toBe(0);
        await expect.poll(() => site.cookies().then((list) => list.map((c) => c.name)), { message: 'the rejected _ga cookie deleted', timeout: 5000 }).not.toContain('_ga');
      }
      // And a grant still runs what it grants.
      await site.page.evaluate(() => window.Crumbs.acceptAll());
      await expect.poll(() => site.page.evaluate(() => window.gaRan), { message: 'the granted script' }).toBe(true);
      expect(site.pageErrors).toEqual([]);
    });
  }

  test('a page that re-renders its body after the banner appeared: the banner comes back', async () => {
    const site = await env.open();
    let release;
    const held = new Promise((resolve) => (release = resolve));
    site.serve('/held.js', () => held.then(() => ({ status: 200, contentType: 'text/javascript', body: 'document.body.innerHTML = "<h1>Re-rendered</h1>";' })));
    site.serve('/rerender.html', html(page('', '<h1>First</h1><script src="/held.js"></script>')));
    await site.page.goto('https://www.crumbs-demo.test/rerender.html', { waitUntil: 'commit' });
    await visible(site.banner(), 'the banner while the page parses');
    release();
    await site.page.waitForLoadState('load');
    await site.page.getByRole('heading', { name: 'Re-rendered' }).waitFor();
    await visible(site.banner(), 'the banner after the re-render');
  });

  test('a body removed while the page parses: no exception reaches the page', async () => {
    const site = await env.open();
    await site.page.context().addCookies([]);
    site.serve('/nobody.html', html(page('', '<h1>Gone</h1><script>document.body.remove();</script>')));
    const unhandled = [];
    site.page.on('console', (m) => /Unhandled|Uncaught/.test(m.text()) && unhandled.push(m.text()));
    await site.goto('/nobody.html');
    await site.page.evaluate(() => window.Crumbs.rejectAll());
    // The settings button has nowhere to go; the decision still holds, and nothing was thrown.
    expect(await site.page.evaluate(() => window.Crumbs.getConsent().action)).toBe('reject-all');
    expect(unhandled).toEqual([]);
    expect(site.pageErrors).toEqual([]);
  });

  test('crumbs-ui.js fails: reported, and the cookie-settings link tries again instead of staying dead', async () => {
    const site = await env.open();
    // Down (the prefetch and the banner's own load both fail) until the failure was reported.
    let down = true;
    const { siteResponse } = await import('../../demo/serve.mjs');
    site.serve('/crumbs/crumbs-ui.js', () => (down ? { status: 503, contentType: 'text/plain', body: 'busy' } : siteResponse('/crumbs/crumbs-ui.js')));
    site.serve('/flaky.html', html(page('', '<h1>Flaky</h1>')));
    await site.goto('/flaky.html');
    await expect.poll(() => errors(site)).toContainEqual(expect.stringContaining('The UI could not be loaded'));
    expect(await site.banner().count()).toBe(0);
    down = false;
    await site.page.getByRole('link', { name: 'Cookie settings' }).click();
    await visible(site.dialog(), 'the dialog, on the second try');
  });
});
