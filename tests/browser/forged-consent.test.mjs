// A hostile sibling subdomain (evil.crumbs-demo.test) plants consent cookies for the whole site
// with `Domain=`, or for one path. Crumbs must never grant from them: by default the cookie is named
// `__Host-crumbs_consent`, which the browser refuses from anyone but the site itself; with a name
// without the prefix, cookies of that name that disagree count as no decision, are deleted where the
// page can reach them, and are reported.
import { describe, expect, test } from 'vitest';
import { siteResponse } from '../../demo/serve.mjs';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, expectNothingOptional, SITE_HOST, useSite } from './helpers/site.mjs';

const env = useSite();
const EVIL = 'https://evil.crumbs-demo.test';
const YEAR = 'Max-Age=31536000';

/** The demo inventory with the default cookie name (no `consent.cookieName`). */
function defaultNamed() {
  const inventory = demoInventory();
  delete inventory.consent.cookieName;
  delete inventory.stamp;
  return inventory;
}

/** A well-formed accept-all decision for this inventory, as the widget itself writes it. */
async function acceptAllValue(inventory, name) {
  const site = await env.open();
  site.serve('/cookies.json', inventory);
  await site.goto('/');
  await button(site.banner(), 'Accept all').click();
  await expect.poll(() => site.consentCookie(name).then(Boolean), { message: `the ${name} cookie` }).toBe(true);
  return (await site.consentCookie(name)).value;
}

const SIBLING_DOMAIN = '.crumbs-demo.test';

/** What the browser holds for the whole site (`Domain=`), as `name (path)`, sorted. */
const siteWide = async (site) =>
  (await site.cookies()).filter((c) => c.domain === SIBLING_DOMAIN).map((c) => `${c.name} (${c.path})`).sort();

/**
 * Serves a blank page on the sibling host and runs `document.cookie = ...` there for each line, then
 * waits until the browser holds exactly `accepted` (`name (path)`) for the whole site. Chromium hands
 * a `document.cookie` write to its cookie store without waiting for it, so without this wait the
 * next step can run before the planted cookie exists and pass or fail by luck.
 */
async function plant(site, lines, accepted) {
  await site.context.route(EVIL + '/**', (route) => route.fulfill({ status: 200, contentType: 'text/html', body: '<!doctype html><title>evil</title>' }));
  await site.page.goto(EVIL + '/');
  await site.page.evaluate((lines) => lines.forEach((line) => (document.cookie = line)), lines);
  await expect.poll(() => siteWide(site), { message: 'what the browser accepted from the sibling' }).toEqual([...accepted].sort());
}

const errors = async (site) => (await site.state()).events.filter((e) => e.name === 'error').map((e) => e.detail.message);

describe('default name __Host-crumbs_consent: the browser itself refuses planted cookies', () => {
  test('first visit: cookies planted by a sibling (Domain=, %5F-encoded name, legacy name) grant nothing; the banner asks', async () => {
    const inventory = defaultNamed();
    const forged = await acceptAllValue(inventory, '__Host-crumbs_consent');
    const site = await env.open();
    site.serve('/cookies.json', inventory);
    await plant(site, [
      `__Host-crumbs_consent=${forged}; Domain=crumbs-demo.test; Path=/; Secure; ${YEAR}`,
      `%5F_Host-crumbs_consent=${forged}; Domain=crumbs-demo.test; Path=/; Secure; ${YEAR}`,
      `crumbs_consent=${forged}; Domain=crumbs-demo.test; Path=/; Secure; ${YEAR}`,
    ], ['%5F_Host-crumbs_consent (/)', 'crumbs_consent (/)']);
    expect((await site.cookies()).map((c) => c.name), 'nothing but the planted ones').toEqual(['%5F_Host-crumbs_consent', 'crumbs_consent']);
    const mark = site.requests.length;
    await site.goto('/article.html');
    await visible(site.banner(), 'the banner');
    expect((await site.state()).consent).toBeNull();
    await expectNothingOptional(site, mark);
  });

  test('after Reject all, a planted accept-all cookie (site-wide or for one path) changes nothing, after reload and on /shop/', async () => {
    const inventory = defaultNamed();
    const forged = await acceptAllValue(inventory, '__Host-crumbs_consent');
    const site = await env.open();
    site.serve('/cookies.json', inventory);
    site.serve('/shop/', { status: 200, contentType: 'text/html; charset=utf-8', body: siteResponse('/article.html').body.toString() });
    await site.goto('/');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.consentCookie('__Host-crumbs_consent').then(Boolean)).toBe(true);
    await plant(site, [
      `__Host-crumbs_consent=${forged}; Domain=crumbs-demo.test; Path=/; Secure; ${YEAR}`,
      `crumbs_consent=${forged}; Domain=crumbs-demo.test; Path=/shop/; Secure; ${YEAR}`,
    ], ['crumbs_consent (/shop/)']);
    const mark = site.requests.length;
    for (const path of ['/', '/shop/']) {
      await site.goto(path);
      expect((await site.state()).consent.action, path).toBe('reject-all');
      expect(await site.banner().count(), 'no banner: the decision stands').toBe(0);
    }
    await site.page.reload();
    await site.ready();
    expect((await site.state()).consent.action).toBe('reject-all');
    await expectNothingOptional(site, mark);
  });
});

