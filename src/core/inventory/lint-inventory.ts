import knownServices from '../../../data/known-services.json';
import { DEFAULT_COOKIE_NAMES } from '../consent/consent-cookie-name';
import { cookieNameMatcher } from './compile-cookie-name';
import type { InventoryProblem, InventoryValidation } from '../../types';
import { knownKeys, validateInventory } from './validate-inventory';

/*
 * Advice that is too heavy for the script-tag build (a tracker table, edit distances): used by the
 * CLI and the ESM API, never by crumbs.js.
 */

/**
 * Cookie names that are known to be set by trackers, which cannot be strictly necessary: every
 * cookie of the services in data/known-services.json whose suggested category is not `necessary`
 * (the same table `crumbs-consent scan` suggests categories from), compiled with the inventory's
 * own name rules.
 */
const TRACKERS: [RegExp, string][] = knownServices.services
  .filter((s) => s.category != 'necessary')
  // A generic name (Vimeo's `player`) may well be a site's own necessary cookie.
  .flatMap((s) => s.cookies.filter((c) => !('generic' in c)).map((c): [RegExp, string] => [cookieNameMatcher(c.name), s.name]));

const isObj = (v: unknown): v is Record<string, unknown> => !!v && typeof v == 'object' && !Array.isArray(v);

/** Edit distance (optimal string alignment: a swap of two letters counts as one edit), case-insensitive. */
function distance(a: string, b: string): number {
  a = a.toLowerCase();
  b = b.toLowerCase();
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i ? (j ? 0 : i) : j)));
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] == b[j - 1] ? 0 : 1;
      let v = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) v = Math.min(v, d[i - 2]![j - 2]! + 1);
      d[i]![j] = v;
    }
  return d[a.length]![b.length]!;
}

/** The known key closest to `key`, when it is close enough to be a typo. */
function suggest(key: string, known: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Math.max(1, Math.floor(key.length / 3)) + 1;
  // Long keys are not typos of short ones, and would make the distance slow.
  if (key.length <= 64)
    for (const k of known) {
      const d = distance(key, k);
      if (d < bestDistance) [best, bestDistance] = [k, d];
    }
  return best;
}

/** Splits `a.b["c d"]` into parent path and last key; undefined for index or shortened segments. */
function lastKey(path: string): [string, string] | undefined {
  const m = /(?:^|\.)([A-Za-z_$][\w$-]*)$|\[("(?:[^"\\]|\\.)*")\]$/.exec(path);
  if (!m) return undefined;
  const key: string = m[1] ?? JSON.parse(m[2]!);
  return key.endsWith('…') ? undefined : [path.slice(0, m.index), key];
}

/** Appends a key or index to a JSON path, as the validator writes paths. */
const at = (p: string, k: string | number): string =>
  typeof k == 'number' ? `${p}[${k}]` : /^[A-Za-z_$][\w$-]*$/.test(k) ? (p && p + '.') + k : `${p}[${JSON.stringify(k.length > 40 ? k.slice(0, 40) + '…' : k)}]`;

/**
 * Warns about every text (and key) that would break out of an inline
 * `<script type="application/json">` pasted as is: `</script` ends the tag (what follows runs as
 * HTML: `</script><img src=x onerror=...>`), and `<!--` followed by `<script` keeps the parser from
 * ending it, swallowing the rest of the page. Harmless in a file loaded with `data-inventory`, and in
 * what `crumbs-consent validate --inline` writes, where every `<` is escaped: hence a warning.
 */
function scriptBreakouts(value: unknown, path: string, out: InventoryProblem[]): void {
  const check = (text: string, p: string, what: string) => {
    const found = /<\/script|<!--/i.exec(text)?.[0];
    if (found)
      out.push({
        path: p,
        message: `${what} "${found}": pasted as is into an inline <script>, it ${found == '<!--' ? 'can hide the rest of the page' : 'ends the tag, and what follows runs as HTML'}; inline the inventory with \`crumbs-consent validate --inline\`, which escapes it`,
      });
  };
  if (typeof value == 'string') check(value, path, 'contains');
  else if (Array.isArray(value)) value.forEach((v, i) => scriptBreakouts(v, at(path, i), out));
  else if (isObj(value))
    for (const [k, v] of Object.entries(value)) {
      check(k, at(path, k), 'key contains');
      scriptBreakouts(v, at(path, k), out);
    }
}

