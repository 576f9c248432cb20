// Runs the BUILT script-tag file (dist/browser/crumbs.js) the way a site owner's page runs it, for
// what it does synchronously, before the next script of the page: Consent Mode, the stand-in
// `window.Crumbs`. jsdom cannot import the engine (crumbs-engine.js), which is how the stand-in's
// failure path is tested here; the engine's own behaviour behind the script tag is tested in
// Chromium (tests/browser/script-tag.test.mjs and the other browser suites).
// jsdom executes page scripts in its own global, so page scripts report back through the DOM.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { inventoryFingerprint } from '../src/core/consent/fingerprint';
import { hashJson } from '../src/core/hash';
import { makeInventoryJson } from './helpers/inventory';
import { storeDecision as store } from './helpers/stored-decision';

/**
 * A decision made with the default test inventory (its `inventoryFingerprint`), so crumbs.js trusts that
 * inventory without the validator, which jsdom cannot import.
 */
const storeDecision = (categories: string[], extra: Record<string, unknown> = {}, inventory: unknown = makeInventoryJson()) =>
  store({ grantedCategories: categories, inventoryFingerprint: inventoryFingerprint(hashJson(inventory), BUILT_VERSION), ...extra });

let crumbsJs = '';
/** The version the built file puts in fingerprints. */
const BUILT_VERSION: string = JSON.parse(readFileSync(join(process.cwd(), 'package.json'), 'utf8')).version;
beforeAll(() => {
  const file = join(process.cwd(), 'dist/browser/crumbs.js');
  if (!existsSync(file)) throw new Error('dist/browser/crumbs.js is missing: run `node build.mjs` first (npm test does).');
  crumbsJs = readFileSync(file, 'utf8');
});

/** Appends a script the way the HTML parser would have it, running it synchronously. */
function addScript(attributes: Record<string, string>, text = '') {
  const script = document.createElement('script');
  for (const [name, value] of Object.entries(attributes)) script.setAttribute(name, value);
  script.text = text;
  document.head.append(script);
  return script;
}

/** Loads crumbs.js with an inline inventory and gated markup; resolves with the events it dispatched. */
async function loadPage({
  inventory = JSON.stringify(makeInventoryJson()) as string | null,
  scriptAttributes = {} as Record<string, string>,
  before = '',
} = {}) {
  const events: { type: string; detail: unknown }[] = [];
  for (const type of ['crumbs:ready', 'crumbs:error']) {
    document.addEventListener(type, (e) => events.push({ type, detail: (e as CustomEvent).detail }), { once: true });
  }
  // The page's console is not the test's: record its errors in the DOM.
  addScript(
    {},
    "console.error = function (m) { var h = document.documentElement;" +
      " h.setAttribute('data-errors', (h.getAttribute('data-errors') || '') + String(m) + '\\n'); };",
  );
  if (before) addScript({}, before);
  if (inventory != null) addScript({ type: 'application/json', id: 'crumbs-inventory' }, inventory);
  // No src attribute: jsdom would fetch it instead of running the text; the text is the built file.
  addScript(scriptAttributes, crumbsJs);
  // What a Google tag placed right after crumbs.js would see.
  addScript(
    {},
    "document.documentElement.setAttribute('data-layer', JSON.stringify((window.dataLayer || []).map(function (e) { return e.length != null ? Array.prototype.slice.call(e) : e; })))",
  );
  document.body.innerHTML =
    gated('analytics', 'analytics-1') + gated('targeting', 'targeting') + gated('analytics', 'analytics-2');
  // Ask the page's own window.Crumbs, since it lives in the page's global.
  addScript({}, "document.documentElement.setAttribute('data-api', typeof Crumbs.isGranted + ':' + Crumbs.isGranted('analytics'))");
  return events;
}
const gated = (consent: string, name: string) =>
  `<script type="text/plain" data-consent="${consent}">var h = document.documentElement;` +
  `h.setAttribute('data-ran', (h.getAttribute('data-ran') || '') + '${name},')</script>`;
const ran = () => (document.documentElement.getAttribute('data-ran') ?? '').split(',').filter(Boolean);
const api = () => document.documentElement.getAttribute('data-api');
const layerSeenByNextScript = () => JSON.parse(document.documentElement.getAttribute('data-layer') ?? '[]');
const pageErrors = () => (document.documentElement.getAttribute('data-errors') ?? '').split('\n').filter(Boolean);


/**
 * A clean page for the next load: once the last one's Crumbs has settled (its engine started, or
 * failed to load, as it does in jsdom), so that nothing of it reaches the next test's events.
 */
