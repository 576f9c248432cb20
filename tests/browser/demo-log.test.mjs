// The demo as `npm run demo` runs it: the demo server, the consent-log service behind /consent/
// (SQLite in a temporary folder), Chromium deciding on the real pages. The record is then looked up
// the way the README says, by the consent id the preferences dialog shows, and its notice is known.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { serve } from '../../demo/serve.mjs';
import { launch } from './helpers/launch.mjs';
import { button, visible } from './helpers/page-objects.mjs';
import { ROOT } from './helpers/site.mjs';

const TOKEN = 'demo-test-token-0123456789';
let folder;
let logServer;
let site;
let browser;

beforeAll(async () => {
  folder = mkdtempSync(join(tmpdir(), 'crumbs-demo-log-test-'));
  const { startLogServer } = await import(pathToFileURL(join(ROOT, 'dist/log-server/start-log-server.js')).href);
  logServer = await startLogServer({ db: join(folder, 'consent.sqlite'), port: 0, token: TOKEN, logLevel: false });
  // What the demo's start-up does: the notice snapshots of every language and layer, stored.
  const core = await import(pathToFileURL(join(ROOT, 'dist/esm/core/index.js')).href);
  const { readFileSync } = await import('node:fs');
  const inventory = core.parseInventory(JSON.parse(readFileSync(join(ROOT, 'demo/cookies.json'), 'utf8')));
  for (const layer of ['banner', 'dialog']) {
    const answer = await fetch(logServer.url + '/notices', {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify(core.snapshotNotice(inventory, 'en', layer)),
    });
    expect(answer.ok, await answer.text()).toBe(true);
  }
  site = await serve(40000 + Math.floor(Math.random() * 20000), 20, logServer.url);
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  site?.server.close();
  await logServer?.close();
  if (folder) rmSync(folder, { recursive: true, force: true });
});

/** The history of one consent id, as the README's curl command asks for it. */
async function history(id) {
  const answer = await fetch(`${site.url}consent/consents/${id}`, { headers: { authorization: `Bearer ${TOKEN}` } });
  return answer.ok ? (await answer.json()).records : [];
}

test('Accept all, then Reject all in the dialog: both records are stored, found by the consent id the dialog shows, on a known notice', async () => {
  const context = await browser.newContext({ locale: 'en-GB' });
  // Only the demo itself: every third-party request is refused (nothing is granted on a first visit anyway).
  await context.route('**/*', (route) => (new URL(route.request().url()).hostname === 'localhost' ? route.continue() : route.abort()));
  try {
    const page = await context.newPage();
    await page.goto(site.url);
    const banner = page.getByRole('region').filter({ has: page.getByRole('button', { name: 'Reject all', exact: true }) });
    await visible(banner, 'the banner');
    await button(banner, 'Accept all').click();
    await page.locator('[data-crumbs-settings]').getByRole('button', { name: 'Cookie settings' }).click();
    const dialog = page.getByRole('dialog');
    await visible(dialog, 'the preferences dialog');
    const shownId = /Consent ID: ([0-9a-f-]{36})/.exec(await dialog.textContent())?.[1];
    expect(shownId, 'the dialog shows the consent id').toBeTruthy();
    const reloaded = page.waitForEvent('load');
    await button(dialog, 'Reject all').click();
    await reloaded;

    await expect.poll(() => history(shownId).then((records) => records.length), { timeout: 10_000 }).toBe(2);
    const records = await history(shownId);
    expect(records.map((r) => [r.action, r.layer, r.noticeKnown])).toEqual([
      ['accept-all', 'banner', true],
      ['revoke', 'dialog', true],
    ]);
    expect(records.every((r) => r.id === shownId)).toBe(true);
    // Nothing that identifies the visitor beyond the random consent id.
    expect(JSON.stringify(records)).not.toMatch(/127\.0\.0\.1|::1|HeadlessChrome|Mozilla/);
  } finally {
    await context.close();
  }
});
