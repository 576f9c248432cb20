import { afterEach, describe, expect, it, vi } from 'vitest';
import { createEngine as createEngineWith } from '../../src/core/create-engine';
import { createEmitter } from '../../src/core/create-emitter';
import { createConsentMode, type ConsentMode } from '../../src/integrations/google-consent-mode';
import { createDecisions } from '../../src/core/create-decisions';
import type { DecisionsFactory } from '../../src/core/runtime';
import { validateInventory } from '../../src/core/inventory/validate-inventory';
import { inventoryStamp } from '../../src/core/inventory/inventory-stamp';
import { inventoryFingerprint } from '../../src/core/consent/fingerprint';
import { hashJson, hashString } from '../../src/core/hash';
import { VERSION } from '../../src/core/version';
import type { Crumbs } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';
import { readStoredDecision, SERVICE_IDS, storeDecision } from '../helpers/stored-decision';
import { settle } from '../helpers/settle';

// The script-tag build fetches crumbs-decide.js (with the validator) only for an inventory this
// browser has not validated, or when something must be decided or shown.
/** As the npm entry calls it: a Consent Mode pusher (unless the test brings one) and an emitter of its own. */
const createEngine = (options: Parameters<typeof createEngineWith>[0], source: Parameters<typeof createEngineWith>[1], consentMode: ConsentMode = createConsentMode()) =>
  createEngineWith(options, { sources: source, consentMode, emitter: createEmitter() });

const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  delete (window as { dataLayer?: unknown }).dataLayer;
});

const fingerprintOf = (inventory: unknown) => inventoryFingerprint(hashJson(inventory), VERSION);

function start(inventory: unknown, load: () => Promise<DecisionsFactory>) {
  const crumbs = createEngine({ inventory, reload: vi.fn() }, { load, validator: () => Promise.resolve(validateInventory) });
  instances.push(crumbs);
  return crumbs;
}

describe('the validator, fetched on demand', () => {
  it('is not fetched for the inventory the stored decision was made with, and that start is synchronous', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    const load = vi.fn(() => Promise.resolve(createDecisions));
    const crumbs = start(inventory, load);
    expect(crumbs.isGranted('analytics')).toBe(true);
    await crumbs.ready;
    expect(load).not.toHaveBeenCalled();
  });

  it('is fetched on a first visit and for a changed inventory, and the decision then records the new fingerprint', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf({ ...inventory, inventoryRevision: 1, policyUrl: '/old' }) });
    const load = vi.fn(() => Promise.resolve(createDecisions));
    const crumbs = start(inventory, load);
    expect(crumbs.isGranted('analytics')).toBe(false); // not before it is validated
    await crumbs.ready;
    expect(load).toHaveBeenCalledTimes(1);
    expect(crumbs.isGranted('analytics')).toBe(true);
    await crumbs.acceptAll();
    expect(readStoredDecision()?.inventoryFingerprint).toBe(fingerprintOf(inventory));
  });

  it('fails closed when it cannot be fetched', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    const crumbs = start(makeInventoryJson(), () => Promise.reject(new Error('404 crumbs-decide.js')));
    crumbs.on('error', onError);
    expect(await crumbs.ready).toBeNull();
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(onError.mock.calls[0]![0].message).toMatch(/could not load its decision code .*404 crumbs-decide\.js/);
  });

  it('does not hold back Consent Mode: defaults and the stored state go out before it arrives', () => {
    const inventory = makeInventoryJson({ googleConsentMode: { enabled: true } });
    storeDecision({ grantedCategories: ['analytics'], consentModeTypes: '3' });
    start(inventory, () => new Promise(() => {}));
    const layer = ((window as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
    expect(layer[0]).toEqual(['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })]);
    expect(layer.at(-1)).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'granted' })]);
  });
});

