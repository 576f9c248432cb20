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
