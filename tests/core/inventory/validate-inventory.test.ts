import { readdirSync, readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { CONSENT_TYPES } from '../../../src/integrations/consent-mode-types';
import { VENDOR_CONSENT } from '../../../src/integrations/vendors/index';
import type { InventoryProblem } from '../../../src/types';
import {
  formatProblem,
  InventoryError,
  knownKeys,
  parseInventory,
  validateInventory,
} from '../../../src/core/inventory/validate-inventory';
import { lintInventory, validateAndLint } from '../../../src/core/inventory/lint-inventory';
import { CONSENT_DEFAULTS, CONSENT_MODE_DEFAULTS, ROOT_DEFAULTS, UI_DEFAULTS } from '../../../src/core/inventory/inventory-defaults';

const HERE = dirname(fileURLToPath(import.meta.url));
const FIXTURES = resolve(HERE, '../../fixtures/inventory') + '/';
const SCHEMA = resolve(HERE, '../../../schema/inventory.schema.json');
const fixtures = (kind: string) => readdirSync(FIXTURES + kind).filter((f) => f.endsWith('.json')).sort();
const load = (kind: string, file: string): unknown => JSON.parse(readFileSync(FIXTURES + kind + '/' + file, 'utf8'));

/** Each invalid fixture breaks one rule: the error it must produce (path, and a pattern for the message). */
const INVALID: Record<string, [string, RegExp]> = {
  'root-not-object.json': ['', /^expected an object, got an array$/],
  'revision-not-integer.json': ['revision', /non-negative integer, got 1\.5/],
  'categories-missing.json': ['categories', /^missing \(required\)$/],
  'categories-empty.json': ['categories', /non-empty array, got an array/],
  'services-not-array.json': ['services', /expected an array, got an object/],
  'category-not-object.json': ['categories[0]', /expected an object, got "necessary"/],
  'category-id-invalid.json': ['categories[1].id', /expected an id .*got "Analytics"/],
  'category-id-too-long.json': ['categories[2].id', /at most 64/],
  'category-required-not-boolean.json': ['categories[0].required', /expected true or false, got "yes"/],
  'duplicate-id.json': ['services[0].id', /duplicate id, first used at categories\[1\]\.id/],
  'custom-category-without-texts.json': ['categories[2].name', /required for custom category "newsletter"/],
  'google-consent-unknown-type.json': ['categories[1].googleConsent[0]', /one of "ad_storage".*got "analytics"/],
  'google-consent-duplicate.json': ['categories[1].googleConsent[1]', /duplicate "analytics_storage"/],
  'service-unknown-category.json': ['services[0].category', /unknown category "stats" \(known: necessary, analytics\)/],
  'service-name-missing.json': ['services[0].name', /^missing \(required\)$/],
  'policy-url-javascript-scheme.json': ['services[0].policyUrl', /http\(s\) or relative URL, got "javascript:/],
  'host-with-scheme.json': ['services[0].hosts[0]', /host name .*got "https:/],
  'cookie-name-empty.json': ['services[0].cookies[0].name', /^expected a non-empty string, got ""$/],
  'cookie-name-missing.json': ['services[0].cookies[0].name', /^missing \(required\)$/],
  'cookie-name-bad-regex.json': ['services[0].cookies[0].name', /^invalid regular expression: /],
  'cookie-name-regex-flags.json': ['services[0].cookies[0].name', /only the flag i/],
  'cookie-name-regex-nested-quantifier.json': ['services[0].cookies[0].name', /^regular expression with a nested quantifier, .*can take seconds to match a long cookie name/],
  'cookie-name-regex-backreference.json': ['services[0].cookies[0].name', /^regular expression with a backreference: can take seconds/],
  'cookie-name-regex-several-repetitions.json': ['services[0].cookies[0].name', /^regular expression with several repetitions \(\*, \+, \{n,m\}; .*\): can take seconds/],
  'cookie-storage-invalid.json': ['services[0].cookies[0].storage', /one of "cookie", "localStorage", "sessionStorage", got "indexedDB"/],
  'text-map-not-strings.json': ['services[0].description.de', /^expected a string, got 42$/],
  'text-empty-string.json': ['services[0].name', /non-empty string or language map, got ""/],
  'text-map-bad-language.json': ['services[0].description.English', /not a language tag/],
  'text-map-empty.json': ['categories[1].name', /non-empty string or language map, got an object/],
  'vendor-consent-unknown-type.json': ['services[0].vendorConsent[0].type', /one of "meta-pixel".*got "hotjar"/],
  'vendor-consent-ga-without-ids.json': ['services[0].vendorConsent[0].measurementIds', /required for "google-analytics"/],
  'vendor-consent-measurement-ids-not-array.json': ['services[0].vendorConsent[0].measurementIds', /^expected an array, got "G-XXXX"$/],
  'vendor-consent-bad-measurement-id.json': ['services[0].vendorConsent[0].measurementIds[0]', /like "G-XXXX", got "12345"/],
  'vendor-consent-datalayer-without-payload.json': ['services[0].vendorConsent[0]', /"dataLayer" needs "grant" or "revoke"/],
  'vendor-consent-grant-not-object.json': ['services[0].vendorConsent[0].grant', /expected an object, got "matomo_granted"/],
  'max-age-over-395.json': ['consent.maxAgeDays', /^at most 395 days \(13 months\) is allowed, got 400$/],
  'max-age-not-positive.json': ['consent.maxAgeDays', /> 0, got 0/],
  'consent-cookie-name-invalid.json': ['consent.cookieName', /cookie name, got "my consent"/],
  'consent-domain-with-scheme.json': ['consent.domain', /domain like "example.com", got "https:/],
  'reload-on-revoke-not-boolean.json': ['consent.reloadOnRevoke', /true or false, got "no"/],
  'log-url-data-scheme.json': ['consent.logUrl', /http\(s\) or relative URL, got "data:/],
  'gpc-invalid.json': ['gpc', /one of "honor", "ignore", got "respect"/],
  'wait-for-update-negative.json': ['googleConsentMode.waitForUpdate', /non-negative integer, got -1/],
  'consent-mode-invalid-mode.json': ['googleConsentMode.mode', /one of "basic", "advanced", got "full"/],
  'consent-region-invalid-code.json': ['googleConsentMode.regions[0].region[0]', /region like "ES" or "US-CA", got "Spain"/],
  'consent-region-empty.json': ['googleConsentMode.regions[0].region', /non-empty array/],
  'ui-invalid-layout.json': ['ui.layout', /one of "bar", "box", got "modal"/],
  'texts-value-not-string.json': ['texts.de["banner.title"]', /^expected a string, got true$/],
  'texts-bad-language.json': ['texts.german', /not a language tag/],
};

/** Each warning fixture is valid but earns one warning (from validateAndLint). */
const WARNING: Record<string, [string, RegExp]> = {
  'unknown-key.json': ['services[0].cokies', /^unknown key \(did you mean "cookies"\?\)$/],
  'required-service-without-justification.json': ['services[1].justification', /missing .*required category "necessary"/],
  'tracker-cookie-in-required-category.json': ['services[1].cookies[1].name', /"_ga" looks like a Google Analytics cookie/],
  'necessary-not-required.json': ['categories[0]', /"necessary" should be "required": true/],
  'duplicate-cookie-name.json': ['services[0].cookies[1].name', /duplicate name/],
  'consent-cookie-undeclared.json': ['services', /the consent cookie "crumbs_consent" is not declared/],
  'inline-script-end-tag.json': ['services[0].description', /^contains "<\/SCRIPT": pasted as is into an inline <script>, it ends the tag, and what follows runs as HTML; inline the inventory with `crumbs-consent validate --inline`, which escapes it$/],
  'inline-comment-open.json': ['services[0].cookies[0].description', /^contains "<!--": pasted as is into an inline <script>, it can hide the rest of the page; .*--inline/],
};

const has = (problems: readonly InventoryProblem[], [path, message]: [string, RegExp]) =>
  problems.some((p) => p.path == path && message.test(p.message));

describe('validateInventory: fixtures', () => {
  it.each(fixtures('valid'))('accepts valid/%s without errors or warnings', (file) => {
    const result = validateAndLint(load('valid', file));
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.inventory).toBeDefined();
  });

  it('has an expectation for every invalid fixture and a fixture for every expectation', () => {
    expect(fixtures('invalid')).toEqual(Object.keys(INVALID).sort());
    expect(fixtures('warning')).toEqual(Object.keys(WARNING).sort());
  });

  it.each(fixtures('invalid'))('refuses invalid/%s with the error it is about', (file) => {
    const expected = INVALID[file];
    if (!expected) throw new Error(`no entry for invalid/${file} in the INVALID table`);
    const result = validateInventory(load('invalid', file));
    expect(result.inventory).toBeUndefined();
    expect(has(result.errors, expected), JSON.stringify(result.errors, null, 1)).toBe(true);
    // One rule broken, one error: a rule that repeats another's finding buries the real one.
    expect(result.errors, JSON.stringify(result.errors, null, 1)).toHaveLength(1);
  });

  it.each(fixtures('warning'))('warns about warning/%s without refusing it', (file) => {
    const expected = WARNING[file];
    if (!expected) throw new Error(`no entry for warning/${file} in the WARNING table`);
    const result = validateAndLint(load('warning', file));
    expect(result.errors).toEqual([]);
    expect(result.inventory).toBeDefined();
    expect(has(result.warnings, expected), JSON.stringify(result.warnings, null, 1)).toBe(true);
  });
});

describe('validateInventory: normalisation', () => {
  it('applies every default', () => {
    const { inventory } = validateInventory({ categories: [{ id: 'necessary', required: true }, { id: 'targeting' }, { id: 'analytics' }] });
    expect(inventory).toEqual({
      revision: 0,
      categories: [
        { id: 'necessary', required: true, saleOrSharing: false },
        { id: 'targeting', required: false, saleOrSharing: true },
        { id: 'analytics', required: false, saleOrSharing: false },
      ],
      services: [],
      consent: { cookieName: 'crumbs_consent', maxAgeDays: 182, reloadOnRevoke: true },
      gpc: 'honor',
      ui: { layout: 'bar', theme: 'auto', settingsButton: 'bottom-left' },
      texts: {},
      hash: expect.stringMatching(/^[0-9a-f]{8}$/),
    });
    expect(inventory).not.toHaveProperty('googleConsentMode');
    expect(inventory).not.toHaveProperty('policyUrl');
  });

  it('keeps given values, strips the leading dot of consent.domain and drops $schema', () => {
    const inventory = parseInventory(load('valid', 'full.json'));
    expect(inventory).not.toHaveProperty('$schema');
    expect(inventory.revision).toBe(7);
    expect(inventory.consent).toEqual({ cookieName: 'site_consent', domain: 'example.com', maxAgeDays: 395, reloadOnRevoke: false, logUrl: '/consent-log' });
    expect(inventory.gpc).toBe('ignore');
    expect(inventory.ui).toEqual({ layout: 'box', theme: 'dark', settingsButton: 'none' });
    expect(inventory.categories[3]).toMatchObject({ id: 'targeting', saleOrSharing: true });
    expect(inventory.categories[4]).toMatchObject({ id: 'newsletter', saleOrSharing: false, required: false });
    expect(inventory.categories[1]!.googleConsent).toEqual(['analytics_storage']);
    expect(inventory.texts).toEqual({ de: { 'banner.title': 'Wir verwenden Cookies' }, en: { 'banner.title': 'Cookies!' } });
    const meta = inventory.services.find((s) => s.id == 'meta')!;
    expect(meta.vendorConsent).toEqual([{ type: 'meta-pixel' }, { type: 'dataLayer', grant: { event: 'meta_granted' }, revoke: { event: 'meta_revoked' } }]);
    expect(inventory.services.find((s) => s.id == 'mailer')).toMatchObject({ hosts: [], cookies: [] });
  });

  it('applies Consent Mode defaults when the object is given', () => {
    const { inventory } = validateInventory({ categories: [{ id: 'analytics' }], googleConsentMode: {} });
    expect(inventory?.googleConsentMode).toEqual({ enabled: true, waitForUpdate: 500, adsDataRedaction: true, urlPassthrough: false, mode: 'basic', regions: [] });
    const off = validateInventory({ categories: [{ id: 'analytics' }], googleConsentMode: { enabled: false, waitForUpdate: 0 } });
    expect(off.inventory?.googleConsentMode).toMatchObject({ enabled: false, waitForUpdate: 0 });
  });

  it('compiles cookie names and defaults their storage', () => {
    const inventory = parseInventory(load('valid', 'spec-example.json'));
    const [ga, hotjar] = inventory.services;
    expect(ga!.cookies.map((c) => c.storage)).toEqual(['cookie', 'cookie']);
    expect(ga!.cookies[0]!.matcher.test('_ga')).toBe(true);
    expect(ga!.cookies[0]!.matcher.test('_ga_ABC')).toBe(false);
    expect(ga!.cookies[1]!.matcher.test('_ga_ABC')).toBe(true);
    expect(hotjar!.cookies[0]!.matcher.test('_hjSessionUser12345')).toBe(true);
    expect(hotjar!.hosts).toEqual([]);
  });

  it('freezes the inventory deeply and does not freeze or change the input', () => {
    const json = load('valid', 'full.json') as { categories: object[] };
    const before = JSON.stringify(json);
    const inventory = parseInventory(json);
    const frozen = (v: unknown): boolean =>
      !v || typeof v != 'object' || v instanceof RegExp || (Object.isFrozen(v) && Object.values(v).every(frozen));
    expect(frozen(inventory)).toBe(true);
    expect(Object.isFrozen(json)).toBe(false);
    expect(Object.isFrozen(json.categories[0])).toBe(false);
    expect(JSON.stringify(json)).toBe(before);
  });

  it('hashes the content independently of key order', () => {
    const a = parseInventory({ revision: 1, categories: [{ id: 'analytics', required: false }] });
    const b = parseInventory({ categories: [{ required: false, id: 'analytics' }], revision: 1 });
    const c = parseInventory({ categories: [{ required: false, id: 'analytics' }], revision: 2 });
    expect(a.hash).toBe(b.hash);
    expect(a.hash).not.toBe(c.hash);
  });
});

describe('validateInventory: problems', () => {
  it('reports every problem, not just the first', () => {
    const { errors } = validateInventory({
      categories: [{ id: 'necessary', required: 1 }, { id: 'Bad' }],
      services: [{ id: 's', name: '', category: 'x', cookies: [{ name: '' }, { name: '/(/' }] }],
      consent: { maxAgeDays: 1000 },
    });
    expect(errors.map((e) => e.path)).toEqual([
      'categories[0].required',
      'categories[1].id',
      'services[0].name',
      'services[0].cookies[0].name',
      'services[0].cookies[1].name',
      'consent.maxAgeDays',
      'services[0].category',
    ]);
  });

  it('warns on unknown keys anywhere with their full path, and suggests the closest key in the lint', () => {
    const json = {
      categores: [],
      categories: [{ id: 'analytics', requird: true }],
      services: [{ id: 's', name: 'S', category: 'analytics', cookies: [{ name: 'a', nmae: 'b', 'weird key': 1 }] }],
      googleConsentMode: { regions: [{ region: ['ES'], granted: [], grnted: [] }] },
      ui: { Theme: 'dark' },
    };
    expect(validateInventory(json).warnings).toEqual([
      { path: 'categores', message: 'unknown key' },
      { path: 'categories[0].requird', message: 'unknown key' },
      { path: 'services[0].cookies[0].nmae', message: 'unknown key' },
      { path: 'services[0].cookies[0]["weird key"]', message: 'unknown key' },
      { path: 'googleConsentMode.regions[0].grnted', message: 'unknown key' },
      { path: 'ui.Theme', message: 'unknown key' },
    ]);
    expect(lintInventory(json).map(formatProblem)).toEqual([
      'categores: unknown key (did you mean "categories"?)',
      'categories[0].requird: unknown key (did you mean "required"?)',
      'services[0].cookies[0].nmae: unknown key (did you mean "name"?)',
      'googleConsentMode.regions[0].grnted: unknown key (did you mean "granted"?)',
      'ui.Theme: unknown key (did you mean "theme"?)',
    ]);
    expect(validateAndLint(json).warnings[3]).toEqual({ path: 'services[0].cookies[0]["weird key"]', message: 'unknown key' });
  });

  it('flags known tracker cookies declared in a required category', () => {
    const names = ['_ga', '_ga_*', '_gid', '_gat_UA-1', '_hjSession_{site_id}', '_fbp', 'vuid', '/^_gat/', 'PHPSESSID', '_gallery'];
    const warnings = lintInventory({
      categories: [{ id: 'necessary', required: true }],
      services: [{ id: 's', name: 'S', category: 'necessary', justification: 'x', cookies: names.map((name) => ({ name })) }],
    });
    const trackers = warnings.filter((w) => w.path != 'services'); // the other one: the consent cookie is not declared
    expect(trackers.map((w) => w.path)).toEqual(names.slice(0, 8).map((_, i) => `services[0].cookies[${i}].name`));
  });

  it('flags every text and key that would break out of an inline <script>, with its path', () => {
    const warnings = lintInventory({
      categories: [{ id: 'necessary', required: true, name: { en: 'x</script >', de: 'ok <script> </scrip' } }],
      services: [{ id: 's', name: 'S', category: 'necessary', justification: 'x', cookies: [{ name: 'crumbs_consent', description: '<!--' }] }],
      texts: { de: { '</ScRiPt': 'k', 'banner.title': 'a<!-- b' } },
    }).filter((w) => w.message.includes('inline <script>'));
    expect(warnings.map((w) => `${w.path}: ${w.message.slice(0, w.message.indexOf(':'))}`)).toEqual([
      'categories[0].name.en: contains "</script"',
      'services[0].cookies[0].description: contains "<!--"',
      'texts.de["</ScRiPt"]: key contains "</ScRiPt"',
      'texts.de["banner.title"]: contains "<!--"',
    ]);
  });

  it('reports duplicate ids among categories too', () => {
    const { errors } = validateInventory({ categories: [{ id: 'analytics' }, { id: 'analytics' }] });
    expect(errors).toEqual([{ path: 'categories[1].id', message: 'duplicate id, first used at categories[0].id' }]);
  });

  it('does not require a required category', () => {
    expect(validateInventory({ categories: [{ id: 'analytics' }] }).errors).toEqual([]);
  });

  it('accepts relative and http(s) URLs only', () => {
    const check = (policyUrl: string) => validateInventory({ policyUrl, categories: [{ id: 'analytics' }] }).errors.length == 0;
    for (const ok of ['/privacy', './p', '../p', '#cookies', '?x', 'https://example.com/p', 'HTTP://example.com']) expect(check(ok), ok).toBe(true);
    // '//host' and '/\\host' look relative but lead to another host: written out as https:// or refused.
    for (const bad of ['javascript:alert(1)', 'data:text/html,x', 'privacy.html', ' https://x', 'https://', 'mailto:a@b.c', 'vbscript:x', '//cdn.example.com/p', '/\\cdn.example.com/p'])
      expect(check(bad), bad).toBe(false);
  });

  it('truncates echoed values', () => {
    const { errors } = validateInventory({ categories: [{ id: 'x'.repeat(10_000) }] });
    expect(errors[0]!.message.length).toBeLessThan(120);
  });
});

describe('validateInventory: hostile input', () => {
  const hostile: unknown[] = [
    undefined,
    null,
    0,
    NaN,
    -1,
    'x'.repeat(1_000_000),
    true,
    [],
    [{}],
    {},
    { categories: null },
    { categories: [null, 1, 'a', [], {}, { id: null }, { id: {} }, { id: [] }] },
    { categories: [{ id: 'a', name: [], description: { en: null } }], services: [null, [], { id: 1, cookies: 'x', hosts: {} }] },
    { categories: [{ id: 'a'.repeat(1_000_000) }], services: [{ id: 'b', name: 'x'.repeat(1_000_000), category: 'y'.repeat(1_000_000) }] },
    { categories: [{ id: 'a', name: 'A', description: 'B' }], consent: [], ui: 'bar', texts: [], googleConsentMode: { regions: {} } },
    JSON.parse('{"__proto__": {"polluted": true}, "categories": [{"id": "a", "__proto__": {"required": true}, "name": {"__proto__": "x"}, "description": "d"}]}'),
    JSON.parse('{"categories": [{"id": "a", "name": "A", "description": "B"}], "texts": {"en": {"__proto__": "x", "constructor": "y"}}}'),
    JSON.parse('{"categories": [{"id": "constructor", "name": "A", "description": "B"}, {"id": "__proto__"}], "services": [{"id": "hasOwnProperty", "name": "x", "category": "toString"}]}'),
    { [('k' as string).repeat(100_000)]: 1, categories: [{ id: 'a', name: 'A', description: 'B' }] },
  ];

  it.each(hostile.map((v, i) => [i, v]))('never throws (case %i)', (_, value) => {
    const result = validateInventory(value);
    expect(Array.isArray(result.errors)).toBe(true);
    expect(() => lintInventory(value)).not.toThrow();
    expect(() => validateAndLint(value)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('keeps __proto__ keys as plain data', () => {
    const { inventory } = validateInventory(JSON.parse('{"categories": [{"id": "a", "name": "A", "description": "B"}], "texts": {"en": {"__proto__": "x"}}}'));
    // No prototype at all: nothing added to Object.prototype can pass for a text either.
    expect(Object.getPrototypeOf(inventory!.texts.en)).toBeNull();
    expect(Object.getOwnPropertyDescriptor(inventory!.texts.en, '__proto__')?.value).toBe('x');
  });

  it('survives deeply nested junk', () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const json = { categories: [{ id: 'a', name: 'A', description: 'B' }], junk: deep };
    const result = validateInventory(json);
    expect(result.warnings).toContainEqual({ path: 'junk', message: 'unknown key' });
    expect(() => validateAndLint(json)).not.toThrow();
    expect(() => validateInventory({ categories: deep })).not.toThrow();
  });

  it('never throws on random JSON', () => {
    let seed = 42;
    const rand = () => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 2 ** 32);
    const keys = ['categories', 'services', 'id', 'name', 'cookies', 'required', 'category', 'consent', 'maxAgeDays', 'texts', 'en', '__proto__', 'type', 'grant', 'regions', 'region'];
    const gen = (depth: number): unknown => {
      const r = rand();
      if (depth > 5 || r < 0.3) return [null, true, 0, -1, 1.5, '', 'analytics', '/(/', '*', 'necessary'][Math.floor(rand() * 10)];
      if (r < 0.55) return Array.from({ length: Math.floor(rand() * 4) }, () => gen(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 5) }, () => [keys[Math.floor(rand() * keys.length)]!, gen(depth + 1)]));
    };
    for (let i = 0; i < 2000; i++) {
      const value = gen(0);
      expect(() => validateAndLint(value)).not.toThrow();
    }
  });
});

describe('formatProblem, InventoryError, parseInventory', () => {
  it('formats a problem', () => {
    expect(formatProblem({ path: 'a.b', message: 'bad' })).toBe('a.b: bad');
    expect(formatProblem({ path: '', message: 'bad' })).toBe('bad');
  });

  it('throws an InventoryError naming the first problem and the count of the others', () => {
    let error: unknown;
    try {
      parseInventory({ categories: [{ id: 'X' }], consent: { maxAgeDays: 400 }, gpc: 'no' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InventoryError);
    expect(error).toBeInstanceOf(Error);
    const e = error as InventoryError;
    expect(e.problems).toHaveLength(3);
    expect(e.message).toMatch(/^categories\[0\]\.id: expected an id .* \(and 2 more\)$/);
    expect(new InventoryError([{ path: '', message: 'one' }]).message).toBe('one');
  });

  it('returns the inventory when valid', () => {
    expect(parseInventory({ categories: [{ id: 'analytics' }] }).categories[0]!.id).toBe('analytics');
  });
});

describe('JSON Schema', () => {
  type Node = { $ref?: string; properties?: Record<string, Node>; items?: Node; description?: string; additionalProperties?: Node | boolean };
  const schema = JSON.parse(readFileSync(SCHEMA, 'utf8')) as Node & { $defs: Record<string, Node> };
  const deref = (n: Node): Node => (n.$ref ? { ...schema.$defs[n.$ref.replace('#/$defs/', '')]!, ...n, $ref: undefined } : n);
  const at = (path: string): Node => {
    let node: Node = schema;
    for (const s of path.match(/[^.[\]]+/g) || []) node = deref(/^\d+$/.test(s) ? node.items! : node.properties![s]!);
    return node;
  };

  it('describes exactly the keys the validator accepts', () => {
    const objects = ['', 'categories[0]', 'services[0]', 'services[0].cookies[0]', 'services[0].vendorConsent[0]', 'consent', 'googleConsentMode', 'googleConsentMode.regions[0]', 'ui'];
    for (const path of objects) {
      expect(Object.keys(at(path).properties!).sort(), path).toEqual(knownKeys(path).sort());
      expect(at(path).additionalProperties, path).toBe(false);
    }
  });

  it('lists exactly the Consent Mode types and vendor consent APIs of their tables in integrations/', () => {
    const items = (n: Node) => deref(deref(n).items ?? deref(n)) as Node & { enum?: string[] };
    expect(items(at('categories[0]').properties!.googleConsent!).enum).toEqual([...CONSENT_TYPES]);
    expect(items(at('googleConsentMode.regions[0]').properties!.granted!).enum).toEqual([...CONSENT_TYPES]);
    expect((deref(at('services[0].vendorConsent[0]').properties!.type!) as { enum?: string[] }).enum).toEqual(Object.keys(VENDOR_CONSENT));
    // And the validator takes each of them, and nothing else.
    const gmode = (granted: string[]) => validateInventory({ categories: [{ id: 'necessary', required: true }], googleConsentMode: { regions: [{ region: ['ES'], granted }] } });
    expect(gmode([...CONSENT_TYPES]).errors).toEqual([]);
    expect(gmode(['ad_storage', 'cookie_storage']).errors.map((e) => e.path)).toEqual(['googleConsentMode.regions[0].granted[1]']);
  });

  it('states the defaults the normaliser applies, as inventory-defaults.ts writes them', () => {
    const tables: [string, Record<string, unknown>][] = [['', ROOT_DEFAULTS], ['consent', CONSENT_DEFAULTS], ['googleConsentMode', CONSENT_MODE_DEFAULTS], ['ui', UI_DEFAULTS]];
    for (const [path, table] of tables)
      for (const [key, value] of Object.entries(table)) expect((at(path ? path + '.' + key : key) as { default?: unknown }).default, `${path}.${key}`).toEqual(value);
  });

  it('has a description on every property', () => {
    const missing: string[] = [];
    const walk = (n: Node, path: string) => {
      for (const [k, v] of Object.entries(n.properties || {})) {
        if (!deref(v).description) missing.push(path + '.' + k);
        if (v.properties) walk(v, path + '.' + k);
      }
    };
    walk(schema, '#');
    for (const [name, def] of Object.entries(schema.$defs)) walk(def, '#/$defs/' + name);
    expect(missing).toEqual([]);
  });
});

describe('limits against hostile or careless inventories (issue 11)', () => {
  const base = () => ({ categories: [{ id: 'necessary', required: true }, { id: 'analytics' }], services: [] as unknown[] });

  it('refuses a text over 2,000 characters, naming its path', () => {
    const json = { ...base(), texts: { en: { 'banner.title': 'x'.repeat(2001) } } };
    expect(validateInventory(json).errors).toContainEqual({ path: 'texts.en["banner.title"]', message: 'longer than 2000 characters (2001)' });
    const service = { id: 's', name: 'S', category: 'analytics', description: { en: 'y'.repeat(5000) } };
    expect(validateInventory({ ...base(), services: [service] }).errors.map((e) => e.path)).toEqual(['services[0].description.en']);
  });

  it.each(['//evil.example/log', '/\\evil.example/log', 'javascript:alert(1)'])('refuses %s as a URL (it leaves the site or runs script)', (url) => {
    expect(validateInventory({ ...base(), consent: { logUrl: url } }).errors.map((e) => e.path)).toEqual(['consent.logUrl']);
  });

  it('accepts relative URLs on the site and absolute http(s) ones', () => {
    for (const url of ['/log', './log', '../log', '?log', 'https://log.example.org/x']) expect(validateInventory({ ...base(), consent: { logUrl: url } }).errors).toEqual([]);
  });

  it('warns well before the consent cookie outgrows 4 KB', () => {
    const services = Array.from({ length: 2001 }, (_, i) => ({ id: 's' + i, name: 'S', category: 'analytics' }));
    const messages = lintInventory({ ...base(), services }).map((w) => w.message);
    expect(messages).toContainEqual(expect.stringContaining('2001 services: the consent cookie would take about 2.3 KB'));
  });
});