describe('review fixes around the validator on demand', () => {
  it('records the new fingerprint after validating a changed inventory, so the next page view skips the validator', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf({ ...inventory, policyUrl: '/old' }) });
    const load = vi.fn(() => Promise.resolve(createDecisions));
    await start(inventory, load).ready;
    instances.splice(0).forEach((c) => c.destroy());
    await start(inventory, load).ready;
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('rewrites a version 1 cookie in the current format when it records the fingerprint, and the decision holds on the next page view', async () => {
    const inventory = makeInventoryJson();
    // As version 1 wrote it: lists of ids, no fingerprint.
    const body = JSON.stringify({ v: 1, id: '6c1f7d7e-3b8a-4a8e-9f65-1d1e6d3c2b10', t: Math.floor(Date.now() / 1000) - 60, r: 1, a: 'save', c: ['analytics'], x: {}, s: SERVICE_IDS, l: 'en', g: 0, p: 1 });
    document.cookie = `crumbs_consent=${encodeURIComponent(body.slice(0, -1) + ',"k":"' + hashString(body) + '"}')}; path=/`;
    const load = vi.fn(() => Promise.resolve(createDecisions));
    expect((await start(inventory, load).ready)?.categories).toEqual(['necessary', 'analytics']);
    instances.splice(0).forEach((c) => c.destroy());
    const next = start(inventory, load);
    expect((await next.ready)?.categories, 'the next page view').toEqual(['necessary', 'analytics']);
    expect(next.getConsent()?.id).toBe('6c1f7d7e-3b8a-4a8e-9f65-1d1e6d3c2b10');
    expect(load, 'the validator once').toHaveBeenCalledTimes(1);
  });

  it('pushes no Consent Mode state before validation for an inventory without Consent Mode, whatever the cookie recorded', () => {
    // Recorded while the site still had Consent Mode on; the decision code never arrives here.
    storeDecision({ grantedCategories: ['analytics'], consentModeTypes: '3' });
    start(makeInventoryJson(), () => new Promise(() => {}));
    expect((window as { dataLayer?: unknown[] }).dataLayer ?? []).toEqual([]);
  });

  it('does not replay a stored decision made for another revision to Consent Mode before validation', () => {
    const inventory = makeInventoryJson({ revision: 2, googleConsentMode: { enabled: true } });
    storeDecision({ inventoryRevision: 1, grantedCategories: ['analytics'], consentModeTypes: '3' });
    start(inventory, () => new Promise(() => {}));
    const layer = ((window as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
    expect(layer.some((c) => c[1] == 'update')).toBe(false);
  });

  it('takes a replayed grant back when the validated inventory no longer uses Consent Mode', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], consentModeTypes: '3' });
    const { createConsentMode } = await import('../../src/integrations/google-consent-mode');
    const consentMode = createConsentMode();
    consentMode.defaults();
    consentMode.update(['analytics_storage'], false);
    const crumbs = createEngine({ inventory, reload: vi.fn() }, { create: createDecisions, validate: validateInventory }, consentMode);
    instances.push(crumbs);
    await crumbs.ready;
    const updates = ((window as { dataLayer?: unknown[] }).dataLayer ?? [])
      .map((e) => Array.from(e as ArrayLike<unknown>))
      .filter((c) => c[1] == 'update');
    expect(updates.at(-1)).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'denied' })]);
  });

  it('starts nothing when destroyed while the validator was loading', async () => {
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics">document.documentElement.setAttribute("data-ran", "1")</script>';
    storeDecision({ grantedCategories: ['analytics'] });
    let arrive!: (v: DecisionsFactory) => void;
    const crumbs = start(makeInventoryJson(), () => new Promise((resolve) => (arrive = resolve)));
    crumbs.destroy();
    arrive(createDecisions);
    await crumbs.ready;
    await settle();
    expect(document.documentElement.hasAttribute('data-ran')).toBe(false);
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
  });

  it('leaves the caller\'s inventory object unfrozen', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    await start(inventory, () => Promise.resolve(createDecisions)).ready;
    expect(Object.isFrozen(inventory.services[1])).toBe(false);
  });

  it('does not withdraw Consent Mode grants when only the UI fails to load later', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const inventory = makeInventoryJson({ googleConsentMode: { enabled: true } });
    storeDecision({ grantedCategories: ['analytics'] });
    const crumbs = createEngine({ inventory, reload: vi.fn(), ui: () => Promise.reject(new Error('offline')) }, { create: createDecisions, validate: validateInventory });
    instances.push(crumbs);
    await crumbs.ready;
    crumbs.showPreferences();
    // The UI's failure, reported: what follows from it has happened.
    await vi.waitFor(() => expect(String(error.mock.calls[0]?.[0])).toMatch(/offline/));
    await settle();
    const updates = ((window as { dataLayer?: unknown[] }).dataLayer ?? [])
      .map((e) => Array.from(e as ArrayLike<unknown>))
      .filter((c) => c[1] == 'update');
    expect(updates.at(-1)).toEqual(['consent', 'update', expect.objectContaining({ analytics_storage: 'granted' })]);
  });
});

