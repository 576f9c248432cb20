import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashJson, inventoryHash } from '../../../src/core/hash';
import { CONSENT_MODE_DEFAULTS, ROOT_DEFAULTS } from '../../../src/core/inventory/inventory-defaults';
import { normalizeInventory } from '../../../src/core/inventory/normalize-inventory';
import { validateInventory } from '../../../src/core/inventory/validate-inventory';
import { makeInventoryJson } from '../../helpers/inventory';

const root = process.cwd();
const warningFixtures = readdirSync(join(root, 'tests/fixtures/inventory/warning')).map((f) => join('tests/fixtures/inventory/warning', f));
const valid = [
  ...readdirSync(join(root, 'tests/fixtures/inventory/valid')).map((f) => join('tests/fixtures/inventory/valid', f)),
  'demo/cookies.json',
  'demo/consent-mode/cookies.json',
];
const load = (file: string) => JSON.parse(readFileSync(join(root, file), 'utf8'));

/** RegExps compared by source and flags (toEqual treats two RegExps as equal only by identity of text). */
const comparable = (value: unknown): unknown =>
  value instanceof RegExp
    ? `/${value.source}/${value.flags}`
    : Array.isArray(value)
      ? value.map(comparable)
      : value && typeof value == 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, comparable(v)]))
        : value;

describe('normalizeInventory', () => {
  it.each(valid)('is what the validator returns for %s: one normaliser for both paths', (file) => {
    const json = load(file);
    expect(comparable(validateInventory(json).inventory)).toEqual(comparable(normalizeInventory(json, inventoryHash(json))));
  });

  it('applies every default, drops a leading dot, names the cookie and compiles cookie names', () => {
    const json = makeInventoryJson({
      $schema: './schema.json',
      stamp: 'abc',
      consent: { domain: '.example.com', maxAgeDays: 30 },
      googleConsentMode: { urlPassthrough: true },
      ui: { layout: 'box' },
    });
    delete (json as { revision?: number }).revision;
    const inventory = normalizeInventory(json, hashJson(json));
    expect(inventory).toMatchObject({
      revision: 0,
      gpc: 'honor',
      texts: {},
      consent: { domain: 'example.com', maxAgeDays: 30, reloadOnRevoke: true, cookieName: 'crumbs_consent' },
      googleConsentMode: { enabled: true, waitForUpdate: 500, adsDataRedaction: true, urlPassthrough: true, mode: 'basic', regions: [] },
      ui: { layout: 'box', theme: 'auto', settingsButton: 'bottom-left' },
    });
    expect('$schema' in inventory || 'stamp' in inventory).toBe(false);
    expect(inventory.categories.find((c) => c.id === 'targeting')).toMatchObject({ required: false, saleOrSharing: true });
    const ga = inventory.services.find((s) => s.id === 'google-analytics')!;
    expect(ga.cookies.every((c) => c.storage === 'cookie' && c.matcher instanceof RegExp)).toBe(true);
    expect(ga.cookies.find((c) => c.name === '_ga_*')!.matcher.test('_ga_ABC123')).toBe(true);
    expect(inventory.services.find((s) => s.id === 'session')!.hosts).toEqual([]);
  });

  it('freezes the result and leaves the input alone', () => {
    const json = makeInventoryJson({ services: [{ id: 'x', name: 'X', category: 'analytics', vendorConsent: [{ type: 'dataLayer', grant: { a: 1 } }] }] });
    const inventory = normalizeInventory(json, hashJson(json));
    expect(Object.isFrozen(inventory.services[0]!.vendorConsent![0]!.grant)).toBe(true);
    expect(Object.isFrozen(json.services[0])).toBe(false);
  });

  it('gives each inventory its own defaults: freezing one leaves the shared defaults and the next inventory alone', () => {
    const json = makeInventoryJson({ googleConsentMode: { enabled: true } });
    const first = normalizeInventory(json, hashJson(json));
    expect(Object.isFrozen(first.texts) && Object.isFrozen(first.googleConsentMode!.regions)).toBe(true);
    expect(Object.isFrozen(ROOT_DEFAULTS.texts)).toBe(false);
    expect(Object.isFrozen(CONSENT_MODE_DEFAULTS.regions)).toBe(false);
    expect(Object.getPrototypeOf(ROOT_DEFAULTS.texts)).toBe(Object.prototype);
    const second = normalizeInventory(json, hashJson(json));
    expect(second.texts).not.toBe(first.texts);
    expect(second.googleConsentMode!.regions).not.toBe(first.googleConsentMode!.regions);
  });

  it('throws on what it cannot read, so that a trusting caller validates in full', () => {
    expect(() => normalizeInventory({}, 'x')).toThrow();
    expect(() => normalizeInventory({ categories: [], services: [{ cookies: [{ name: '/(/' }] }] }, 'x')).toThrow();
  });

  // Check, then normalise: whatever the checks accept, the normaliser must be able to read. Were a
  // check missing, the validator would answer "unreadable" (the normaliser threw) instead of naming
  // the problem. Seeded, so a failure repeats; each failure names the inventory that caused it.
  it('never meets an inventory it cannot read among thousands of mutated ones', () => {
    const random = seededRandom(20261204);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const sources = [...valid, ...warningFixtures].map((file) => readFileSync(join(root, file), 'utf8'));
    const corpus = corpusOf(sources.map((text) => JSON.parse(text)));
    let accepted = 0;
    const failures: string[] = [];
    for (let round = 0; round < 4000 && failures.length < 3; round++) {
      const text = JSON.stringify(mutate(JSON.parse(pick(sources)), random, pick, corpus));
      const result = validateInventory(JSON.parse(text));
      const unreadable = result.errors.filter((e) => e.message.startsWith('unreadable'));
      if (unreadable.length) failures.push(unreadable[0]!.message + ' for ' + text);
      if (result.inventory) accepted++;
    }
    expect(failures).toEqual([]);
    // Enough of them pass validation for the property to mean something.
    expect(accepted).toBeGreaterThan(1000);
  });
});

