import { CONSENT_TYPES } from '../../integrations/consent-mode-types';
import { VENDOR_CONSENT, type VendorConsentType } from '../../integrations/vendors/index';
import { VENDOR_RULES } from '../../integrations/vendors/rules';
import type { Inventory, InventoryInput, InventoryProblem, InventoryValidation } from '../../types';
import { inventoryHash } from '../hash';
import { compileCookieName } from './compile-cookie-name';
import { formatProblem } from './format-problem';
import { normalizeInventory } from './normalize-inventory';

/*
 * Check, then normalise. The checker is one table-driven walker: each key maps to a `Check` that
 * reports problems to the validation's context and returns the value as read (or `undefined` when
 * invalid), which later checks of the same object look at. Objects carry their key table (`k`) and
 * arrays their item check (`i`) so `knownKeys` can walk the same tables for did-you-mean
 * suggestions. Only an inventory without errors is normalised, by the one normaliser that
 * `crumbs.js` also uses for an inventory it trusts (`normalizeInventory`): defaults and rules live
 * there, not here.
 *
 * Size notes (property names and strings survive minification, locals do not): enumerations and
 * required keys are written as one space-separated string.
 */

/** Where one validation reports: every check of it gets the same context, so validations never share state. */
interface Context {
  readonly errors: InventoryProblem[];
  readonly warnings: InventoryProblem[];
}
type Check = ((value: any, path: string, ctx: Context) => any) & { k?: Spec; i?: Check };
type Spec = Record<string, Check>;

const has = Object.hasOwn;
const keysOf = Object.keys;
const isArray = Array.isArray;
const isStr = (v: unknown): v is string => typeof v == 'string';
const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !isArray(v);
const cut = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);
const AN_OBJECT = 'an object';
const show = (v: unknown): string =>
  v === undefined ? 'nothing' : isStr(v) ? JSON.stringify(cut(v)) : isArray(v) ? 'an array' : isObj(v) ? AN_OBJECT : cut(String(v));
/** Appends a key or index to a JSON path; odd keys are quoted and long ones shortened. */
const at = (p: string, k: string | number): string =>
  typeof k == 'number' ? `${p}[${k}]` : /^[A-Za-z_$][\w$-]*$/.test((k = cut(k))) ? (p && p + '.') + k : `${p}[${JSON.stringify(k)}]`;
const err = (ctx: Context, path: string, message: string): undefined => void ctx.errors.push({ path, message });
const warn = (ctx: Context, path: string, message: string) => ctx.warnings.push({ path, message });
const fail = (ctx: Context, p: string, what: string, v: unknown) => err(ctx, p, `expected ${what}, got ${show(v)}`);