describe('"always allow" during a re-prompt for a new service', () => {
  it('does not mark the new service as shown, and the banner stays', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], shownServices: ['session', 'google-analytics', 'hotjar', 'vimeo'] });
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1"></iframe>';
    const calls: string[] = [];
    const ui = vi.fn(() => ({ show: (v: string) => void calls.push('show:' + v), hide: () => void calls.push('hide'), update() {}, destroy() {} }));
    const crumbs = createEngine({ inventory, reload: vi.fn(), ui }, { create: createDecisions, validate: validateInventory });
    instances.push(crumbs);
    await crumbs.ready;
    await vi.waitFor(() => expect(calls).toEqual(['show:banner']));
    const context = (ui.mock.calls[0] as unknown as [{ allowService(id: string): void }])[0];
    context.allowService('vimeo');
    await vi.waitFor(() => expect(crumbs.isGranted('vimeo')).toBe(true));
    // An absence: time for the banner to be hidden, were it to be.
    await settle();
    expect(crumbs.getConsent()!.shown).not.toContain('meta-pixel');
    expect(calls).toEqual(['show:banner']);
  });
});

describe('Consent Mode while the validator loads (first visit, inline inventory)', () => {
  it('pushes default, ads_data_redaction and url_passthrough synchronously; region defaults once validated', async () => {
    const inventory = makeInventoryJson({
      googleConsentMode: {
        enabled: true,
        waitForUpdate: 1200,
        adsDataRedaction: false,
        urlPassthrough: true,
        regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }],
      },
    });
    let arrive!: (v: DecisionsFactory) => void;
    const crumbs = start(inventory, () => new Promise((resolve) => (arrive = resolve)));
    const commands = () =>
      ((window as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
    expect(commands()).toEqual([
      ['consent', 'default', expect.objectContaining({ ad_storage: 'denied', wait_for_update: 1200 })],
      ['set', 'ads_data_redaction', false],
      ['set', 'url_passthrough', true],
    ]);
    arrive(createDecisions);
    await crumbs.ready;
    expect(commands().slice(3)).toEqual([
      ['consent', 'default', expect.objectContaining({ analytics_storage: 'granted', region: ['US-CA'] })],
    ]);
  });
});

describe('the decision code, loaded on demand', () => {
  it('is not loaded by a returning visit, and is loaded once when the visitor decides again', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    const load = vi.fn(() => Promise.resolve(createDecisions));
    const crumbs = start(inventory, load);
    await crumbs.ready;
    expect(crumbs.getConsent()!.categories).toContain('analytics');
    expect(load).not.toHaveBeenCalled();
    await Promise.all([crumbs.rejectAll(), crumbs.acceptAll(), crumbs.rejectAll()]);
    expect(load).toHaveBeenCalledTimes(1);
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(crumbs.getConsent()!.action).toBe('revoke');
  });

  it('keeps a returning visit working when it cannot be loaded later, and reports that once', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    const crumbs = start(inventory, () => Promise.reject(new Error('offline')));
    await crumbs.ready;
    crumbs.rejectAll();
    crumbs.showPreferences();
    await vi.waitFor(() => expect(error).toHaveBeenCalled());
    // An absence: time for a second report, were there one.
    await settle();
    expect(crumbs.isGranted('analytics')).toBe(true);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]![0])).toMatch(/decision code .*offline/);
  });
});