/** A small linear congruential generator: the same sequence on every run. */
function seededRandom(seed: number) {
  return () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32;
}

/** Values and keys an inventory holds, in and out of place: the mutations draw from them. */
const VALUES = [null, 0, 1, -1, 30, 396, 1.5, '', 'x', '.example.com', 'example.com', 'en', 'targeting', 'analytics',
  'necessary', true, false, [], {}, ['analytics_storage'], { en: 'a', de: 'b' }, '/^_x/', '/(/', '_a*', '{id}', 'honor',
  'ignore', 'box', 'none', 'bottom-right', 'localStorage', 'https://x.test/', 'javascript:alert(1)',
  [{ region: ['ES'], granted: ['ad_storage'] }], 'advanced', '__proto__', 'constructor'];
const KEYS = ['id', 'required', 'name', 'description', 'category', 'cookies', 'revision', 'consent', 'domain',
  'maxAgeDays', 'cookieName', 'reloadOnRevoke', 'googleConsentMode', 'enabled', 'waitForUpdate', 'regions', 'mode', 'gpc',
  'ui', 'layout', 'theme', 'settingsButton', 'texts', 'saleOrSharing', 'googleConsent', 'storage', 'hosts',
  'vendorConsent', 'policyUrl', 'provider', 'justification', 'duration', 'urlPassthrough', 'adsDataRedaction', 'stamp',
  '$schema', 'logUrl', 'constructor'];

/**
 * One to three random edits: set, replace or delete a key, add or drop an array item. The place is
 * drawn by its kind (a category, a cookie, `consent`...), not among all places, so that the few
 * categories are edited as often as the many cookies; a value is drawn from what that key holds
 * anywhere in the corpus, or from the out-of-place values above.
 */
function mutate(json: unknown, random: () => number, pick: <T>(list: readonly T[]) => T, corpus: Corpus) {
  const places = new Map<string, Record<string, unknown>[]>();
  const collect = (value: unknown, kind: string) => {
    if (!value || typeof value != 'object') return;
    places.set(kind, [...(places.get(kind) ?? []), value as Record<string, unknown>]);
    for (const [key, child] of Object.entries(value)) collect(child, Array.isArray(value) ? kind + '[]' : kind + '.' + key);
  };
  collect(json, '');
  for (let edits = 1 + Math.floor(random() * 3); edits > 0; edits--) {
    const kind = pick([...places.keys()]);
    const target = pick(places.get(kind)!);
    if (Array.isArray(target)) {
      if (target.length && random() < 0.5) target.splice(Math.floor(random() * target.length), 1);
      else target.push(structuredClone(pick(VALUES)));
      continue;
    }
    const keys = corpus.keys.get(kind) ?? [];
    const key = keys.length && random() < 0.7 ? pick(keys) : pick(KEYS);
    const values = corpus.values.get(key);
    if (random() < 0.15) delete target[key];
    else target[key] = structuredClone(values && random() < 0.6 ? pick(values) : pick(VALUES));
  }
  return json;
}

interface Corpus {
  /** The keys each kind of place has anywhere (`.categories[]`: id, required, name...). */
  keys: Map<string, string[]>;
  /** The values each key has anywhere, plus both booleans. */
  values: Map<string, unknown[]>;
}

/** What these inventories hold, by kind of place and by key. */
function corpusOf(inventories: unknown[]): Corpus {
  const corpus: Corpus = { keys: new Map(), values: new Map() };
  const add = <T>(map: Map<string, T[]>, key: string, item: T, initial: T[] = []) =>
    map.set(key, [...new Set([...(map.get(key) ?? initial), item])]);
  const collect = (value: unknown, kind: string) => {
    if (!value || typeof value != 'object') return;
    for (const [key, child] of Object.entries(value)) {
      if (!Array.isArray(value)) {
        add(corpus.keys, kind, key);
        add(corpus.values, key, child, [true, false]);
      }
      collect(child, Array.isArray(value) ? kind + '[]' : kind + '.' + key);
    }
  };
  for (const inventory of inventories) collect(inventory, '');
  return corpus;
}