test('a %5F-named cookie planted by a sibling does not hide the visitor\'s own: Accept all holds at once', async () => {
  const inventory = defaultNamed();
  const site = await env.open();
  site.serve('/cookies.json', inventory);
  await plant(site, [`%5F_Host-crumbs_consent=junk; Domain=crumbs-demo.test; Path=/; Secure; ${YEAR}`], ['%5F_Host-crumbs_consent (/)']);
  await site.goto('/');
  await button(site.banner(), 'Accept all').click();
  await site.waitForVendors(['gtag.js']);
  expect(await errors(site)).toEqual([]);
  expect(await site.banner().count(), 'the banner went away').toBe(0);
  expect((await site.consentCookie('__Host-crumbs_consent'))?.domain).toBe(SITE_HOST);
});

describe('a name without the prefix (consent.cookieName "crumbs_consent"): disagreeing cookies are no decision', () => {
  for (const [label, attributes, path] of [
    ['site-wide (Domain=)', 'Domain=crumbs-demo.test; Path=/', '/'],
    ['for one path (Domain=, Path=/shop/)', 'Domain=crumbs-demo.test; Path=/shop/', '/shop/'],
  ]) {
    test(`after Reject all, a planted accept-all cookie ${label}: nothing granted, the banner asks, both deleted, an error event`, async () => {
      const inventory = demoInventory();
      expect(inventory.consent.cookieName).toBe('crumbs_consent');
      const forged = await acceptAllValue(inventory, 'crumbs_consent');
      const site = await env.open();
      site.serve('/shop/', { status: 200, contentType: 'text/html; charset=utf-8', body: siteResponse('/article.html').body.toString() });
      await site.goto('/');
      await button(site.banner(), 'Reject all').click();
      await expect.poll(() => site.consentCookie('crumbs_consent').then(Boolean)).toBe(true);
      await plant(site, [`crumbs_consent=${forged}; ${attributes}; Secure; ${YEAR}`], [`crumbs_consent (${path})`]);
      expect((await site.cookies()).filter((c) => c.name === 'crumbs_consent'), 'ours and the planted one').toHaveLength(2);

      const mark = site.requests.length;
      await site.goto(path);
      await visible(site.banner(), 'the banner, asking again');
      expect((await site.state()).consent).toBeNull();
      expect(await errors(site)).toEqual([expect.stringContaining('2 cookies named crumbs_consent disagree: none counts')]);
      expect((await site.cookies()).filter((c) => c.name === 'crumbs_consent'), 'both deleted').toEqual([]);
      await expectNothingOptional(site, mark);

      // The visitor's new answer is the only consent cookie left, and it holds.
      await button(site.banner(), 'Reject all').click();
      await expect.poll(() => site.consentCookie('crumbs_consent').then((c) => c?.domain)).toBe(SITE_HOST);
      await site.page.reload();
      await site.ready();
      expect((await site.state()).consent.action).toBe('reject-all');
      await expectNothingOptional(site, mark);
    });
  }
});
