import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashJson, inventoryHash } from '../../../src/core/hash';
import { normalizeTrusted } from '../../../src/core/inventory/normalize-trusted';
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

describe('normalizeTrusted', () => {
  it.each(valid)('gives exactly what the validator gives for %s', (file) => {
    const json = load(file);
    const validated = validateInventory(json).inventory!;
    expect(validated).toBeDefined();
    expect(comparable(normalizeTrusted(json, inventoryHash(json)))).toEqual(comparable(validated));
  });

  it('gives what the validator gives for the unit-test inventory with every optional block', () => {
    const json = makeInventoryJson({
      $schema: './schema.json',
      consent: { domain: '.example.com', maxAgeDays: 30 },
      googleConsentMode: { urlPassthrough: true },
      ui: { layout: 'box' },
      texts: { de: { 'banner.title': 'Cookies' } },
    });
    expect(comparable(normalizeTrusted(json, hashJson(json)))).toEqual(comparable(validateInventory(json).inventory));
  });

  it('freezes the result', () => {
    const json = makeInventoryJson();
    const inventory = normalizeTrusted(json, hashJson(json));
    expect(Object.isFrozen(inventory.services[1]!.cookies)).toBe(true);
  });

  it('throws on what it cannot read, so that the caller validates in full', () => {
    expect(() => normalizeTrusted({}, 'x')).toThrow();
    expect(() => normalizeTrusted({ categories: [], services: [{ cookies: [{ name: '/(/' }] }] }, 'x')).toThrow();
  });

  // A returning visitor's page runs on normalizeTrusted, a first visit on the validator: any
  // difference would make the same inventory behave differently on the second page view. Seeded,
  // so a failure repeats; each failure names the inventory that caused it.
  it('gives what the validator gives for thousands of mutated inventories the validator accepts', () => {
    const random = seededRandom(20261204);
    const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
    const sources = [...valid, ...warningFixtures].map((file) => readFileSync(join(root, file), 'utf8'));
    const corpus = corpusOf(sources.map((text) => JSON.parse(text)));
    let accepted = 0;
    const failures: string[] = [];
    for (let round = 0; round < 4000 && failures.length < 3; round++) {
      const text = JSON.stringify(mutate(JSON.parse(pick(sources)), random, pick, corpus));
      const result = validateInventory(JSON.parse(text));
      if (!result.inventory) continue;
      accepted++;
      // Unknown keys are reported and dropped by the validator; nothing reads them, so where the
      // trusted copy keeps one, it is no difference.
      const unknown = result.warnings.map((w) => '.' + w.path.replace(/\[(\d+)\]/g, '.$1') + ':');
      const differences = differencesOf(comparable(normalizeTrusted(JSON.parse(text), inventoryHash(JSON.parse(text)))), comparable(result.inventory))
        .filter((d) => !unknown.some((path) => d.startsWith(path)));
      if (differences.length) failures.push(differences.join('; ') + ' for ' + text);
    }
    expect(failures).toEqual([]);
    // Enough of them pass validation for the comparison to mean something.
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

/** Paths where two JSON-like values differ, key order aside. */
function differencesOf(a: unknown, b: unknown, path = ''): string[] {
  if (a && b && typeof a == 'object' && typeof b == 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((key) => differencesOf((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], path + '.' + key));
  }
  return a === b ? [] : [path + ': ' + JSON.stringify(a) + ' (trusted) vs ' + JSON.stringify(b) + ' (validated)'];
}
