import type { Inventory, InventoryProblem, InventoryValidation } from '../../types';
import { hashJson } from '../hash';
import { compileCookieName } from './compile-cookie-name';
import { deepFreeze } from './deep-freeze';
import { formatProblem } from './format-problem';
import {
  CONSENT_DEFAULTS,
  CONSENT_MODE_DEFAULTS,
  ROOT_DEFAULTS,
  saleOrSharingDefault,
  UI_DEFAULTS,
} from './inventory-defaults';

/*
 * The validator ships in the script-tag build that every page view pays for, so it is one
 * table-driven walker: each key maps to a `Check` that reports problems and returns the normalised
 * value (or `undefined` when invalid). Objects carry their key table (`k`) and arrays their item
 * check (`i`) so `knownKeys` can walk the same tables for did-you-mean suggestions.
 */

type Check = ((value: any, path: string) => any) & { k?: Spec; i?: Check };
type Spec = Record<string, Check>;

// Module state keeps the checks free of context parameters; validation is synchronous.
let errors: InventoryProblem[] = [];
let warnings: InventoryProblem[] = [];

const has = (o: object, k: string) => ({}).hasOwnProperty.call(o, k);
const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v == 'object' && !Array.isArray(v);
const cut = (s: string, n = 40) => (s.length > n ? s.slice(0, n) + '…' : s);
const show = (v: unknown): string =>
  v === undefined ? 'nothing' : typeof v == 'string' ? JSON.stringify(cut(v)) : isObj(v) ? 'an object' : Array.isArray(v) ? 'an array' : cut(String(v));
/** Appends a key or index to a JSON path; odd keys are quoted and long ones shortened. */
const at = (p: string, k: string | number): string =>
  typeof k == 'number' ? `${p}[${k}]` : /^[A-Za-z_$][\w$-]*$/.test((k = cut(k))) ? (p && p + '.') + k : `${p}[${JSON.stringify(k)}]`;
const err = (path: string, message: string): undefined => void errors.push({ path, message });
const warn = (path: string, message: string) => warnings.push({ path, message });
const fail = (p: string, what: string, v: unknown) => err(p, `expected ${what}, got ${show(v)}`);

