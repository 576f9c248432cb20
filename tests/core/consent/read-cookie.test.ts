import Cookies from 'js-cookie';
import { afterEach, describe, expect, it } from 'vitest';
import { agreedValue, readCookies, readCookiesLater } from '../../../src/core/consent/read-cookie';

const readCookie = (name: string) => readCookies(name)[0];

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

  it('never decodes names: a percent-encoded name is another cookie (the browser does not decode them either)', () => {
    document.cookie = '%5F_Host-crumbs_consent=forged';
    written.push('%5F_Host-crumbs_consent', '__Host-crumbs_consent');
    expect(readCookies('__Host-crumbs_consent')).toEqual([]);
    document.cookie = '%5F_Host-crumbs_consent=; max-age=0';
  });

  it('returns every cookie of the name, as several paths or domains give them', () => {
    document.cookie = 'crumbs_consent=a; path=/';
    document.cookie = 'crumbs_consent=b; path=' + location.pathname;
    written.push('crumbs_consent');
    expect(readCookies('crumbs_consent').sort()).toEqual(location.pathname == '/' ? ['b'] : ['a', 'b']);
    document.cookie = 'crumbs_consent=; max-age=0; path=' + location.pathname;
  });
});

describe('agreedValue', () => {
  it('gives the one value cookies of a name agree on, and null (no decision) for none or when they disagree', () => {
    expect(agreedValue([])).toBeNull();
    expect(agreedValue(['a'])).toBe('a');
    expect(agreedValue(['a', 'a'])).toBe('a');
    expect(agreedValue(['', ''])).toBe('');
    expect(agreedValue(['a', 'b'])).toBeNull();
    expect(agreedValue(['a', 'a', 'b'])).toBeNull();
  });
});

describe('readCookiesLater', () => {
  afterEach(() => {
    delete (window as { cookieStore?: unknown }).cookieStore;
  });

  it('is undefined without the Cookie Store API (jsdom, Firefox, an insecure context), also where the page names an element cookieStore: the caller reads document.cookie', () => {
    expect(readCookiesLater('crumbs_consent')).toBeUndefined();
    // Named access: <div id="cookieStore"> in a browser without the API.
    (window as { cookieStore?: unknown }).cookieStore = document.createElement('div');
    expect(readCookiesLater('crumbs_consent')).toBeUndefined();
  });

  it('rejects for a page\'s own cookieStore whose getAll is no function or throws, never throws: the caller reads document.cookie', async () => {
    (window as { cookieStore?: unknown }).cookieStore = { getAll: 1 };
    await expect(readCookiesLater('crumbs_consent')).rejects.toThrow(TypeError);
    (window as { cookieStore?: unknown }).cookieStore = {
      getAll() {
        throw new TypeError('a page stub');
      },
    };
    await expect(readCookiesLater('crumbs_consent')).rejects.toThrow('a page stub');
  });

  it('asks the Cookie Store for the name as js-cookie writes it, and decodes the values as readCookies does', async () => {
    const asked: string[] = [];
    (window as { cookieStore?: unknown }).cookieStore = {
      getAll: async (name: string) => {
        asked.push(name);
        return [{ name, value: '%7B%22v%22%3A2%7D' }, { name, value: 'plain' }, { name }];
      },
    };
    expect(await readCookiesLater('odd%name')).toEqual(['{"v":2}', 'plain', '']);
    expect(asked).toEqual(['odd%25name']);
  });
});
