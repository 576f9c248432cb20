// Proof of consent in a real browser: the request each decision really sends (captured at the
// network, not read from the code), every field checked; the notice hash equals what the CLI
// computes from the inventory file; and a changed notice asks again even with a stamped inventory.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';
import { button, revealSwitch, visible } from './helpers/page-objects.mjs';
import { captureLog, demoInventory, ROOT, SITE, useSite } from './helpers/site.mjs';

const env = useSite();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const FIELDS = ['action', 'categories', 'exceptions', 'gpc', 'id', 'inventoryHash', 'lang', 'layer', 'noticeHash', 'recordId', 'revision', 'services', 'shown', 'time', 'version'];

/** `crumbs-consent notice demo/cookies.json --lang en --layer <layer>`: the hash, as the CLI prints it. */
const cliHash = (layer, file = 'demo/cookies.json') =>
  execFileSync(process.execPath, ['bin/crumbs-consent.mjs', 'notice', file, '--lang', 'en', '--layer', layer], { cwd: ROOT, encoding: 'utf8' }).split(/\s/)[0];

let version;
beforeAll(async () => {
  ({ version } = JSON.parse(execFileSync('node', ['-p', 'JSON.stringify(require("./package.json"))'], { cwd: ROOT, encoding: 'utf8' })));
});

/** Checks every field of one record as sent. */
function expectRecord(entry, expected) {
  expect(entry.method).toBe('POST');
  // text/plain: a simple request, no CORS preflight, which a beacon cannot make.
  expect(entry.type).toMatch(/^text\/plain/);
  const record = entry.record;
  expect(Object.keys(record).sort()).toEqual([...FIELDS].sort());
  expect(record.recordId).toMatch(UUID);
  expect(record.id).toMatch(UUID);
  expect(Math.abs(Date.parse(record.time) - Date.now())).toBeLessThan(60_000);
  expect(record.revision).toBe(demoInventory().revision ?? 0);
  expect(record.lang).toBe('en');
  expect(record.gpc).toBe(false);
  expect(record.version).toBe(version);
  expect(record.inventoryHash).toMatch(/^[0-9a-f]{8}$/);
  expect(record.noticeHash).toBe(cliHash(record.layer));
  expect(record).toMatchObject(expected);
}

/** Waits until `count` records have arrived. */
const arrived = (sent, count) => expect.poll(() => sent.length, { message: `${count} records sent` }).toBe(count);

