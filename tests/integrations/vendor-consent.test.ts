import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import { parseInventory } from '../../src/core/inventory/validate-inventory';
import { callVendorConsent } from '../../src/integrations/vendor-consent';
import type { Crumbs } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';

type Win = Window & Record<string, unknown>;
const w = window as unknown as Win;
const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  for (const key of ['fbq', 'clarity', 'uetq', 'dataLayer', 'ga-disable-G-ABC123']) delete w[key];
});

const inventoryJson = () =>
  makeInventoryJson({
    services: [
      {
        id: 'google-analytics',
        name: 'Google Analytics',
        category: 'analytics',
        vendorConsent: [{ type: 'google-analytics', measurementIds: ['G-ABC123'] }],
      },
      { id: 'clarity', name: 'Microsoft Clarity', category: 'analytics', vendorConsent: [{ type: 'microsoft-clarity' }] },
      { id: 'meta-pixel', name: 'Meta Pixel', category: 'targeting', vendorConsent: [{ type: 'meta-pixel' }] },
      { id: 'bing-ads', name: 'Microsoft Advertising', category: 'targeting', vendorConsent: [{ type: 'microsoft-uet' }] },
      {
        id: 'tiktok',
        name: 'TikTok Pixel',
        category: 'targeting',
        vendorConsent: [{ type: 'dataLayer', grant: { event: 'tiktok_grant' }, revoke: { event: 'tiktok_revoke' } }],
      },
    ],
  });

describe('vendor consent calls', () => {
  it('at start-up without a decision: revokes what is on the page, UET default denied, GA disabled', async () => {
    w.fbq = vi.fn();
    w.clarity = vi.fn();
    const crumbs = createCrumbs({ inventory: inventoryJson(), reload: vi.fn() });
    instances.push(crumbs);
    await crumbs.ready;
    expect(w.fbq).toHaveBeenCalledWith('consent', 'revoke');
    expect(w.clarity).toHaveBeenCalledWith('consent', false);
    expect(w.uetq).toEqual(['consent', 'default', { ad_storage: 'denied' }]);
    expect(w['ga-disable-G-ABC123']).toBe(true);
    expect(w.dataLayer).toBeUndefined();
  });

  it('grants on accept and revokes on withdrawal, once per change', async () => {
    const crumbs = createCrumbs({ inventory: inventoryJson(), reload: vi.fn() });
    instances.push(crumbs);
    await crumbs.ready;
    w.fbq = vi.fn();
    w.clarity = vi.fn();
    await crumbs.acceptAll();
    expect(w.fbq).toHaveBeenCalledWith('consent', 'grant');
    expect(w.clarity).toHaveBeenCalledWith('consent', true);
    expect((w.uetq as unknown[]).slice(3)).toEqual(['consent', 'update', { ad_storage: 'granted' }]);
    expect(w['ga-disable-G-ABC123']).toBe(false);
    expect(w.dataLayer).toEqual([{ event: 'tiktok_grant' }]);

    await crumbs.save({ categories: ['analytics'] });
    expect(w.fbq).toHaveBeenLastCalledWith('consent', 'revoke');
    expect(w.clarity).toHaveBeenCalledTimes(1); // analytics stayed granted: no call
    expect((w.uetq as unknown[]).slice(-3)).toEqual(['consent', 'update', { ad_storage: 'denied' }]);
    const tiktok = (w.dataLayer as { event: string }[]).filter((entry) => entry.event.startsWith('tiktok'));
    expect(tiktok).toEqual([{ event: 'tiktok_grant' }, { event: 'tiktok_revoke' }]);
  });

  it('pushes a copy of the declared object, and a throwing vendor function does not stop the others', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const inventory = parseInventory(inventoryJson());
    w.fbq = () => {
      throw new Error('broken pixel');
    };
    callVendorConsent(inventory, new Map([['meta-pixel', true], ['tiktok', true]]), false);
    const pushed = (w.dataLayer as Record<string, unknown>[])[0]!;
    expect(pushed).toEqual({ event: 'tiktok_grant' });
    pushed.event = 'changed';
    expect(inventory.services[4]!.vendorConsent![0]!.grant).toEqual({ event: 'tiktok_grant' });
  });
});
