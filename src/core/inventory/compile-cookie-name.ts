/** `/body/flags`: a name written as a regular expression. */
const REGEX_NAME = /^\/(.*)\/([a-z]*)$/s;

/**
 * Compiles a declared cookie name into a matcher, or explains why it cannot be compiled.
 *
 * - A plain name matches exactly: `_ga`.
 * - `*` matches any run of characters, also none: `_gat*` matches `_gat` and `_gat_UA-1`.
 * - `{placeholder}` (letters, digits, `_`, `-`) matches any run of characters too (SPEC section 3):
 *   `_hjSession_{site_id}` matches `_hjSession_12345`.
 * - `/body/` or `/body/i` is a regular expression, used as written (anchor it yourself: `/^_gat/`).
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
    return cookieNameMatcher(name);
  } catch (e) {
    // V8 and Safari already start with "Invalid regular expression:"; Firefox does not.
    return (e as Error).message.replace(/^(invalid regular expression: )?/i, 'invalid regular expression: ');
  }
}

/**
 * The matcher of a name that `compileCookieName` accepts, without its checks and messages: what
 * `normalizeTrusted` uses for an inventory this browser has validated before, so that `crumbs.js`
 * does not carry the messages. Throws when the regular expression does not compile.
 */
export function cookieNameMatcher(name: string): RegExp {
  const re = REGEX_NAME.exec(name);
  const regex = re
    ? new RegExp(re[1]!, re[2])
    : new RegExp('^' + name.replace(/\{[\w-]+\}|[*.+?^${}()|[\]\\]/g, (t) => (t == '*' || t[1] ? '.*' : '\\' + t)) + '$');
  // V8 defers some compile errors to the first match; surface them here, not in the page.
  regex.test('');
  return regex;
}
