import { describe, expect, it } from 'vitest';
import { hashString } from '../../src/core/hash';

/** FNV-1a (32-bit) one code unit a turn, as every stored checksum and stamp was computed. */
function reference(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return (hash >>> 0).toString(16).padStart(8, '0');
}

describe('hashString', () => {
  it('gives the published FNV-1a (32-bit) values', () => {
    expect(hashString('')).toBe('811c9dc5');
    expect(hashString('a')).toBe('e40c292c');
    expect(hashString('foobar')).toBe('bf9cf968');
  });

  it('agrees with the one-unit-a-turn loop at every length around its four-unit step, and on UTF-16 surrogates', () => {
    const source = 'abcdefghij😀klmnopqrstuvwxyz{"k":"v"}é';
    for (let length = 0; length <= source.length; length++) {
      const text = source.slice(0, length);
      expect(hashString(text), JSON.stringify(text)).toBe(reference(text));
    }
  });
});
