import { describe, expect, it } from 'vitest';
import { DECISION_VERSION, type Decision } from '../../../src/core/consent/decision';
import { decodeDecision, encodeDecision } from '../../../src/core/consent/decision-codec';
import { hashString } from '../../../src/core/hash';

const decision: Decision = {
  formatVersion: DECISION_VERSION,
  id: '0b7f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  decidedAt: 1_763_000_000,
  inventoryRevision: 3,
  actionTaken: 'save',
  grantedCategories: ['analytics'],
  serviceExceptions: { hotjar: 0 },
  shownServices: ['google-analytics', 'hotjar'],
  noticeLang: 'de',
  gpcPresent: 0,
};
/** `decision` as a version 1 cookie held it (lists of ids): the tests write such cookies by hand. */
const version1 = {
  v: 1,
  id: decision.id,
  t: decision.decidedAt,
  r: 3,
  a: 'save',
  c: ['analytics'],
  x: { hotjar: 0 },
  s: ['google-analytics', 'hotjar'],
  l: 'de',
  g: 0,
};
/** A cookie value with the checksum the encoder would have added. */
const withChecksum = (body: string) => body.slice(0, -1) + ',"k":"' + hashString(body) + '"}';
/** The inventory's services, in its order. */
const IDS = ['session', 'google-analytics', 'hotjar', 'vimeo'];

describe('consent cookie codec', () => {
  it('reads back what it wrote', () => {
    expect(decodeDecision(encodeDecision(decision, IDS), IDS)).toEqual(decision);
  });

  it('writes the format earlier versions wrote, key for key', () => {
    const full: Decision = { ...decision, answered: 1, inventoryFingerprint: '0a1b2c3d', noticeFingerprint: '4e5f6a7b', consentModeTypes: '3' };
    // As the version before readable field names wrote it: cookies already stored keep counting.
    const text =
      '{"v":2,"id":"0b7f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b","t":1763000000,"r":3,"a":"save","c":["analytics"],"s":"22a7f4c9:-0..","l":"de","g":0,"p":1,"h":"0a1b2c3d","n":"4e5f6a7b","m":"3","k":"36053780"}';
    expect(encodeDecision(full, IDS)).toBe(text);
    expect(decodeDecision(text, IDS)).toEqual(full);
  });

  it('writes compact JSON', () => {
    const text = encodeDecision(decision, IDS);
    expect(JSON.parse(text)).toMatchObject({ v: DECISION_VERSION, c: ['analytics'], k: expect.stringMatching(/^[0-9a-f]{8}$/) });
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', '%%%not json'],
    ['a JSON string', '"hello"'],
    ['null', 'null'],
    ['an array', '[1,2]'],
    ['too long', 'x'.repeat(5000)],
  ])('treats a %s value as no decision', (_label, text) => {
    expect(decodeDecision(text)).toBeNull();
  });

  it('rejects a hand-edited value (granting a category without a matching checksum)', () => {
    const tampered = encodeDecision(decision, IDS).replace('["analytics"]', '["analytics","targeting"]');
    expect(decodeDecision(tampered, IDS)).toBeNull();
  });

  it('rejects an unknown format version even with a valid checksum', () => {
    expect(decodeDecision(encodeDecision({ ...decision, formatVersion: 3 }, IDS), IDS)).toBeNull();
  });

  it.each([
    ['id', { id: '<script>' }],
    ['time', { t: 'yesterday' }],
    ['revision', { r: 1.5 }],
    ['action', { a: 'accept-everything' }],
    ['categories', { c: 'analytics' }],
    ['category id', { c: ['a b'] }],
    ['exceptions', { x: { hotjar: 2 } }],
    ['shown', { s: [42] }],
    ['compact shown', { v: 2, s: '12345678:-x', x: undefined }],
    ['gpc flag', { g: true }],
  ])('rejects a value with a malformed %s even with a valid checksum', (_label, change) => {
    // The encoder only writes well-formed values. Version 1, well-formed but for the change: the
    // change is what is refused.
    expect(decodeDecision(withChecksum(JSON.stringify({ ...version1, ...change })), IDS)).toBeNull();
  });

  it('refuses a __proto__ key even with a valid checksum, and pollutes nothing', () => {
    const text = withChecksum(JSON.stringify(version1).replace('"x":{', '"x":{"__proto__":{"polluted":1},'));
    expect(decodeDecision(text)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores shown services and exceptions as one letter per service: 1,000 services fit in a cookie', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 'service-' + String(i).padStart(3, '0'));
    const big: Decision = { ...decision, shownServices: ids, serviceExceptions: { 'service-007': 0, 'service-999': 1 } };
    const text = encodeDecision(big, ids);
    // What js-cookie writes (the browser's limit counts the name too): well under 4,096 bytes.
    const written = encodeURIComponent(text).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
    expect(written.length).toBeLessThan(1300);
    expect(decodeDecision(text, ids)).toEqual(big);
  });

  it('shows no service, so grants none, when a service was added or removed since; a move does not count', () => {
    const text = encodeDecision(decision, IDS);
    for (const changed of [[...IDS, 'meta-pixel'], IDS.slice(1)]) {
      expect(decodeDecision(text, changed)).toMatchObject({ shownServices: [], serviceExceptions: {}, grantedCategories: ['analytics'] });
    }
    expect(decodeDecision(text, [...IDS].reverse())).toEqual(decision);
    // Without the list (a remote inventory not yet arrived) the rest still serves Consent Mode.
    expect(decodeDecision(text)).toMatchObject({ shownServices: [], grantedCategories: ['analytics'] });
  });

  it('still reads a version 1 decision, written with lists of ids', () => {
    expect(decodeDecision(withChecksum(JSON.stringify(version1)), IDS)).toEqual({ ...decision, formatVersion: 1 });
  });
});
