import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import { createDecisions } from '../../src/core/create-decisions';
import { createEmitter } from '../../src/core/create-emitter';
import { createEngine } from '../../src/core/create-engine';
import { validateInventory } from '../../src/core/inventory/validate-inventory';
import { createConsentMode, encodeConsentTypes, storedConsentTypes } from '../../src/integrations/google-consent-mode';
import type { Crumbs } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';
import { storeDecision } from '../helpers/stored-decision';

type Win = Window & { dataLayer?: unknown[] };
const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  delete (window as Win).dataLayer;
  Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
});

const inventoryWithConsentMode = (googleConsentMode: Record<string, unknown> = { enabled: true }) =>
  makeInventoryJson({ googleConsentMode });

function start(inventory: unknown = inventoryWithConsentMode()) {
  const crumbs = createCrumbs({ inventory, reload: vi.fn() });
  instances.push(crumbs);
  return crumbs;
}

/** dataLayer entries in a readable form: gtag commands as arrays, events as objects. */
const dataLayer = () =>
  ((window as Win).dataLayer ?? []).map((entry) =>
    Object.prototype.toString.call(entry) == '[object Arguments]' ? Array.from(entry as ArrayLike<unknown>) : entry,
  );
const commands = () => dataLayer().filter(Array.isArray) as unknown[][];


const DENIED = {
  ad_storage: 'denied',
  ad_user_data: 'denied',
  ad_personalization: 'denied',
  analytics_storage: 'denied',
  functionality_storage: 'denied',
  personalization_storage: 'denied',
  security_storage: 'granted',
};

