import { describe, expect, it } from 'vitest';
import { compileCookieName, cookieNameMatcher } from '../../../src/core/inventory/compile-cookie-name';

function matcher(name: string): RegExp {
  const result = compileCookieName(name);
  if (typeof result == 'string') throw new Error(`expected a RegExp for ${name}, got "${result}"`);
  return result;
}

describe('compileCookieName', () => {
  it('matches plain names exactly', () => {
    const re = matcher('_ga');
    expect(re.test('_ga')).toBe(true);
    expect(re.test('_ga_X')).toBe(false);
    expect(re.test('x_ga')).toBe(false);
  });

  it('escapes regular expression characters in plain names', () => {
    const re = matcher('a.b+c(d)[e]^f$g|h?i\\j/k');
    expect(re.test('a.b+c(d)[e]^f$g|h?i\\j/k')).toBe(true);
    expect(re.test('axb+c(d)[e]^f$g|h?i\\j/k')).toBe(false);
    expect(matcher('_pk_id.*').test('_pk_id.1.abcd')).toBe(true);
    expect(matcher('_pk_id.*').test('_pk_idX1')).toBe(false);
  });

  it('lets * match any run, also none', () => {
    const re = matcher('_gat*');
    expect(re.test('_gat')).toBe(true);
    expect(re.test('_gat_UA-1')).toBe(true);
    expect(re.test('x_gat')).toBe(false);
    expect(matcher('*').test('')).toBe(true);
    expect(matcher('a*b*c').test('aXXbYc')).toBe(true);
  });

  it('lets {placeholder} match any run of characters, as * does', () => {
    const re = matcher('_hjSession_{site_id}');
    expect(re.test('_hjSession_12345')).toBe(true);
    expect(re.test('_hjSession_')).toBe(true);
    expect(re.test('_hjSessio_1')).toBe(false);
    expect(matcher('_hjSessionUser{site-id}').test('_hjSessionUser9')).toBe(true);
    expect(matcher('a{x}b{y}').test('a1b2')).toBe(true);
  });

  it('keeps braces that are not a placeholder literal', () => {
    expect(matcher('a{}b').test('a{}b')).toBe(true);
    expect(matcher('a{b c}').test('a{b c}')).toBe(true);
    expect(matcher('a{b c}').test('axx')).toBe(false);
  });

  it('compiles /regex/ and /regex/i as written', () => {
    const re = matcher('/^_gat/');
    expect(re.test('_gat_UA-1')).toBe(true);
    expect(re.test('x_gat')).toBe(false);
    expect(matcher('/^_GID$/i').test('_gid')).toBe(true);
    expect(matcher('/^_GID$/').test('_gid')).toBe(false);
    expect(matcher('/a/b/').test('xa/b')).toBe(true);
  });

  it('explains invalid names instead of throwing', () => {
    expect(compileCookieName('')).toMatch(/non-empty/);
    expect(compileCookieName('/(/')).toMatch(/^invalid regular expression: /);
    expect(compileCookieName('/(/')).not.toMatch(/Invalid regular expression/);
    expect(compileCookieName('//')).toMatch(/empty regex/);
    expect(compileCookieName('/^_ga/g')).toMatch(/only the flag i/);
  });

  it('treats a name that only starts with / as plain', () => {
    expect(matcher('/path').test('/path')).toBe(true);
  });

  it('refuses huge names instead of returning a matcher that fails later', () => {
    expect(compileCookieName('a'.repeat(100_000) + '*')).toBe('longer than 256 characters');
    expect(compileCookieName('/' + 'a'.repeat(300) + '/')).toBe('longer than 256 characters');
    expect(matcher('a'.repeat(256)).test('a'.repeat(256))).toBe(true);
  });
});

