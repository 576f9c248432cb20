// When the site's inventory is missing or invalid, Crumbs fails closed and says so to the visitor:
// a cookie-settings link shows a short notice instead of doing nothing, and blocked embeds keep a
// placeholder that names what is blocked (without "Always allow", which would need the inventory).
import { describe, expect, test } from 'vitest';
import { siteResponse } from '../../demo/serve.mjs';
import { visible } from './helpers/page-objects.mjs';
import { expectNothingOptional, useSite } from './helpers/site.mjs';

const env = useSite();

const BROKEN = {
  'missing (404)': { status: 404, contentType: 'text/plain', body: 'not found' },
  'invalid (a category without an id)': { version: 1, categories: [{ name: 'Analytics' }], services: [] },
};

for (const [label, response] of Object.entries(BROKEN)) {
  describe(`inventory ${label}`, () => {
    test('nothing optional runs; the embed keeps a placeholder naming it; "Cookie settings" explains, Escape closes, focus returns', async () => {
      const site = await env.open();
      site.serve('/cookies.json', response);
      await site.page.goto('https://www.crumbs-demo.test/article.html', { waitUntil: 'load' });
      await site.page.evaluate(() => window.Crumbs.ready);

      const placeholder = site.page.locator('.crumbs-placeholder');
      await visible(placeholder, 'the placeholder of the blocked video');
      await expect.poll(() => placeholder.locator('p').textContent()).toContain('vimeo (player.vimeo.com) is blocked');
      expect(await placeholder.getByRole('button').count(), 'no "Load once" or "Always allow" without an inventory').toBe(0);
      expect(site.page.frames().map((f) => f.url())).not.toContain('https://player.vimeo.com/video/76979871');

      const link = site.page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' });
      await link.focus();
      await site.page.keyboard.press('Enter');
      const notice = site.page.getByRole('region', { name: 'Cookie settings unavailable' });
      await visible(notice, 'the notice');
      await site.screenshot('unavailable-notice-' + (label.startsWith('missing') ? 'missing' : 'invalid'));
      expect(await notice.textContent()).toContain('Nothing optional is running');
      expect(site.page.url(), 'the link did not navigate').toBe('https://www.crumbs-demo.test/article.html');
      expect((await site.focused()).name).toBe('Cookie settings unavailable');
      await site.page.keyboard.press('Escape');
      await notice.waitFor({ state: 'hidden' });
      expect(await link.evaluate((el) => el === document.activeElement), 'focus back on the link').toBe(true);

      const errors = (await site.state()).events.filter((e) => e.name === 'error');
      expect(errors.length, 'the owner is told through an error event').toBeGreaterThan(0);
      await expectNothingOptional(site);
      expect(await site.consentCookie()).toBeUndefined();
    });
  });
}

test('the notice and the placeholder speak the page language (de)', async () => {
  const site = await env.open();
  site.serve('/cookies.json', BROKEN['missing (404)']);
  const html = siteResponse('/article.html').body.toString().replace('<html lang="en">', '<html lang="de">');
  site.serve('/article-de.html', { status: 200, contentType: 'text/html; charset=utf-8', body: html });
  await site.page.goto('https://www.crumbs-demo.test/article-de.html', { waitUntil: 'load' });
  await site.page.evaluate(() => window.Crumbs.ready);
  await expect.poll(() => site.page.locator('.crumbs-placeholder p').textContent()).toContain('Inhalte von vimeo (player.vimeo.com) sind blockiert');
  await site.page.getByRole('contentinfo').getByRole('link', { name: 'Cookie settings' }).click();
  await visible(site.page.getByRole('region', { name: 'Cookie-Einstellungen nicht verfügbar' }), 'the German notice');
  await site.page.getByRole('button', { name: 'Schließen' }).click();
  await site.page.getByRole('region', { name: 'Cookie-Einstellungen nicht verfügbar' }).waitFor({ state: 'hidden' });
});