describe('Consent Mode v2', () => {
  it('first visit: pushes consent default with all seven types and wait_for_update synchronously, as arguments objects', () => {
    start();
    // No await: the commands must already be there when createCrumbs returns.
    expect(commands()).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
    ]);
    expect(dataLayer().every((entry) => Array.isArray(entry))).toBe(true);
  });

  it('pushes nothing when Consent Mode is not enabled in the inventory', async () => {
    const crumbs = start(makeInventoryJson());
    await crumbs.ready;
    await crumbs.acceptAll();
    expect((window as Win).dataLayer).toBeUndefined();
  });

  it('honours settings: wait, url_passthrough, region defaults, redaction off', () => {
    start(
      inventoryWithConsentMode({
        enabled: true,
        waitForUpdate: 1500,
        urlPassthrough: true,
        adsDataRedaction: false,
        regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }],
      }),
    );
    expect(commands()).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 1500 }],
      ['consent', 'default', { ...DENIED, analytics_storage: 'granted', region: ['US-CA'] }],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
    ]);
  });

  it('returning visitor: replays the stored decision as consent update right after the default, then the crumbs_consent event', () => {
    storeDecision({ grantedCategories: ['analytics'] });
    start();
    expect(dataLayer()).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
      ['consent', 'update', { ...DENIED, analytics_storage: 'granted' }],
      { event: 'crumbs_consent', crumbs_categories: ['necessary', 'analytics'], crumbs_services: ['session', 'google-analytics', 'hotjar'] },
    ]);
  });

  it('each decision pushes exactly one consent update with all seven types, then the event', async () => {
    const crumbs = start();
    await crumbs.ready;
    const before = dataLayer().length;
    await crumbs.acceptAll();
    expect(dataLayer().slice(before)).toEqual([
      ['consent', 'update', Object.fromEntries(Object.keys(DENIED).map((k) => [k, 'granted']))],
      {
        event: 'crumbs_consent',
        crumbs_categories: ['necessary', 'analytics', 'functionality', 'targeting'],
        crumbs_services: ['session', 'google-analytics', 'hotjar', 'vimeo', 'meta-pixel'],
      },
    ]);
    const middle = dataLayer().length;
    await crumbs.rejectAll();
    expect(dataLayer().slice(middle)).toEqual([
      ['consent', 'update', DENIED],
      { event: 'crumbs_consent', crumbs_categories: ['necessary'], crumbs_services: ['session'] },
    ]);
  });

  it('a revoke sends its update before the reload', async () => {
    document.body.innerHTML = '<script type="text/plain" data-consent="analytics">1</script>';
    const order: string[] = [];
    const crumbs = createCrumbs({ inventory: inventoryWithConsentMode(), reload: () => order.push('reload:' + dataLayer().length) });
    instances.push(crumbs);
    await crumbs.ready;
    await crumbs.acceptAll();
    const countBeforeRevoke = dataLayer().length;
    await crumbs.rejectAll();
    expect(order).toEqual(['reload:' + (countBeforeRevoke + 2)]);
    expect(commands().at(-1)).toEqual(['consent', 'update', DENIED]);
  });

  it('uses a category override of the mapping', async () => {
    const inventory = inventoryWithConsentMode();
    (inventory.categories[2] as Record<string, unknown>).googleConsent = ['personalization_storage'];
    const crumbs = start(inventory);
    await crumbs.ready;
    await crumbs.save({ categories: ['functionality'] });
    expect(commands().at(-1)).toEqual(['consent', 'update', { ...DENIED, personalization_storage: 'granted' }]);
  });

  it('with GPC: accept all leaves the ad types denied and the update says so', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const crumbs = start();
    await crumbs.ready;
    await crumbs.acceptAll();
    expect(commands().at(-1)).toEqual([
      'consent',
      'update',
      { ...DENIED, analytics_storage: 'granted', functionality_storage: 'granted', personalization_storage: 'granted' },
    ]);
    expect(crumbs.isGranted('targeting')).toBe(false);
    expect(crumbs.getConsent()!.gpc).toBe(true);
  });

  it('with GPC: a stored grant of targeting made without the signal is not replayed; an explicit switch grants it', async () => {
    storeDecision({ grantedCategories: ['analytics', 'targeting'], gpcPresent: 0 });
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const crumbs = start();
    expect(commands()[2]).toEqual(['consent', 'update', { ...DENIED, analytics_storage: 'granted' }]);
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics', 'targeting'] });
    expect(crumbs.isGranted('targeting')).toBe(true);
    expect(commands().at(-1)).toMatchObject(['consent', 'update', { ad_storage: 'granted' }]);
  });

  it('with GPC in "ignore" mode: accept all grants targeting', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    const crumbs = start(makeInventoryJson({ googleConsentMode: { enabled: true }, gpc: 'ignore' }));
    await crumbs.ready;
    await crumbs.acceptAll();
    expect(crumbs.isGranted('targeting')).toBe(true);
    expect(crumbs.getConsent()!.gpc).toBe(false);
  });

  it('pushes the crumbs_consent event for GTM when a dataLayer exists even without Consent Mode', async () => {
    (window as Win).dataLayer = [];
    storeDecision({ grantedCategories: ['analytics'] });
    const crumbs = start(makeInventoryJson());
    await crumbs.ready;
    expect(dataLayer()).toEqual([
      { event: 'crumbs_consent', crumbs_categories: ['necessary', 'analytics'], crumbs_services: ['session', 'google-analytics', 'hotjar'] },
    ]);
  });

  it('replays a stored refusal too, because region defaults may grant', () => {
    storeDecision({ grantedCategories: [] });
    start(inventoryWithConsentMode({ enabled: true, regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }] }));
    expect(commands()).toContainEqual(['consent', 'update', DENIED]);
  });

  it('adds the inventory settings to defaults already pushed synchronously by the script tag', async () => {
    const consentMode = createConsentMode();
    consentMode.defaults();
    const crumbs = createEngine(
      {
        inventory: Promise.resolve(
          inventoryWithConsentMode({ enabled: true, urlPassthrough: true, adsDataRedaction: false, regions: [{ region: ['ES'], granted: [] }] }),
        ),
        reload: vi.fn(),
      },
      { sources: { create: createDecisions, validate: validateInventory }, consentMode, emitter: createEmitter() },
    );
    instances.push(crumbs);
    await crumbs.ready;
    expect(commands()).toEqual([
      ['consent', 'default', { ...DENIED, wait_for_update: 500 }],
      ['set', 'ads_data_redaction', true],
      ['consent', 'default', { ...DENIED, region: ['ES'] }],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
    ]);
  });

  it('withdraws a replayed grant when the inventory then fails', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    // As crumbs.js does: the stored grant replayed before the inventory arrived, by the pusher the
    // engine then takes over.
    const consentMode = createConsentMode();
    consentMode.defaults();
    consentMode.update(['analytics_storage'], false);
    const crumbs = createEngine(
      { inventory: Promise.reject(new Error('HTTP 404')), reload: vi.fn() },
      { sources: { create: createDecisions, validate: validateInventory }, consentMode, emitter: createEmitter() },
    );
    instances.push(crumbs);
    await crumbs.ready;
    expect(commands().at(-1)).toEqual(['consent', 'update', DENIED]);
  });

  it('pushes the all-denied defaults even for an invalid inventory that asks for Consent Mode', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const crumbs = start({ googleConsentMode: { enabled: true }, categories: 'oops' });
    await crumbs.ready;
    expect(commands()[0]).toEqual(['consent', 'default', { ...DENIED, wait_for_update: 500 }]);
    expect(commands().some((c) => c[1] == 'update')).toBe(false);
  });

  describe('the replay from the cookie before the inventory is here (storedConsentTypes)', () => {
    const stored = encodeConsentTypes(['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage']);

    it('leaves out every ad type when a GPC signal is new since the decision', () => {
      expect(storedConsentTypes(stored, false, true)).toEqual(['analytics_storage']);
    });

    it('replays the stored types as they are without a signal, or when the decision was made with it', () => {
      const all = ['ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage'];
      expect(storedConsentTypes(stored, false, false)).toEqual(all);
      expect(storedConsentTypes(stored, true, true)).toEqual(all);
    });
  });
});
