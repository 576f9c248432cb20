// A site with 1,000 services: the visitor's decision still fits in the consent cookie, so it holds
// on the next page instead of the banner asking on every page view; where it cannot fit at all, the
// site is told (an `error` event) and nothing is granted.
import { expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, useSite } from './helpers/site.mjs';

const env = useSite();

/** The demo inventory plus `count` analytics services, each with one cookie. */
function withServices(count) {
  const inventory = demoInventory();
  delete inventory.stamp;
  for (let i = 0; i < count; i++) {
    const id = 'service-' + String(i).padStart(4, '0');
    inventory.services.push({ id, name: 'Service ' + i, category: 'analytics', cookies: [{ name: 'svc_' + i, duration: '1 day' }] });
  }
  return inventory;
}

test('1,000 services: Accept all is stored (about 1.3 KB of cookie) and holds after a reload', async () => {
  const site = await env.open();
  site.serve('/cookies.json', withServices(1000));
  await site.goto('/');
  await button(site.banner(), 'Accept all').click();
  await expect.poll(() => site.consentCookie().then((c) => c?.value.length ?? 0), { message: 'the consent cookie' }).toBeGreaterThan(0);
  const cookie = await site.consentCookie();
  console.log(`1,000 services: consent cookie of ${cookie.name.length + cookie.value.length} bytes`);
  expect(cookie.name.length + cookie.value.length).toBeLessThan(1500);
  await site.page.reload();
  await site.ready();
  expect(await site.banner().count(), 'no banner on the next page view').toBe(0);
  expect(await site.page.evaluate(() => [window.Crumbs.isGranted('service-0999'), window.Crumbs.getConsent().action])).toEqual([true, 'accept-all']);
});

test('5,000 services: the cookie cannot fit; the site is told, the answer holds on this page only', async () => {
  const site = await env.open();
  site.serve('/cookies.json', withServices(5000));
  await site.goto('/');
  await button(site.banner(), 'Accept all').click();
  await expect
    .poll(async () => (await site.state()).events.filter((e) => e.name === 'error').map((e) => e.detail.message), { message: 'error events' })
    .toContainEqual(expect.stringContaining('the browser refused the consent cookie'));
  expect(await site.consentCookie()).toBeUndefined();
  expect(await site.page.evaluate(() => window.Crumbs.isGranted('analytics')), 'on the page where it was given').toBe(true);
  await site.page.reload();
  await site.ready();
  await visible(site.banner(), 'the banner on the next page view');
  expect(await site.page.evaluate(() => window.Crumbs.isGranted('analytics'))).toBe(false);
});
