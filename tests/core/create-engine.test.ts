import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type InventoryValidator } from '../../src/core/create-engine';
import { hashJson } from '../../src/core/hash';
import { validateInventory } from '../../src/core/inventory/validate-inventory';
import type { Crumbs } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';
import { storeDecision } from '../helpers/stored-decision';

// The script-tag build fetches the validator only for an inventory this browser has not validated.
const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  delete (window as { dataLayer?: unknown }).dataLayer;
});

function start(inventory: unknown, load: () => Promise<InventoryValidator>) {
  const crumbs = createEngine({ inventory, reload: vi.fn() }, { load });
  instances.push(crumbs);
  return crumbs;
}

describe('the validator, fetched on demand', () => {
  it('is not fetched for the inventory the stored decision was made with, and that start is synchronous', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ c: ['analytics'], h: hashJson(inventory) });
    const load = vi.fn(() => Promise.resolve(validateInventory));
    const crumbs = start(inventory, load);
    expect(crumbs.isGranted('analytics')).toBe(true);
    await crumbs.ready;
    expect(load).not.toHaveBeenCalled();
  });

  it('is fetched on a first visit and for a changed inventory, and the decision then records the new fingerprint', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ c: ['analytics'], h: hashJson({ ...inventory, revision: 1, policyUrl: '/old' }) });
    const load = vi.fn(() => Promise.resolve(validateInventory));
    const crumbs = start(inventory, load);
    expect(crumbs.isGranted('analytics')).toBe(false); // not before it is validated
    await crumbs.ready;
    expect(load).toHaveBeenCalledTimes(1);
    expect(crumbs.isGranted('analytics')).toBe(true);
    crumbs.acceptAll();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(decodeURIComponent(document.cookie)).toContain(`"h":"${hashJson(inventory)}"`);
  });

  it('fails closed when it cannot be fetched', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    const crumbs = start(makeInventoryJson(), () => Promise.reject(new Error('404 crumbs-validate.js')));
    crumbs.on('error', onError);
    expect(await crumbs.ready).toBeNull();
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(onError.mock.calls[0]![0].message).toMatch(/validator could not be loaded .*404 crumbs-validate\.js/);
  });

  it('does not hold back Consent Mode: defaults and the stored state go out before it arrives', () => {
    const inventory = makeInventoryJson({ googleConsentMode: { enabled: true } });
    storeDecision({ c: ['analytics'], m: '3' });
    start(inventory, () => new Promise(() => {}));
    const layer = ((window as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
    expect(layer[0]).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })]);
    expect(layer.at(-1)).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'granted' })]);
  });
});