const resetPage = async () => {
  const settled = new Promise((resolve) => document.addEventListener('test:settled', resolve, { once: true }));
  addScript(
    {},
    "Promise.resolve(window.Crumbs && window.Crumbs.ready).then(function () { document.dispatchEvent(new Event('test:settled')); });",
  );
  await settled;
  document.documentElement.removeAttribute('data-ran');
  document.documentElement.removeAttribute('data-api');
  document.documentElement.removeAttribute('data-errors');
  document.documentElement.removeAttribute('data-layer');
  addScript({}, 'delete window.dataLayer;');
  // A fresh instance per test: the page global is shared by every test in this file.
  addScript({}, 'if (window.Crumbs) { Crumbs.destroy(); delete window.Crumbs; }');
};

describe('dist/browser/crumbs.js', () => {
  it('contains no Preact', () => {
    // Preact's mangled internals are properties (`.__k`, `.__H`); `__Host-` is the cookie prefix.
    expect(crumbsJs).not.toMatch(/preact|\.__[Hk]\b/);
  });

  it('hands its Consent Mode pusher and event emitter to crumbs-engine.js, which carries no copy of either', () => {
    // The engine file and every chunk it imports: what a returning visitor downloads after the paint.
    const dir = join(process.cwd(), 'dist/browser');
    const files = new Set<string>();
    const visit = (file: string) => {
      if (files.has(file)) return;
      files.add(file);
      for (const [, spec] of readFileSync(join(dir, file), 'utf8').matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?"(\.{1,2}\/[^"]+)"/g))
        visit(join(file, '..', spec!).replace(/^\.\//, ''));
    };
    visit('crumbs-engine.js');
    const engine = [...files].map((file) => readFileSync(join(dir, file), 'utf8')).join('\n');
    // Strings only the factories hold: the pusher's url_passthrough, the emitter's document events.
    for (const text of ['url_passthrough', '"crumbs:"']) {
      expect(crumbsJs, `${text} in crumbs.js`).toContain(text);
      expect(engine, `${text} in ${[...files].join(', ')}`).not.toContain(text);
    }
    // The other way round: the crumbs_consent event is the engine's (pushed after a decision), and
    // not part of the synchronous script.
    expect(engine).toContain('crumbs_categories');
    expect(crumbsJs).not.toContain('crumbs_categories');
  });

  it('fails closed, and says so, when its own start throws after the page has its window.Crumbs (a dataLayer that takes no push)', async () => {
    await resetPage();
    const failed = new Promise((resolve) => document.addEventListener('crumbs:error', resolve, { once: true }));
    await loadPage({
      inventory: JSON.stringify(makeInventoryJson({ googleConsentMode: { enabled: true } })),
      before: 'window.dataLayer = Object.freeze([]);',
    });
    await failed;
    addScript({}, "Crumbs.ready.then(function (r) { document.documentElement.setAttribute('data-api', String(r) + ':' + Crumbs.getSnapshot().status); });");
    await vi.waitFor(() => expect(api()).toBe('null:failed'));
    expect(ran()).toEqual([]);
    expect(pageErrors()).toEqual([expect.stringMatching(/^\[crumbs\] Crumbs could not start \(.+\); nothing optional was activated\.$/)]);
    addScript({}, 'delete window.dataLayer;');
  });

  it('stands in as window.Crumbs before the next script runs, and fails closed when crumbs-engine.js cannot be loaded', async () => {
    await resetPage();
    storeDecision(['analytics']);
    // A returning visitor's engine is imported after the first paint (an animation frame, then a
    // timer): its failure is awaited, not guessed at with a number of ticks.
    const failed = new Promise((resolve) => document.addEventListener('crumbs:error', resolve, { once: true }));
    const events = await loadPage();
    // The next script saw the stand-in: callable, nothing granted before the engine.
    expect(api()).toBe('function:false');
    await failed;
    expect(ran()).toEqual([]);
    expect(events.map((e) => e.type)).toEqual(['crumbs:error']);
    expect((events[0]!.detail as { message: string }).message).toMatch(/^crumbs-engine\.js could not be loaded \(.+\); nothing optional was activated\.$/);
    expect(pageErrors()).toHaveLength(1);
    expect(pageErrors()[0]).toMatch(/^\[crumbs\] crumbs-engine\.js could not be loaded/);
    addScript(
      {},
      "Crumbs.ready.then(function (r) { document.documentElement.setAttribute('data-api', String(r) + ':' + Crumbs.getSnapshot().status + ':' + Crumbs.getConsent()); });",
    );
    await vi.waitFor(() => expect(api()).toBe('null:failed:null'));
  });

  describe('Consent Mode, seen by a Google tag placed right after crumbs.js', () => {
    const neverAnswers = 'window.fetch = function () { return new Promise(function () {}); };';

    it('with an inline inventory: default, then the stored decision as update, before the next script', async () => {
      // (An inline inventory is replayed from the cookie just like a remote one: the engine, which
      // trusts or validates the inventory, comes after the first paint.)
      await resetPage();
      const inventory = makeInventoryJson({ googleConsentMode: { enabled: true } });
      // As the decision code writes it: the Consent Mode state in force (code 3: analytics_storage).
      storeDecision(['analytics'], { consentModeTypes: '3' }, inventory);
      await loadPage({ inventory: JSON.stringify(inventory) });
      const layer = layerSeenByNextScript();
      expect(layer[0]).toMatchObject(['consent', 'default', { analytics_storage: 'denied', wait_for_update: 500 }]);
      expect(layer[1]).toEqual(['set', 'ads_data_redaction', true]);
      expect(layer[2]).toMatchObject(['consent', 'update', { analytics_storage: 'granted', ad_storage: 'denied' }]);
      // The crumbs_consent event follows with the engine, once the inventory is trusted.
      expect(layer).toHaveLength(3);
    });

    it('with an inline inventory without Consent Mode: a Consent Mode state in the cookie is not replayed (the engine would only take it back)', async () => {
      await resetPage();
      const inventory = makeInventoryJson();
      // Stored while the site still had Consent Mode on.
      storeDecision(['analytics'], { consentModeTypes: '3' }, inventory);
      await loadPage({ inventory: JSON.stringify(inventory) });
      expect(layerSeenByNextScript()).toEqual([]);
    });

    it('with an inline inventory, reads the cookie its inventory names, never one named by data-cookie-name (which the engine would not read)', async () => {
      await resetPage();
      const inventory = makeInventoryJson({ googleConsentMode: { enabled: true } });
      // Left over from a remote inventory with a custom cookie name: a grant the engine never sees.
      store({ grantedCategories: ['analytics'], consentModeTypes: '3', inventoryFingerprint: inventoryFingerprint(hashJson(inventory), BUILT_VERSION) }, 'legacy_consent');
      try {
        await loadPage({ inventory: JSON.stringify(inventory), scriptAttributes: { 'data-cookie-name': 'legacy_consent' } });
        expect(layerSeenByNextScript()).toEqual([
          ['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })],
          ['set', 'ads_data_redaction', true],
        ]);
      } finally {
        document.cookie = 'legacy_consent=; max-age=0; path=/';
      }
    });

    it('reads the inline inventory without prototypes: a cookie name planted on Object.prototype before crumbs.js names no cookie', async () => {
      await resetPage();
      const inventory = makeInventoryJson({ googleConsentMode: { enabled: true }, consent: { maxAgeDays: 30 } });
      store({ grantedCategories: ['analytics'], consentModeTypes: '3', inventoryFingerprint: inventoryFingerprint(hashJson(inventory), BUILT_VERSION) }, 'planted');
      try {
        await loadPage({ inventory: JSON.stringify(inventory), before: "Object.prototype.cookieName = 'planted';" });
        expect(layerSeenByNextScript()).toEqual([
          ['consent', 'default', expect.objectContaining({ analytics_storage: 'denied' })],
          ['set', 'ads_data_redaction', true],
        ]);
      } finally {
        addScript({}, 'delete Object.prototype.cookieName;');
        document.cookie = 'planted=; max-age=0; path=/';
      }
    });

    it('with a remote inventory still in flight: the stored decision is replayed from the cookie', async () => {
      await resetPage();
      storeDecision(['analytics'], { consentModeTypes: '3' });
      await loadPage({ inventory: null, scriptAttributes: { 'data-inventory': '/cookies.json' }, before: neverAnswers });
      const layer = layerSeenByNextScript();
      expect(layer).toHaveLength(3);
      expect(layer[0]).toMatchObject(['consent', 'default', { analytics_storage: 'denied' }]);
      expect(layer[2]).toMatchObject(['consent', 'update', { analytics_storage: 'granted', ad_storage: 'denied' }]);
    });

    it('with a remote inventory still in flight and a custom cookie name: data-cookie-name says which cookie to replay', async () => {
      await resetPage();
      store({ grantedCategories: ['analytics'], consentModeTypes: '3' }, 'garden_consent');
      try {
        await loadPage({ inventory: null, scriptAttributes: { 'data-inventory': '/cookies.json', 'data-cookie-name': 'garden_consent' }, before: neverAnswers });
        expect(layerSeenByNextScript()[2]).toMatchObject(['consent', 'update', { analytics_storage: 'granted' }]);
      } finally {
        document.cookie = 'garden_consent=; max-age=0; path=/';
      }
    });

    it('with a remote inventory and no decision: defaults only when the script tag asks for Consent Mode', async () => {
      await resetPage();
      await loadPage({ inventory: null, scriptAttributes: { 'data-inventory': '/cookies.json' }, before: neverAnswers });
      expect(layerSeenByNextScript()).toEqual([]);
      await resetPage();
      await loadPage({
        inventory: null,
        scriptAttributes: { 'data-inventory': '/cookies.json', 'data-google-consent-mode': '' },
        before: neverAnswers,
      });
      expect(layerSeenByNextScript()).toEqual([
        ['consent', 'default', expect.objectContaining({ ad_storage: 'denied', security_storage: 'granted' })],
        ['set', 'ads_data_redaction', true],
      ]);
    });
  });
});
