import { describe, expect, it } from 'vitest';
import { DECISION_VERSION, type Decision } from '../../../src/core/consent/decision';
import { decodeDecision, encodeDecision } from '../../../src/core/consent/decision-codec';
import { hashString } from '../../../src/core/hash';

const decision: Decision = {
  v: DECISION_VERSION,
  id: '0b7f6a1e-2c3d-4e5f-8a9b-0c1d2e3f4a5b',
  t: 1_763_000_000,
  r: 3,
  a: 'save',
  c: ['analytics'],
  x: { hotjar: 0 },
  s: ['google-analytics', 'hotjar'],
  l: 'de',
  g: 0,
};
/** The inventory's services, in its order. */
const IDS = ['session', 'google-analytics', 'hotjar', 'vimeo'];

describe('consent cookie codec', () => {
  it('reads back what it wrote', () => {
    expect(decodeDecision(encodeDecision(decision, IDS), IDS)).toEqual(decision);
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
    expect(decodeDecision(encodeDecision({ ...decision, v: 3 }, IDS), IDS)).toBeNull();
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
    // Written by hand, as a hostile cookie would be: the encoder only writes well-formed values.
    // Version 1 (lists of ids), well-formed but for the change: the change is what is refused.
    const body = JSON.stringify({ ...decision, v: 1, ...change });
    expect(decodeDecision(body.slice(0, -1) + ',"k":"' + hashString(body) + '"}', IDS)).toBeNull();
  });

  it('refuses a __proto__ key even with a valid checksum, and pollutes nothing', () => {
    const body = JSON.stringify({ ...decision, v: 1 }).replace('"x":{', '"x":{"__proto__":{"polluted":1},');
    const text = body.slice(0, -1) + ',"k":"' + hashString(body) + '"}';
    expect(decodeDecision(text)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('stores shown services and exceptions as one letter per service: 1,000 services fit in a cookie', () => {
    const ids = Array.from({ length: 1000 }, (_, i) => 'service-' + String(i).padStart(3, '0'));
    const big: Decision = { ...decision, s: ids, x: { 'service-007': 0, 'service-999': 1 } };
    const text = encodeDecision(big, ids);
    // What js-cookie writes (the browser's limit counts the name too): well under 4,096 bytes.
    const written = encodeURIComponent(text).replace(/%(2[346BF]|3[AC-F]|40|5[BDE]|60|7[BCD])/g, decodeURIComponent);
    expect(written.length).toBeLessThan(1300);
    expect(decodeDecision(text, ids)).toEqual(big);
  });

  it('shows no service, so grants none, when a service was added or removed since; a move does not count', () => {
    const text = encodeDecision(decision, IDS);
    for (const changed of [[...IDS, 'meta-pixel'], IDS.slice(1)]) {
      expect(decodeDecision(text, changed)).toMatchObject({ s: [], x: {}, c: ['analytics'] });
    }
    expect(decodeDecision(text, [...IDS].reverse())).toEqual(decision);
    // Without the list (a remote inventory not yet arrived) the rest still serves Consent Mode.
    expect(decodeDecision(text)).toMatchObject({ s: [], c: ['analytics'] });
  });

  it('still reads a version 1 decision, written with lists of ids', () => {
    const legacy = { ...decision, v: 1 };
    const body = JSON.stringify(legacy);
    expect(decodeDecision(body.slice(0, -1) + ',"k":"' + hashString(body) + '"}', IDS)).toEqual(legacy);
  });
});
