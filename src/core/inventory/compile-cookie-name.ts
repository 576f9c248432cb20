/** `/body/flags`: a name written as a regular expression. */
const REGEX_NAME = /^\/(.*)\/([a-z]*)$/s;

/**
 * Tokens of a regular expression's source, as far as its matching cost goes: an escape, a
 * character class, a group opening, a quantifier with its lazy `?` (`{n}`, `{n,}`, `{n,m}`
 * captured), or any other character. Flag `u` is never allowed, so a `{` that is no quantifier is
 * a literal.
 */
const TOKEN = /\\[^]|\[(?:\\[^]|[^\]\\])*\]|\((?:\?(?:[:=!]|<[=!]?))?|(?:[*+?]|\{(\d+)(,(\d*))?\})\??|[^]/g;

/**
 * Why matching the regular expression `source` against a long hostile cookie name could take more
 * than linear time, or `undefined`. A sibling subdomain can set cookies of up to 4 KB for this site
 * (`Domain=`), and clean-up matches every cookie against the names of services not granted, in
 * `<head>`: `(a+)+$` takes seconds on 30 characters, `^.*_.*_.*_session$` seconds on 4 KB. Refused:
 * - backreferences (`\1`, `\k<name>`);
 * - a repeated group (`*`, `+`, `{n,m}` with m > 1) that contains a quantifier or `|`: `(a+)+`,
 *   `(a|aa)+` (exponential);
 * - more than one repetition of variable length (`*`, `+`, `{n,}`, `{n,m}` with m > n, m > 1), where a
 *   regex not anchored with `^` (in every alternative) counts as one: `^.*_.*$`, `\w+_\w+$`,
 *   `a+$` (polynomial).
 * What passes is matched in time linear in the name's length (times the pattern's).
 */
function slowRegex(source: string): string | undefined {
  // Per open group, the root first: whether it contains a quantifier or `|`.
  const groups = [0];
  let repeats = 0;
  let unanchored = 0;
  let start = 1;
  let group = 0; // the last token closed a group that contains a quantifier or `|`
  for (const [t, min, comma, max] of source.matchAll(TOKEN)) {
    const top = groups.length - 1;
    const inner = group;
    if (start && t != '^') unanchored = 1;
    start = group = 0;
    if (/^\\[1-9k]/.test(t)) return 'a backreference';
    if (t[0] == '(') groups.push(0);
    else if (t == ')') groups[top - 1] |= group = groups.pop()!;
    else if (t == '|') {
      groups[top] = 1;
      start = +!top;
    } else if (/^[*+?{]/.test(t)) {
      // `?` and `{0,1}` do not repeat; `*`, `+`, `{n,}`, `{n,m}` with m > 1 and `{n}` with n > 1 do.
      if (inner && t[0] != '?' && (min ? (comma ? max != '1' : +min > 1) : 1))
        return 'a nested quantifier, as in (a+)+ or (a|b)*';
      if (t[0] == '*' || t[0] == '+' || (comma && (!max || +max > Math.max(+min!, 1)))) repeats++;
      groups[top] = 1;
    }
  }
  return repeats + (repeats && unanchored) > 1 ? 'several repetitions (*, +, {n,m}; a start without ^ counts as one)' : undefined;
}

/**
 * Compiles a declared cookie name into a matcher, or explains why it cannot be compiled.
 *
 * - A plain name matches exactly: `_ga`.
 * - `*` matches any run of characters, also none: `_gat*` matches `_gat` and `_gat_UA-1`.
 * - `{placeholder}` (letters, digits, `_`, `-`) matches any run of characters too (SPEC section 3):
 *   `_hjSession_{site_id}` matches `_hjSession_12345`.
 * - `/body/` or `/body/i` is a regular expression, used as written (anchor it yourself: `/^_gat/`),
 *   unless matching it could take more than linear time (see `slowRegex`).
 *
 * @param name - The cookie name as written in the inventory.
 * @returns A RegExp (anchored on both ends for plain, `*` and `{placeholder}` names), or an error message.
 */
export function compileCookieName(name: string): RegExp | string {
  if (!name) return 'expected a non-empty string';
  // Real cookie names are short; a huge one would only compile into a regex V8 refuses at first use.
  if (name.length > 256) return 'longer than 256 characters';
  const re = REGEX_NAME.exec(name);
  if (re && !re[1]) return 'empty regex';
  if (re?.[2] && re[2] != 'i') return 'only the flag i is allowed';
  try {
    const matcher = cookieNameMatcher(name);
    const slow = re && slowRegex(re[1]!);
    return slow
      ? `regular expression with ${slow}: can take seconds to match a long cookie name, which another subdomain can set; use * (always fast) or a simpler regex`
      : matcher;
  } catch (e) {
    // V8 and Safari already start with "Invalid regular expression:"; Firefox does not.
    return (e as Error).message.replace(/^(invalid regular expression: )?/i, 'invalid regular expression: ');
  }
}

/**
 * The matcher of a name that `compileCookieName` accepts, without its checks and messages: what
 * `normalizeInventory` uses for an inventory this browser has validated before, so that `crumbs.js`
 * does not carry the messages. Throws when the regular expression does not compile.
 *
 * `*` and `{placeholder}` compile so that matching takes time linear in the name's length: chained
 * `.*` would backtrack (`^.*_.*_.*_session$` takes seconds on a 4 KB name). The literal part after
 * each wildcard is taken at its first place, which leaves the most room to the parts after it, and
 * for good: a lookahead is never backtracked into, so `(?=(.*?part))\1` finds it once and `\1`
 * steps over it. `a*b*c` compiles to `^(?=(a))\1(?=(.*?b))\2(?=(.*?c$))\3` (the first part is
 * wrapped too, which costs nothing and keeps this code short).
 */
export function cookieNameMatcher(name: string): RegExp {
  const re = REGEX_NAME.exec(name);
  let i = 0;
  const regex = re
    ? new RegExp(re[1]!, re[2])
    : new RegExp('^(?=(' + name.replace(/\{[\w-]+\}|[*.+?^${}()|[\]\\]/g, (t) => (t == '*' || t[1] ? '))\\' + ++i + '(?=(.*?' : '\\' + t)) + '$))\\' + ++i);
  // V8 defers some compile errors to the first match; surface them here, not in the page.
  regex.test('');
  return regex;
}
