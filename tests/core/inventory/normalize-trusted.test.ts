import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashJson, inventoryHash } from '../../../src/core/hash';
import { normalizeTrusted } from '../../../src/core/inventory/normalize-trusted';
import { validateInventory } from '../../../src/core/inventory/validate-inventory';
import { makeInventoryJson } from '../../helpers/inventory';

const root = process.cwd();
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
});