describe('compileCookieName: * and {placeholder} in linear time', () => {
  /** What `*` and `{placeholder}` compiled to before: chained `.*`, which backtracks. The reference. */
  const chained = (name: string) =>
    new RegExp('^' + name.replace(/\{[\w-]+\}|[*.+?^${}()|[\]\\]/g, (t) => (t == '*' || t[1] ? '.*' : '\\' + t)) + '$');

  it('takes each part at its first place, and the last one at the end', () => {
    expect(matcher('a*ab').test('aab')).toBe(true);
    expect(matcher('*a*a').test('aa')).toBe(true);
    expect(matcher('*a*a').test('a')).toBe(false);
    expect(matcher('ab*ba').test('aba')).toBe(false);
    expect(matcher('ab*ba').test('abba')).toBe(true);
    expect(matcher('*x').test('')).toBe(false);
    expect(matcher('**').test('')).toBe(true);
    expect(matcher('a*b*c').test('abcbc')).toBe(true);
    expect(matcher('a*b*c').test('acb')).toBe(false);
    expect(matcher('{a}_{b}_{c}_session').test('x_y_z_session')).toBe(true);
    expect(matcher('{a}_{b}_{c}_session').test('x_y_session')).toBe(false);
    expect(matcher('_pk_id.*.*').test('_pk_id.1.abc')).toBe(true);
    expect(matcher('_pk_id.*.*').test('_pk_id.1')).toBe(false);
  });

  it('matches what chained .* matched, for thousands of patterns and names', () => {
    // Seeded, so that a failure repeats; short names, where chained .* is still fast.
    let seed = 20261211;
    const random = (n: number) => ((seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) % n);
    const word = (alphabet: string, length: number) => Array.from({ length }, () => alphabet[random(alphabet.length)]).join('');
    const failures: string[] = [];
    for (let round = 0; round < 5000 && failures.length < 5; round++) {
      const pattern = word('ab*.', 1 + random(7)).replace(/\./g, () => ['{id}', '.', '$'][random(3)]!);
      const name = word('ab.$\n', random(9));
      if (matcher(pattern).test(name) != chained(pattern).test(name)) failures.push(JSON.stringify([pattern, name]));
    }
    expect(failures).toEqual([]);
  });

  /**
   * Matches `pattern` against hostile names of growing length, up to 4 KB, until `budget` ms are
   * spent: chained .* fails the budget in a fraction of a second instead of hanging for minutes.
   */
  function timeUpTo4K(pattern: string, name: (length: number) => string, lengths: number[], budget = 50) {
    const re = matcher(pattern);
    const figures: string[] = [];
    let total = 0;
    for (const length of lengths) {
      const hostile = name(length);
      const start = performance.now();
      const matched = re.test(hostile);
      const ms = performance.now() - start;
      expect(matched).toBe(false);
      total += ms;
      figures.push(`${length}: ${ms.toFixed(3)} ms`);
      if (total > budget) break;
    }
    console.log(`${pattern} against hostile names of n characters: ${figures.join(', ')}`);
    expect(figures).toHaveLength(lengths.length);
    expect(total).toBeLessThan(budget);
  }

  it("matches the issue's pattern against names of up to 4 KB in linear time (chained .*: 12 s at 4 KB)", () => {
    // The name that makes chained .* backtrack the most: about n³/6 steps.
    timeUpTo4K('{site}_{user}_{id}_session', (n) => '_'.repeat(n), [256, 512, 1024, 2048, 4096]);
  });

  it('matches ten wildcards against names of up to 4 KB in linear time (chained .*: n¹⁰ steps)', () => {
    const lengths = [8, 16, 24, 32, 40, 48, 56, 64, 128, 256, 512, 1024, 2048, 4096];
    timeUpTo4K('*_*_*_*_*_*_*_*_*_*x', (n) => '_'.repeat(n), lengths);
    timeUpTo4K('x*ab*ab*ab*ab*ab*ab*ab*ab*ab*ac', (n) => 'x' + 'ab'.repeat(n / 2), lengths);
  });
});

describe('compileCookieName: regular expressions that could freeze the page', () => {
  const refused = (name: string) => {
    const result = compileCookieName(name);
    return typeof result == 'string' ? result : 'accepted';
  };

  it.each([
    ['/(a+)+$/', /^regular expression with a nested quantifier/],
    ['/(a*)*/', /nested quantifier/],
    ['/(a|aa)+$/', /nested quantifier/],
    ['/^(?:_[a-z]+)*$/', /nested quantifier/],
    ['/^(a+){2}$/', /nested quantifier/],
    ['/^(x|y)+$/', /nested quantifier/],
    ['/^(a)\\1$/', /^regular expression with a backreference/],
    ['/^(?<x>a)\\k<x>$/', /backreference/],
    ['/^.*_.*_.*_session$/', /^regular expression with several repetitions/],
    ['/^\\w+_\\w+$/', /several repetitions/],
    ['/^a{1,9}b{2,}$/', /several repetitions/],
    ['/\\w+_session/', /several repetitions .*a start without \^ counts as one/],
    ['/a+$/', /several repetitions/],
    ['/^_ga.*|_gat.*/', /several repetitions/],
  ])('refuses %s', (name, message) => {
    const result = refused(name);
    expect(result).toMatch(message);
    expect(result).toMatch(/can take seconds to match a long cookie name, which another subdomain can set; use \* \(always fast\) or a simpler regex$/);
  });

  // Real-world names stay valid: one repetition at most, anchored when it has one.
  it.each([
    '/^_gat/',
    '/^_gid$/i',
    '/_gat/',
    '/^_ga(_.*)?$/',
    '/^_ga_.+$/',
    '/^AMCV_.*AdobeOrg$/',
    '/^_pk_(id|ses)\\./',
    '/^(_ga|_gid)$|^_gat.*/',
    '/^a{2,5}b{3}$/',
    '/^(ab){2}$/',
    '/^[(a+)+]$/',
    '/^\\(a\\)+/',
    '/^(?:a|b)?c*$/',
    '/^[\\1]+$/',
    '/^x{2}y{0,1}z*/',
  ])('accepts %s', (name) => {
    expect(refused(name)).toBe('accepted');
  });
});

describe('cookieNameMatcher', () => {
  it('compiles every name compileCookieName accepts into the same matcher', () => {
    for (const name of ['_ga', '_gat*', '_hjSession_{site_id}', 'a{}b', 'a.b+c(d)[e]^f$g|h?i\\j/k', '/^_gat/', '/^_GID$/i', '/a/b/', '/path']) {
      expect(String(cookieNameMatcher(name))).toBe(String(matcher(name)));
    }
  });

  it('throws on a regular expression that does not compile', () => {
    expect(() => cookieNameMatcher('/(/')).toThrow();
  });
});
