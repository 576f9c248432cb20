import Cookies from 'js-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { readCookie } from '../../../src/core/consent/read-cookie';

const written: string[] = [];
afterEach(() => {
  for (const name of written.splice(0)) Cookies.remove(name);
});
const write = (name: string, value: string) => {
  written.push(name);
  Cookies.set(name, value);
};

describe('readCookie', () => {
  it('reads back what js-cookie wrote, name and value, as js-cookie reads it', () => {
    const value = JSON.stringify({ id: 'a b', c: ['analytics'], l: 'fr', x: { 'ä%': 1 } });
    write('my%consent', value);
    write('crumbs_consent', value);
    expect(readCookie('my%consent')).toBe(value);
    expect(readCookie('crumbs_consent')).toBe(Cookies.get('crumbs_consent'));
  });

  it('finds nothing for a missing cookie, nor in a pair without a name', () => {
    document.cookie = 'crumbs_consentX';
    written.push('crumbs_consentX');
    expect(readCookie('crumbs_consent')).toBeUndefined();
    document.cookie = 'crumbs_consentX=; max-age=0';
  });

  it('leaves a garbled percent sequence as written instead of throwing', () => {
    document.cookie = 'crumbs_consent=%E0%A4%A';
    written.push('crumbs_consent');
    expect(readCookie('crumbs_consent')).toBe('%E0%A4%A');
  });
});