function lint(json: unknown, warnings: readonly InventoryProblem[]): InventoryProblem[] {
  const out: InventoryProblem[] = [];
  for (const w of warnings) {
    const split = w.message == 'unknown key' ? lastKey(w.path) : undefined;
    const hint = split && suggest(split[1], knownKeys(split[0]));
    if (hint) out.push({ path: w.path, message: `unknown key (did you mean "${hint}"?)` });
  }
  if (isObj(json) && Array.isArray(json.categories) && Array.isArray(json.services)) {
    const required = new Set(json.categories.filter((c) => isObj(c) && c.required === true).map((c) => c.id));
    json.services.forEach((s, i) => {
      if (!isObj(s) || !required.has(s.category) || !Array.isArray(s.cookies)) return;
      s.cookies.forEach((c, j) => {
        const name = isObj(c) && typeof c.name == 'string' ? c.name : '';
        // A declared pattern is checked as the text it starts with: `/^_gat/` as `_gat`, `_hj*` as
        // `_hj*` (which the known `_hj*` matches), `_ga_{container_id}` as written.
        const text = name.replace(/^\/\^?(.*?)\$?\/[a-z]*$/, '$1');
        const tracker = TRACKERS.find(([re]) => re.test(text));
        if (tracker)
          out.push({
            path: `services[${i}].cookies[${j}].name`,
            message: `"${name.length > 40 ? name.slice(0, 40) + '…' : name}" looks like a ${tracker[1]} cookie, which needs consent; it should not be in required category "${String(s.category)}"`,
          });
      });
    });
  }
  // The consent cookie is a cookie like any other: visitors should find it in the declaration (E6).
  const inventory = validateInventory(json).inventory;
  const required = inventory?.categories.filter((c) => c.required).map((c) => c.id) ?? [];
  if (inventory?.services.length && required.length) {
    // Without a `consent.cookieName`, the name depends on where the site runs (`__Host-crumbs_consent`
    // on https, `crumbs_consent` on http, see consentCookieName), which the CLI cannot know: either
    // form counts as declared.
    const name = inventory.consent.cookieName;
    const names = (json as { consent?: { cookieName?: unknown } })?.consent?.cookieName ? [name] : DEFAULT_COOKIE_NAMES;
    const declared = inventory.services.some(
      (s) => required.includes(s.category) && s.cookies.some((c) => names.some((n) => c.matcher.test(n))),
    );
    if (!declared)
      out.push({
        path: 'services',
        message: `the consent cookie "${name}" is not declared; add it to a service of a required category so visitors see it in the cookie table`,
      });
  }
  // The stored decision takes about one byte per service (consent cookie format 2), and browsers
  // refuse cookies over 4 KB: warned well before, at 2,000 services (about 2.3 KB).
  if ((inventory?.services.length ?? 0) > 2000)
    out.push({
      path: 'services',
      message: `${inventory!.services.length} services: the consent cookie would take about ${Math.round((inventory!.services.length + 300) / 100) / 10} KB, and browsers refuse cookies over 4 KB (about 3,000 services)`,
    });
  scriptBreakouts(json, '', out);
  return out;
}

/**
 * Extra advice on an inventory, beyond {@link validateInventory}: did-you-mean suggestions for
 * unknown keys (at the same paths as the validator's `unknown key` warnings, which they refine),
 * warnings for known tracker cookies (`_ga`, `_hj*`, `_fbp`...) declared in a required category,
 * and for texts that would break out of an inline `<script>` pasted as is (`</script`, `<!--`).
 *
 * @param json - The parsed inventory.
 * @returns Extra warnings; never throws.
 */
export function lintInventory(json: unknown): InventoryProblem[] {
  try {
    return lint(json, validateInventory(json).warnings);
  } catch {
    return [];
  }
}

/**
 * {@link validateInventory} with {@link lintInventory}'s advice merged into the warnings: suggestions
 * replace the plain `unknown key` warnings they refine, other advice is appended.
 *
 * @param json - The parsed inventory.
 */
export function validateAndLint(json: unknown): InventoryValidation {
  const result = validateInventory(json);
  let extra: InventoryProblem[] = [];
  try {
    extra = lint(json, result.warnings);
  } catch {
    // Advice is optional; the validation result stands on its own.
  }
  const refined = new Map(extra.filter((p) => p.message.startsWith('unknown key')).map((p) => [p.path, p]));
  const warnings = result.warnings
    .map((w) => (w.message == 'unknown key' && refined.get(w.path)) || w)
    .concat(extra.filter((p) => !refined.has(p.path)));
  return { ...result, warnings };
}