const is = (test: (v: any) => unknown, what: string): Check => (v, p) => (test(v) ? v : fail(p, what, v));
const str = (re?: RegExp, what = 'a non-empty string') => is((v) => typeof v == 'string' && v && (!re || re.test(v)), what);
const oneOf = (...values: string[]) => is((v) => values.includes(v), 'one of ' + values.map((x) => `"${x}"`).join(', '));
const BOOL = is((v) => typeof v == 'boolean', 'true or false');
const INT = is((v) => Number.isSafeInteger(v) && v >= 0, 'a non-negative integer');
const ANY_STR = is((v) => typeof v == 'string', 'a string');
const ID = str(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'an id (a-z, 0-9, _, -; at most 64)');
const URL_ = str(/^(https?:\/\/[^\s/?#]|[/?#]|\.\.?\/)/i, 'an http(s) or relative URL');
const HOST = str(/^(\*\.)?[\w-]+(\.[\w-]+)*$/, 'a host name like "*.example.com"');

const arr = (item: Check, min = 0): Check =>
  Object.assign((v: any, p: string) => (Array.isArray(v) && v.length >= min ? v.map((x, i) => item(x, at(p, i))) : fail(p, min ? 'a non-empty array' : 'an array', v)), { i: item });

/** An object with known keys; unknown keys are warnings, `required` keys must be present. */
const obj = (spec: Spec, required: string[] = [], post?: (o: any, p: string, raw: any) => any): Check =>
  Object.assign(
    (v: any, p: string) => {
      if (!isObj(v)) return fail(p, 'an object', v);
      const o: any = {};
      for (const k of Object.keys(v)) {
        if (!has(spec, k)) warn(at(p, k), 'unknown key');
        else if ((o[k] = spec[k]!(v[k], at(p, k))) === undefined) delete o[k];
      }
      for (const k of required) if (!has(v, k)) err(at(p, k), 'missing (required)');
      return post ? post(o, p, v) : o;
    },
    { k: spec },
  );

/** A non-empty map keyed by language tags (`en`, `pt-BR`); built with fromEntries so `__proto__` stays data. */
const byLang = (value: Check, what: string, min = 1): Check => (v, p) => {
  if (!isObj(v) || Object.keys(v).length < min) return fail(p, what, v);
  const out: [string, unknown][] = [];
  for (const k of Object.keys(v))
    /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/.test(k) ? out.push([k, value(v[k], at(p, k))]) : err(at(p, k), 'not a language tag');
  return Object.fromEntries(out);
};
const TEXT_WHAT = 'a non-empty string or language map';
const TEXT_MAP = byLang(ANY_STR, TEXT_WHAT);
const TEXT: Check = (v, p) => (typeof v == 'string' ? (v ? v : fail(p, TEXT_WHAT, v)) : TEXT_MAP(v, p));

const GTYPE = oneOf('ad_storage', 'ad_user_data', 'ad_personalization', 'analytics_storage', 'functionality_storage', 'personalization_storage', 'security_storage');
const GTYPES_ARR = arr(GTYPE);
const GTYPES: Check = (v, p) => {
  const list = GTYPES_ARR(v, p);
  const seen = new Set();
  list?.forEach((x: string, i: number) => x && (seen.has(x) ? err(at(p, i), `duplicate "${x}"`) : seen.add(x)));
  return list;
};
const PLAIN: Check = (v, p) => (isObj(v) ? JSON.parse(JSON.stringify(v)) : fail(p, 'an object', v));

const STANDARD = ['necessary', 'analytics', 'functionality', 'targeting'];

const CATEGORY = obj({ id: ID, required: BOOL, name: TEXT, description: TEXT, googleConsent: GTYPES, saleOrSharing: BOOL }, ['id'], (o, p, v) => {
  if (o.id && !STANDARD.includes(o.id))
    for (const k of ['name', 'description'])
      if (!has(v, k)) err(at(p, k), `required for custom category "${o.id}"`);
  if (o.id == 'necessary' && o.required !== true) warn(p, '"necessary" should be "required": true');
  return { ...o, required: o.required === true, saleOrSharing: o.saleOrSharing ?? saleOrSharingDefault(o.id) };
});

const COOKIE = obj(
  { name: str(), duration: TEXT, description: TEXT, domain: str(), storage: oneOf('cookie', 'localStorage', 'sessionStorage') },
  ['name'],
  (o, p) => {
    const matcher = o.name && compileCookieName(o.name);
    if (typeof matcher == 'string') err(at(p, 'name'), matcher);
    return { storage: 'cookie', ...o, matcher };
  },
);

const VENDOR = obj(
  {
    type: oneOf('meta-pixel', 'microsoft-uet', 'microsoft-clarity', 'google-analytics', 'dataLayer'),
    measurementIds: arr(str(/^(G|UA)-[A-Z0-9-]+$/, 'an id like "G-XXXX"')),
    grant: PLAIN,
    revoke: PLAIN,
  },
  ['type'],
  (o, p, v) => {
    if (o.type == 'google-analytics' && !(v.measurementIds?.length > 0)) err(at(p, 'measurementIds'), 'required for "google-analytics"');
    if (o.type == 'dataLayer' && !has(v, 'grant') && !has(v, 'revoke')) err(p, '"dataLayer" needs "grant" or "revoke"');
    return o;
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
    hosts: arr(HOST),
    cookies: arr(COOKIE),
    vendorConsent: arr(VENDOR),
  },
  ['id', 'name', 'category'],
  (o, p) => {
    const seen = new Set();
    o.cookies?.forEach((c: any, i: number) => c?.name && (seen.has(c.name) ? warn(at(at(at(p, 'cookies'), i), 'name'), 'duplicate name') : seen.add(c.name)));
    return { hosts: [], cookies: [], ...o };
  },
);

const DOMAIN_STR = str(/^\.?[a-z0-9-]+(\.[a-z0-9-]+)*$/i, 'a domain like "example.com"');
const CONSENT = obj(
  {
    cookieName: str(/^[\w!#$%&'*+.^`|~-]+$/, 'a cookie name'),
    // A leading dot is legacy cookie syntax; browsers ignore it, so it is dropped.
    domain: (v, p) => DOMAIN_STR(v, p)?.replace(/^\./, ''),
    maxAgeDays: (v, p) =>
      typeof v != 'number' || !(v > 0) ? fail(p, 'a number > 0', v) : v > 395 ? err(p, `at most 395 days (13 months) is allowed, got ${v}`) : v,
    reloadOnRevoke: BOOL,
    logUrl: URL_,
  },
  [],
  (o) => ({ ...CONSENT_DEFAULTS, ...o }),
);

const GOOGLE_CONSENT_MODE = obj(
  {
    enabled: BOOL,
    waitForUpdate: INT,
    adsDataRedaction: BOOL,
    urlPassthrough: BOOL,
    mode: oneOf('basic', 'advanced'),
    regions: arr(obj({ region: arr(str(/^[A-Z]{2}(-[A-Z0-9]{1,3})?$/, 'a region like "ES" or "US-CA"'), 1), granted: GTYPES }, ['region', 'granted'])),
  },
  [],
  (o) => ({ ...CONSENT_MODE_DEFAULTS, ...o }),
);

const UI = obj(
  { layout: oneOf('bar', 'box'), theme: oneOf('auto', 'light', 'dark'), settingsButton: oneOf('bottom-left', 'bottom-right', 'none') },
  [],
  (o) => ({ ...UI_DEFAULTS, ...o }),
);

const TEXTS = byLang(
  (v, p) => (isObj(v) ? Object.fromEntries(Object.keys(v).map((k) => [k, ANY_STR(v[k], at(p, k))])) : fail(p, 'an object', v)),
  'an object',
  0,
);

const ROOT = obj(
  {
    $schema: str(),
    revision: INT,
    policyUrl: URL_,
    categories: arr(CATEGORY, 1),
    services: arr(SERVICE),
    consent: CONSENT,
    googleConsentMode: GOOGLE_CONSENT_MODE,
    gpc: oneOf('honor', 'ignore'),
    ui: UI,
    texts: TEXTS,
  },
  ['categories'],
  (o) => {
    const paths = new Map<string, string>();
    const categories = new Map<string, any>();
    const claim = (list: any[] | undefined, key: string) =>
      list?.forEach((x, i) => {
        const p = `${key}[${i}].id`;
        if (x?.id) paths.has(x.id) ? err(p, `duplicate id, first used at ${paths.get(x.id)}`) : paths.set(x.id, p);
      });
    claim(o.categories, 'categories');
    claim(o.services, 'services');
    o.categories?.forEach((c: any) => c?.id && !categories.has(c.id) && categories.set(c.id, c));
    o.services?.forEach((s: any, i: number) => {
      const c = s?.category && categories.get(s.category);
      if (s?.category && !c) err(`services[${i}].category`, `unknown category ${show(s.category)} (known: ${cut([...categories.keys()].join(', '), 200)})`);
      else if (c?.required && !s.justification) warn(`services[${i}].justification`, `missing for a service in required category "${c.id}"`);
    });
    delete o.$schema;
    return { ...ROOT_DEFAULTS, consent: CONSENT({}, 'consent'), ui: UI({}, 'ui'), ...o };
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
  const e: InventoryProblem[] = (errors = []);
  const w: InventoryProblem[] = (warnings = []);
  try {
    const inventory = ROOT(json, '');
    if (!e.length) return { inventory: deepFreeze({ ...inventory, hash: hashJson(json) }) as Inventory, errors: e, warnings: w };
  } catch (x) {
    // Only non-JSON input (getters, proxies) or pathological nesting gets here.
    err('', 'unreadable: ' + cut(String(x), 200));
  }
  return { errors: e, warnings: w };
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
  return Object.keys(check?.k || {});
}

export { formatProblem };
