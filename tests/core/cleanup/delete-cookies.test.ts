import { describe, expect, it } from 'vitest';
import { deleteCookies } from '../../../src/core/cleanup/delete-cookies';
import { domainVariants } from '../../../src/core/cleanup/domain-variants';
import { parseInventory } from '../../../src/core/inventory/validate-inventory';
import { makeInventoryJson } from '../../helpers/inventory';

const inventory = parseInventory(makeInventoryJson());
const names = () =>
  document.cookie
    .split(';')
    .map((c) => c.split('=')[0]!.trim())
    .filter(Boolean)
    .sort();

describe('deleteCookies', () => {
  it('deletes cookies of services that are not granted, in all three name forms, and keeps the rest', () => {
    for (const name of ['_ga', '_ga_ABC123', '_gid', '_gat_UA-1', '_hjSession_12345', '_hjSessionUser_12345', 'PHPSESSID', 'crumbs_consent', 'unrelated', '_fbp']) {
      document.cookie = `${name}=1; path=/`;
    }
    const deleted = deleteCookies(inventory, (id) => ['necessary', 'session', 'meta-pixel'].includes(id));
    expect(names()).toEqual(['PHPSESSID', '_fbp', 'crumbs_consent', 'unrelated']);
    expect(deleted.sort()).toEqual(['_ga', '_ga_ABC123', '_gat_UA-1', '_gid', '_hjSessionUser_12345', '_hjSession_12345']);
  });

  it('keeps a cookie that a granted service declares too', () => {
    const shared = parseInventory(
      makeInventoryJson({
        services: [
          { id: 'a', name: 'A', category: 'analytics', cookies: [{ name: '_shared*' }] },
          { id: 'b', name: 'B', category: 'targeting', cookies: [{ name: '_shared_b' }] },
        ],
      }),
    );
    document.cookie = '_shared_b=1; path=/';
    deleteCookies(shared, (id) => id == 'a');
    expect(names()).toEqual(['_shared_b']);
  });

  it('ignores declarations for another domain: they neither protect nor condemn a cookie of this site', () => {
    const inventory = parseInventory(
      makeInventoryJson({
        services: [
          { id: 'ga', name: 'GA', category: 'analytics', cookies: [{ name: '__utma' }] },
          { id: 'vimeo', name: 'Vimeo', category: 'functionality', cookies: [{ name: '__utma', domain: '.vimeo.com' }] },
        ],
      }),
    );
    document.cookie = '__utma=1; path=/';
    deleteCookies(inventory, (id) => id == 'vimeo');
    expect(names()).toEqual([]);
  });

  it('removes declared storage keys of services that are not granted', () => {
    sessionStorage.setItem('_hjRecordingLastActivity', '1');
    sessionStorage.setItem('mine', '1');
    deleteCookies(inventory, () => false);
    expect(Object.keys(sessionStorage)).toEqual(['mine']);
  });
});

describe('domainVariants', () => {
  it('lists host-only, the host and every parent domain, with and without a dot', () => {
    expect(domainVariants('www.shop.example.co.uk')).toEqual([
      undefined,
      'www.shop.example.co.uk',
      '.www.shop.example.co.uk',
      'shop.example.co.uk',
      '.shop.example.co.uk',
      'example.co.uk',
      '.example.co.uk',
      'co.uk',
      '.co.uk',
    ]);
  });
  it('has no parents for localhost or IP addresses', () => {
    expect(domainVariants('localhost')).toEqual([undefined]);
    expect(domainVariants('127.0.0.1')).toEqual([undefined]);
    expect(domainVariants('::1')).toEqual([undefined]);
  });
});