const is = (test: (v: any) => unknown, what: string): Check => (v, p, ctx) => (test(v) ? v : fail(ctx, p, what, v));
const str = (re?: RegExp, what = 'a non-empty string') => is((v) => isStr(v) && v && (!re || re.test(v)), what);
/** One of the space-separated `values`. */
const oneOf = (values: string) => is((v) => values.split(' ').includes(v), `one of "${values.replaceAll(' ', '", "')}"`);
const BOOL = is((v) => typeof v == 'boolean', 'true or false');
const INT = is((v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer');
/**
 * Every text a visitor may be shown is capped: a 1 MB single-word title would hold the page's
 * main thread in layout for about a minute. 2,000 characters is far more than a banner sentence or
 * a cookie's purpose needs.
 */
const MAX_TEXT = 2000;
const ANY_STR: Check = (v, p, ctx) =>
  !isStr(v) ? fail(ctx, p, 'a string', v) : v.length > MAX_TEXT ? err(ctx, p, `longer than ${MAX_TEXT} characters (${v.length})`) : v;
const ID = str(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an id (a-z, 0-9, _, -; at most 64)');
// A relative URL must stay on the site: `//host/x` and `/\host/x` look relative but are not.
const URL_ = str(/^(https?:\/\/[^\s/?#\\]|\/(?![/\\])|[?#]|\.\.?\/)/i, 'an http(s) or relative URL');

const arr = (item: Check, min = 0): Check =>
  Object.assign(
    (v: any, p: string, ctx: Context) =>
      isArray(v) && v.length >= min ? v.map((x, i) => item(x, at(p, i), ctx)) : fail(ctx, p, min ? 'a non-empty array' : 'an array', v),
    { i: item },
  );

/**
 * An object with known keys: unknown keys are warnings, the space-separated `required` keys must be
 * present, and `post` may check the object as a whole.
 */
const obj = (spec: Spec, required = '', post?: (o: any, p: string, ctx: Context, raw: any) => unknown): Check =>
  Object.assign(
    (v: any, p: string, ctx: Context) => {
      if (!isObj(v)) return fail(ctx, p, AN_OBJECT, v);
      // No prototype: a key the inventory leaves out must not come from Object.prototype.
      const o: any = Object.create(null);
      for (const k of keysOf(v)) has(spec, k) ? (o[k] = spec[k]!(v[k], at(p, k), ctx)) : warn(ctx, at(p, k), 'unknown key');
      for (const k of required.split(' ')) if (k && !has(v, k)) err(ctx, at(p, k), 'missing (required)');
      post?.(o, p, ctx, v);
      return o;
    },
    { k: spec },
  );

/**
 * A map of `value`s with at least `min` keys, keyed by language tags (`en`, `pt-BR`) when `lang`;
 * built with fromEntries so `__proto__` stays data.
 */
const map = (value: Check, what: string, min: number, lang?: 1): Check => (v, p, ctx) => {
  if (!isObj(v) || keysOf(v).length < min) return fail(ctx, p, what, v);
  const out: [string, unknown][] = [];
  for (const k of keysOf(v))
    !lang || /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k) ? out.push([k, value(v[k], at(p, k), ctx)]) : err(ctx, at(p, k), 'not a language tag');
  return Object.fromEntries(out);
};
const TEXT_WHAT = 'a non-empty string or language map';
const TEXT_MAP = map(ANY_STR, TEXT_WHAT, 1, 1);
const TEXT: Check = (v, p, ctx) => (isStr(v) ? (v ? ANY_STR(v, p, ctx) : fail(ctx, p, TEXT_WHAT, v)) : TEXT_MAP(v, p, ctx));

const GTYPES_ARR = arr(oneOf(CONSENT_TYPES.join(' ')));
const GTYPES: Check = (v, p, ctx) => {
  const list = GTYPES_ARR(v, p, ctx);
  const seen = new Set();
  list?.forEach((x: string, i: number) => x && (seen.has(x) ? err(ctx, at(p, i), `duplicate "${x}"`) : seen.add(x)));
  return list;
};
const PLAIN: Check = (v, p, ctx) => (isObj(v) ? v : fail(ctx, p, AN_OBJECT, v));

const CATEGORY = obj({ id: ID, required: BOOL, name: TEXT, description: TEXT, googleConsent: GTYPES, saleOrSharing: BOOL }, 'id', (o, p, ctx, v) => {
  if (o.id && !['necessary', 'analytics', 'functionality', 'targeting'].includes(o.id))
    for (const k of ['name', 'description'])
      if (!has(v, k)) err(ctx, at(p, k), `required for custom category "${o.id}"`);
  if (o.id == 'necessary' && !o.required) warn(ctx, p, '"necessary" should be "required": true');
});

const COOKIE = obj(
  { name: str(), duration: TEXT, description: TEXT, domain: str(), storage: oneOf('cookie localStorage sessionStorage') },
  'name',
  (o, p, ctx) => {
    const compiled = o.name && compileCookieName(o.name);
    if (isStr(compiled)) err(ctx, at(p, 'name'), compiled);
  },
);

const VENDOR = obj(
  {
    type: oneOf(keysOf(VENDOR_CONSENT).join(' ')),
    measurementIds: arr(str(/^(G|UA)-[A-Z0-9-]+$/, 'an id like "G-XXXX"')),
    grant: PLAIN,
    revoke: PLAIN,
  },
  'type',
  (o, p, ctx, v) => {
    const problem = o.type && VENDOR_RULES[o.type as VendorConsentType]?.(v);
    if (problem) err(ctx, problem[0] ? at(p, problem[0]) : p, problem[1]);
  },
);

const SERVICE = obj(
  {
    id: ID,
    name: TEXT,
    provider: TEXT,
    category: str(),
    description: TEXT,
    justification: TEXT,
    policyUrl: URL_,
    hosts: arr(str(/^(\*\.)?[\w-]+(\.[\w-]+)*$/, 'a host name like "*.example.com"')),
    cookies: arr(COOKIE),
    vendorConsent: arr(VENDOR),
  },
  'id name category',
  (o, p, ctx) => {
    const seen = new Set();
    o.cookies?.forEach((c: any, i: number) => c?.name && (seen.has(c.name) ? warn(ctx, `${p}.cookies[${i}].name`, 'duplicate name') : seen.add(c.name)));
  },
);

const DOMAIN_STR = str(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'a domain like "example.com"');
const CONSENT = obj(
  {
    cookieName: str(/^[\w!#$%&'*+.^`|~-]+$/, 'a cookie name'),
    // A leading dot is legacy cookie syntax; browsers ignore it (the normaliser drops it).
    domain: DOMAIN_STR,
    maxAgeDays: (v, p, ctx) =>
      typeof v != 'number' || !(v > 0)
        ? fail(ctx, p, 'a number > 0', v)
        : v > 395
          ? err(ctx, p, `at most 395 days (13 months) is allowed, got ${v}`)
          : v,
    reloadOnRevoke: BOOL,
    logUrl: URL_,
  },
);

const GOOGLE_CONSENT_MODE = obj(
  {
    enabled: BOOL,
    waitForUpdate: INT,
    adsDataRedaction: BOOL,
    urlPassthrough: BOOL,
    mode: oneOf('basic advanced'),
    regions: arr(obj({ region: arr(str(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region like "ES" or "US-CA"'), 1), granted: GTYPES }, 'region granted')),
  },
);

const UI = obj({ layout: oneOf('bar box'), theme: oneOf('auto light dark'), settingsButton: oneOf('bottom-left bottom-right none') });

const ROOT = obj(
  {
    $schema: str(),
    // Any string: a stamp that is not current (even a hand-edited one) is only not trusted.
    stamp: ANY_STR,
    revision: INT,
    policyUrl: URL_,
    categories: arr(CATEGORY, 1),
    services: arr(SERVICE),
    consent: CONSENT,
    googleConsentMode: GOOGLE_CONSENT_MODE,
    gpc: oneOf('honor ignore'),
    ui: UI,
    texts: map(map(ANY_STR, AN_OBJECT, 0), AN_OBJECT, 0, 1),
  },
  'categories',
  (o, _p, ctx) => {
    const paths = new Map<string, string>(); // id → path of its first use
    const categories = new Map<string, any>(); // id → the first category with it
    for (const key of ['categories', 'services'])
      o[key]?.forEach((x: any, i: number) => {
        const p = `${key}[${i}].id`;
        const id = x?.id;
        const first = id && paths.get(id);
        // Categories come first, so the first category with an id is also its first use.
        if (first) err(ctx, p, `duplicate id, first used at ${first}`);
        else if (id) paths.set(id, p), key == 'categories' && categories.set(id, x);
      });
    o.services?.forEach((s: any, i: number) => {
      const name = s?.category;
      const c = name && categories.get(name);
      const p = `services[${i}].`;
      if (name && !c) err(ctx, p + 'category', `unknown category ${show(name)} (known: ${cut([...categories.keys()].join(', '), 200)})`);
      else if (c?.required && !s.justification) warn(ctx, p + 'justification', `missing for a service in required category "${c.id}"`);
    });
  },
);

/**
 * Validates an inventory as parsed from JSON (SPEC section 3) and normalises it.
 *
 * Never throws, whatever the input. Reports every problem found, each located by its JSON path
 * (`services[2].cookies[0].name`, `""` for the root).
 *
 * @param json - The parsed inventory.
 * @returns All errors and warnings; `inventory` (deeply frozen, defaults applied) when there are no errors.
 */
export function validateInventory(json: unknown): InventoryValidation {
  const ctx: Context = { errors: [], warnings: [] };
  let inventory: Inventory | undefined;
  try {
    ROOT(json, '', ctx);
    // Without errors, `json` has the shape ROOT checked.
    if (!ctx.errors.length) inventory = normalizeInventory(json as InventoryInput, inventoryHash(json));
  } catch (x) {
    // Only non-JSON input (getters, proxies) or pathological nesting gets here.
    err(ctx, '', 'unreadable: ' + cut(String(x), 200));
  }
  return inventory ? { ...ctx, inventory } : { ...ctx };
}

/** Thrown by {@link parseInventory}; carries every problem, its message names the first. */
export class InventoryError extends Error {
  /** Every error found (warnings are not included). */
  readonly problems: readonly InventoryProblem[];

  /** @param problems - The errors found; the first one becomes the message. */
  constructor(problems: readonly InventoryProblem[]) {
    const [first, ...rest] = problems;
    super((first ? formatProblem(first) : 'invalid inventory') + (rest.length ? ` (and ${rest.length} more)` : ''));
    this.name = 'InventoryError';
    this.problems = problems;
  }
}

/**
 * Validates an inventory and returns it normalised, or throws.
 *
 * @param json - The parsed inventory.
 * @returns The frozen inventory with every default applied.
 * @throws {@link InventoryError} when the inventory has errors.
 */
export function parseInventory(json: unknown): Inventory {
  const { inventory, errors } = validateInventory(json);
  if (!inventory) throw new InventoryError(errors);
  return inventory;
}

/**
 * Keys accepted by the object at `path` (indices are ignored), for did-you-mean suggestions.
 *
 * @param path - Path of an object, such as `services[1]`; `""` for the root.
 * @returns The accepted keys, or `[]` when the path does not lead to a known object.
 * @internal
 */
export function knownKeys(path: string): string[] {
  let check: Check | undefined = ROOT;
  for (const s of path.match(/[^.[\]]+/g) || []) check = /^\d+$/.test(s) ? check?.i : check?.k && has(check.k, s) ? check.k[s] : undefined;
  return keysOf(check?.k || {});
}

export { formatProblem };