describe('review fixes around the decision code on demand', () => {
  const slowLoad = () => vi.fn(() => new Promise<DecisionsFactory>((resolve) => setTimeout(() => resolve(createDecisions), 30)));

  it('rejectAll() resolves only once the decision is stored and applied, even while the code still loads', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    const crumbs = start(inventory, slowLoad());
    await crumbs.ready;
    await crumbs.rejectAll();
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(readStoredDecision()?.actionTaken).toBe('revoke');
  });

  it('draws a cookie table for a returning visitor with the UI alone, without the decision code', async () => {
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    document.body.innerHTML = '<div data-crumbs-cookie-table></div>';
    const load = slowLoad();
    const updates: string[] = [];
    const ui = vi.fn(() => ({ show() {}, hide() {}, update: () => void updates.push('update'), destroy() {} }));
    const crumbs = createEngine({ inventory, reload: vi.fn(), ui }, { load, validator: () => Promise.resolve(validateInventory) });
    instances.push(crumbs);
    await crumbs.ready;
    await vi.waitFor(() => expect(updates).toEqual(['update']));
    // An absence: time for a second update, were there one.
    await settle();
    expect(updates).toEqual(['update']);
    crumbs.hide();
    // An absence: time for the decision code to be asked for, were it to be.
    await settle();
    expect(load).not.toHaveBeenCalled();
    document.body.innerHTML = '';
  });

  it('with a GPC signal overriding a stored grant, ready resolves with the decision stored again', async () => {
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });
    try {
      const inventory = makeInventoryJson();
      storeDecision({ grantedCategories: ['analytics', 'targeting'], gpcPresent: 0, inventoryFingerprint: fingerprintOf(inventory) });
      const crumbs = start(inventory, slowLoad());
      const consent = await crumbs.ready;
      expect(consent).toMatchObject({ gpc: true, categories: ['necessary', 'analytics'] });
    } finally {
      Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true });
    }
  });

  it('tries a failed load again at the next call', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const inventory = makeInventoryJson();
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: fingerprintOf(inventory) });
    const load = vi.fn<() => Promise<DecisionsFactory>>().mockRejectedValueOnce(new Error('offline')).mockResolvedValue(createDecisions);
    const crumbs = start(inventory, load);
    await crumbs.ready;
    await crumbs.rejectAll();
    expect(crumbs.isGranted('analytics')).toBe(true);
    await crumbs.rejectAll();
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(load).toHaveBeenCalledTimes(2);
  });
});

describe('a stamped inventory (crumbs-consent validate --stamp)', () => {
  const sources = () => ({
    load: vi.fn(() => Promise.resolve(createDecisions)),
    validator: vi.fn(() => Promise.resolve(validateInventory)),
  });

  it('starts a first visit without the validator, synchronously, and the banner still comes', async () => {
    const json = makeInventoryJson({ googleConsentMode: { enabled: true, regions: [{ region: ['US-CA'], granted: ['analytics_storage'] }] } });
    const inventory = { ...json, stamp: inventoryStamp(json) };
    const source = sources();
    const ui = vi.fn(() => ({ show: vi.fn(), hide() {}, update() {}, destroy() {} }));
    const crumbs = createEngine({ inventory, reload: vi.fn(), ui }, source);
    instances.push(crumbs);
    // Region defaults come from the inventory itself: they are out before createEngine returns.
    const layer = ((window as { dataLayer?: unknown[] }).dataLayer ?? []).map((e) => Array.from(e as ArrayLike<unknown>));
    expect(layer).toContainEqual(['consent', 'default', expect.objectContaining({ region: ['US-CA'] })]);
    await crumbs.ready;
    await vi.waitFor(() => expect(ui).toHaveBeenCalled());
    // An absence: time for a second UI, were there one.
    await settle();
    expect(ui).toHaveBeenCalledTimes(1);
    expect(source.validator).not.toHaveBeenCalled();
    await crumbs.acceptAll();
    expect(crumbs.isGranted('analytics')).toBe(true);
  });

  it('validates in the browser when the stamp is out of date, and fails closed on errors', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const json = makeInventoryJson();
    const stamp = inventoryStamp(json);
    const edited = { ...json, services: [...json.services, { id: 'x', name: 'X', category: 'nope' }], stamp };
    storeDecision({ grantedCategories: ['analytics'] });
    const source = sources();
    const crumbs = createEngine({ inventory: edited, reload: vi.fn() }, source);
    instances.push(crumbs);
    expect(await crumbs.ready).toBeNull();
    expect(source.validator).toHaveBeenCalledTimes(1);
    expect(crumbs.isGranted('analytics')).toBe(false);
  });

  it('a null inventory with a consent cookie fails closed with the validator\'s message', async () => {
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    storeDecision({ grantedCategories: ['analytics'], inventoryFingerprint: '12345678' });
    const crumbs = createEngine({ inventory: null, reload: vi.fn() }, sources());
    instances.push(crumbs);
    expect(await crumbs.ready).toBeNull();
    expect(String(error.mock.calls[0]![0])).toMatch(/Invalid inventory/);
  });

  it('is no part of the validated inventory, its hash or its fingerprint', () => {
    const json = makeInventoryJson();
    const stamped = validateInventory({ ...json, stamp: inventoryStamp(json) });
    expect(stamped.warnings).toEqual([]);
    expect(stamped.inventory).toEqual(validateInventory(json).inventory);
  });
});