describe('consent records as the log service receives them', () => {
  test('Accept all, then Customise to revoke analytics, then reset(): each record with every field, and the same consent id', async () => {
    const site = await env.open();
    const sent = captureLog(site);
    await site.goto('/');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await arrived(sent, 1);
    expectRecord(sent[0], { action: 'accept-all', layer: 'banner', categories: ['necessary', 'analytics', 'functionality', 'targeting'] });
    expect(sent[0].record.services).toContain('vimeo');

    // The revoke reloads the page (a script of analytics ran): its record still arrives.
    await site.settingsButton().click();
    const dialog = site.dialog();
    await visible(dialog, 'the preferences dialog');
    await dialog.getByRole('switch', { name: 'Analytics', exact: true }).uncheck();
    const reloaded = site.page.waitForEvent('load');
    await button(dialog, 'Save choices').click();
    await arrived(sent, 2);
    expectRecord(sent[1], { action: 'revoke', layer: 'dialog', id: sent[0].record.id });
    expect(sent[1].record.categories).toEqual(['necessary', 'functionality', 'targeting']);
    await reloaded;
    await site.ready();

    // reset() takes back the grants of scripts that ran: the page reloads, after the record left.
    const reloadedAgain = site.page.waitForEvent('load');
    await site.page.evaluate(() => void window.Crumbs.reset());
    await reloadedAgain;
    await arrived(sent, 3);
    expectRecord(sent[2], { action: 'reset', layer: 'api', id: sent[0].record.id, categories: ['necessary'] });
    expect(new Set(sent.map((s) => s.record.recordId)).size).toBe(3);
  });

  test('Reject all, and a customised choice with one service off', async () => {
    const site = await env.open();
    const sent = captureLog(site);
    await site.goto('/');
    await button(site.banner(), 'Reject all').click();
    await arrived(sent, 1);
    expectRecord(sent[0], { action: 'reject-all', layer: 'banner', categories: ['necessary'] });

    await site.page.evaluate(() => window.Crumbs.reset());
    await arrived(sent, 2);
    await button(site.banner(), 'Customise').click();
    const dialog = site.dialog();
    await dialog.getByRole('switch', { name: 'Analytics', exact: true }).check();
    await (await revealSwitch(dialog, 'Hotjar')).uncheck();
    await button(dialog, 'Save choices').click();
    await arrived(sent, 3);
    expectRecord(sent[2], { action: 'save', layer: 'dialog', categories: ['necessary', 'analytics'], exceptions: { hotjar: false } });
    expect(sent[2].record.services).toContain('google-analytics');
    expect(sent[2].record.services).not.toContain('hotjar');
  });

  test('"Load once" sends embed-once and stores nothing; "Always allow Vimeo" sends embed', async () => {
    const site = await env.open();
    const sent = captureLog(site);
    await site.goto('/article.html');
    await site.page.getByRole('button', { name: 'Load once' }).first().click();
    await arrived(sent, 1);
    expectRecord(sent[0], { action: 'embed-once', layer: 'placeholder', services: ['vimeo'], categories: [], shown: ['vimeo'] });
    expect(await site.consentCookie()).toBeFalsy();

    await site.page.reload({ waitUntil: 'load' });
    await site.ready();
    await site.page.getByRole('button', { name: 'Always allow Vimeo' }).click();
    await arrived(sent, 2);
    expectRecord(sent[1], { action: 'embed', layer: 'placeholder' });
    expect(sent[1].record.services).toContain('vimeo');
    expect(await site.consentCookie()).toBeTruthy();
  });

  test('noticeSnapshot() is the snapshot the hash stands for, byte for byte as the CLI writes it', async () => {
    const site = await env.open();
    await site.goto('/');
    const notice = await site.page.evaluate(() => window.Crumbs.noticeSnapshot('dialog'));
    const out = join(ROOT, 'node_modules/.cache/notice-dialog.json');
    execFileSync(process.execPath, ['bin/crumbs-consent.mjs', 'notice', 'demo/cookies.json', '--layer', 'dialog', '--out', out], { cwd: ROOT });
    const { readFileSync } = await import('node:fs');
    expect(notice.snapshot).toBe(readFileSync(out, 'utf8'));
    expect(notice.noticeHash).toBe(cliHash('dialog'));
    expect(JSON.parse(notice.snapshot)).toMatchObject({ lang: 'en', layer: 'dialog', crumbs: version });
  });
});

describe('a changed notice asks again, with a stamped inventory too', () => {
  /** The demo inventory edited by `edit` and stamped again, as `validate --stamp` would. */
  async function restamped(edit) {
    const core = await import(pathToFileURL(join(ROOT, 'dist/esm/core/index.js')).href);
    const json = demoInventory();
    delete json.stamp;
    edit(json);
    return { ...json, stamp: core.stampInventory(json) };
  }

  for (const [what, edit, asks] of [
    ['a purpose changed (same revision)', (json) => (json.services.find((s) => s.id === 'hotjar').description = 'Records your visits and sells them.'), true],
    ['only the theme changed', (json) => (json.ui = { ...json.ui, theme: 'dark' }), false],
  ]) {
    test(`${what}: ${asks ? 'the banner asks again and nothing optional runs' : 'the decision holds'}`, async () => {
      const site = await env.open();
      await site.goto('/');
      await button(site.banner(), 'Accept all').click();
      await expect.poll(() => site.consentCookie().then(Boolean)).toBe(true);
      site.serve('/cookies.json', await restamped(edit));
      await site.goto('/');
      const state = await site.page.evaluate(() => ({ consent: window.Crumbs.getConsent(), analytics: window.Crumbs.isGranted('analytics') }));
      if (asks) {
        expect(state).toEqual({ consent: null, analytics: false });
        await visible(site.banner(), 'the banner, asking again');
      } else {
        expect(state.consent.action).toBe('accept-all');
        expect(await site.banner().count()).toBe(0);
      }
    });
  }
});
