// Proof of consent (SPEC 8, issue 14): every decision yields a record with its notice hash, sent
// before anything else can unload the page; and a decision given on another notice no longer counts.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConsentRecord, CrumbsOptions } from '../../src/types';
import { useFirstVisits } from '../helpers/first-visit';
import { makeInventoryJson } from '../helpers/inventory';
import { settle } from '../helpers/settle';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const events: string[] = [];
const beacon = vi.fn((_url: string, _body: string) => (events.push('beacon'), true));
const visit = useFirstVisits();

// After the helper's own: this file watches the beacon.
beforeEach(() => {
  Object.defineProperty(navigator, 'sendBeacon', { value: beacon, configurable: true });
});
afterEach(() => {
  beacon.mockClear();
  events.length = 0;
});

const withLog = (overrides: Record<string, unknown> = {}) => makeInventoryJson({ consent: { logUrl: '/consent/records' }, ...overrides });

/** An instance whose UI stand-in hands out the context the real UI gets; a reload is recorded in `events`. */
const start = (options: Partial<CrumbsOptions> = {}) => visit({ inventory: withLog(), reload: () => void events.push('reload'), ...options });
const sent = () => beacon.mock.calls.map(([url, body]) => ({ url, record: JSON.parse(body) as ConsentRecord }));

describe('consent records', () => {
  it('carries every field of SPEC 8, the same in the event and in the beacon, as text/plain JSON', async () => {
    const { crumbs, records } = start();
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics'], services: { hotjar: false } });
    const [record] = records;
    expect(Object.keys(record!).sort()).toEqual(
      ['action', 'categories', 'exceptions', 'gpc', 'id', 'inventoryHash', 'lang', 'layer', 'noticeHash', 'recordId', 'revision', 'services', 'shown', 'time', 'version'].sort(),
    );
    expect(record).toMatchObject({ action: 'save', layer: 'api', revision: 1, lang: 'en', gpc: false, exceptions: { hotjar: false } });
    expect(record!.recordId).toMatch(UUID);
    expect(record!.id).toMatch(UUID);
    expect(record!.recordId).not.toBe(record!.id);
    expect(record!.noticeHash).toBe((await crumbs.noticeSnapshot('api'))!.noticeHash);
    expect(record!.noticeHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(sent()).toEqual([{ url: '/consent/records', record }]);
    // A string body: the browser sends it as text/plain, which needs no CORS preflight.
    expect(typeof beacon.mock.calls[0]![1]).toBe('string');
  });

  it('says which layer the decision came from, and the hash differs by layer', async () => {
    const { crumbs, records, ui } = start();
    await crumbs.ready;
    (await ui()).layer('banner');
    await crumbs.acceptAll();
    (await ui()).layer('dialog');
    await crumbs.rejectAll();
    await crumbs.acceptAll();
    expect(records.map((r) => `${r.action}@${r.layer}`)).toEqual(['accept-all@banner', 'revoke@dialog', 'accept-all@api']);
    const hashes = await Promise.all((['banner', 'dialog', 'api'] as const).map((layer) => crumbs.noticeSnapshot(layer)));
    expect(records.map((r) => r.noticeHash)).toEqual(hashes.map((h) => h!.noticeHash));
    expect(new Set(records.map((r) => r.id)).size).toBe(1);
  });

  it('records "Always allow" and "Load once" on a placeholder; Load once stores nothing', async () => {
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1"></iframe>';
    const { crumbs, records, ui } = start();
    await crumbs.ready;
    (await ui()).loadOnce(document.querySelector('iframe')!);
    await vi.waitFor(() => expect(records).toHaveLength(1));
    expect(records[0]).toMatchObject({ action: 'embed-once', layer: 'placeholder', services: ['vimeo'], categories: [], shown: ['vimeo'] });
    expect(document.cookie).not.toContain('crumbs_consent');
    expect(crumbs.getConsent()).toBeNull();
    (await ui()).allowService('vimeo');
    await vi.waitFor(() => expect(records).toHaveLength(2));
    expect(records[1]).toMatchObject({ action: 'embed', layer: 'placeholder' });
    expect(records[1]!.services).toContain('vimeo');
    expect(sent().map((s) => s.record.action)).toEqual(['embed-once', 'embed']);
  });

  it('records reset() under the forgotten consent id, with only the required grants', async () => {
    const { crumbs, records } = start();
    await crumbs.ready;
    await crumbs.acceptAll();
    await crumbs.reset();
    expect(records.map((r) => r.action)).toEqual(['accept-all', 'reset']);
    expect(records[1]!.id).toBe(records[0]!.id);
    expect(records[1]).toMatchObject({ categories: ['necessary'], services: ['session'], layer: 'api' });
    expect(sent().map((s) => s.record.action)).toEqual(['accept-all', 'reset']);
  });

  it("sends a revoke's record before the reload that stops a script that ran", async () => {
    document.body.innerHTML = '<script type="text/plain" data-consent="analytics">window.__ran = 1</script>';
    const { crumbs, records } = start();
    await crumbs.ready;
    await crumbs.acceptAll();
    events.length = 0;
    await crumbs.rejectAll();
    expect(records.at(-1)!.action).toBe('revoke');
    expect(events).toEqual(['beacon', 'reload']);
  });
});

describe('a changed notice asks again', () => {
  /** Decides on `first`, then starts a new page view on `second` (same revision). */
  async function decideThenChange(second: Record<string, unknown>) {
    const one = start({ inventory: withLog() });
    await one.crumbs.ready;
    await one.crumbs.acceptAll();
    one.crumbs.destroy();
    const shown: string[] = [];
    const { crumbs: two } = start({
      inventory: withLog(second),
      reload: vi.fn(),
      ui: () => ({ show: (view) => void shown.push(view), hide() {}, update() {}, destroy() {} }),
    });
    await two.ready;
    await vi.waitFor(() => expect(two.getSnapshot().status).toBe('ready'));
    // A banner, or none: time for it to be asked for (the UI comes in a task of its own).
    await settle();
    return { consent: two.getConsent(), shown, analytics: two.isGranted('analytics') };
  }

  it('when a purpose changed without a new revision: no decision, nothing optional, the banner', async () => {
    const changed = makeInventoryJson();
    changed.services[1].description = 'Counts visits, and now also sells them.';
    const result = await decideThenChange({ services: changed.services });
    expect(result).toEqual({ consent: null, shown: ['banner'], analytics: false });
  });

  it('when a cookie duration changed', async () => {
    const changed = makeInventoryJson();
    changed.services[1].cookies[0].duration = '25 months';
    expect((await decideThenChange({ services: changed.services })).consent).toBeNull();
  });

  it('not when only the theme and layout changed', async () => {
    const result = await decideThenChange({ ui: { theme: 'dark', layout: 'box' } });
    expect(result.consent?.action).toBe('accept-all');
    expect(result.analytics).toBe(true);
    expect(result.shown).toEqual([]);
  });
});
