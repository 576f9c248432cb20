import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { noticeFingerprint, noticeHash, noticeSnapshot } from '../../../src/core/notice/notice-snapshot';
import { parseInventory } from '../../../src/core/inventory/validate-inventory';
import { makeInventoryJson } from '../../helpers/inventory';

const inventory = (overrides: Record<string, unknown> = {}) => parseInventory(makeInventoryJson(overrides));

describe('noticeSnapshot', () => {
  it('is canonical JSON of what was shown, in the language shown, with the layer and the version', () => {
    const json = makeInventoryJson({
      categories: [{ id: 'necessary', required: true }, { id: 'analytics', name: { en: 'Statistics', de: 'Statistik' } }],
      texts: { de: { 'banner.acceptAll': 'Alles klar' }, en: { 'banner.acceptAll': 'Fine' } },
    });
    json.services = json.services.filter((s: { category: string }) => ['necessary', 'analytics'].includes(s.category));
    const snapshot = JSON.parse(noticeSnapshot(parseInventory(json), 'de', 'dialog', '9.9.9'));
    expect(snapshot).toMatchObject({ format: 1, crumbs: '9.9.9', lang: 'de', layer: 'dialog', texts: { 'banner.acceptAll': 'Alles klar' } });
    expect(snapshot.categories[1]).toEqual({ id: 'analytics', required: false, saleOrSharing: false, name: 'Statistik', description: null });
    expect(Object.keys(snapshot)).toEqual([...Object.keys(snapshot)].sort());
    expect(snapshot.services.map((s: { id: string }) => s.id)).toEqual(json.services.map((s: { id: string }) => s.id));
  });

  it('does not depend on the key order of the inventory file', () => {
    const json = makeInventoryJson();
    const reversed = JSON.parse(JSON.stringify(json), (_key, value) =>
      value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).reverse()) : value,
    );
    expect(noticeSnapshot(parseInventory(reversed), 'en', 'banner', '1')).toBe(noticeSnapshot(parseInventory(json), 'en', 'banner', '1'));
  });

  it('hashes as sha256: and the SHA-256 of the snapshot’s UTF-8 bytes', () => {
    const snapshot = noticeSnapshot(inventory(), 'en', 'banner', '1');
    expect(noticeHash(snapshot)).toBe('sha256:' + createHash('sha256').update(snapshot, 'utf8').digest('hex'));
  });
});

describe('noticeFingerprint: what counts as a changed notice', () => {
  const base = makeInventoryJson();
  const changed = (edit: (json: ReturnType<typeof makeInventoryJson>) => void) => {
    const json = structuredClone(base);
    edit(json);
    return noticeFingerprint(parseInventory(json));
  };
  const original = noticeFingerprint(parseInventory(base));

  it.each([
    ['a service purpose', (j: any) => (j.services[1].description = 'Counts visits and sells them.')],
    ['a service added', (j: any) => j.services.push({ id: 'new-one', name: 'New', category: 'analytics', cookies: [] })],
    ['a cookie name', (j: any) => (j.services[1].cookies[0].name = '_ga_new')],
    ['a cookie duration', (j: any) => (j.services[1].cookies[0].duration = '13 months')],
    ['a category text', (j: any) => (j.categories[1].description = 'Measures everything.')],
    ['a text override', (j: any) => (j.texts = { en: { 'banner.text': 'We track you.' } })],
    ['a service moved to another category', (j: any) => (j.services[1].category = 'targeting')],
  ])('changes with %s', (_what, edit) => {
    expect(changed(edit)).not.toBe(original);
  });

  it.each([
    ['the layout', (j: any) => (j.ui = { layout: 'box' })],
    ['the theme', (j: any) => (j.ui = { theme: 'dark' })],
    ['the settings button', (j: any) => (j.ui = { settingsButton: 'none' })],
    ['Consent Mode timing', (j: any) => (j.googleConsentMode = { enabled: true, waitForUpdate: 900 })],
    ['the log URL', (j: any) => (j.consent = { logUrl: '/log' })],
    ['hosts used for clean-up', (j: any) => (j.services[1].hosts = ['www.googletagmanager.com'])],
  ])('stays with %s', (_what, edit) => {
    expect(changed(edit)).toBe(original);
  });
});
