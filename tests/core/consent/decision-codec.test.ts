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

describe('consent cookie codec', () => {
  it('reads back what it wrote', () => {
    expect(decodeDecision(encodeDecision(decision))).toEqual(decision);
  });

  it('writes compact JSON', () => {
    const text = encodeDecision(decision);
    expect(JSON.parse(text)).toMatchObject({ v: 1, c: ['analytics'], k: expect.stringMatching(/^[0-9a-f]{8}$/) });
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
    const tampered = encodeDecision(decision).replace('["analytics"]', '["analytics","targeting"]');
    expect(decodeDecision(tampered)).toBeNull();
  });

  it('rejects an unknown format version even with a valid checksum', () => {
    expect(decodeDecision(encodeDecision({ ...decision, v: 2 }))).toBeNull();
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
    ['gpc flag', { g: true }],
  ])('rejects a value with a malformed %s even with a valid checksum', (_label, change) => {
    expect(decodeDecision(encodeDecision({ ...decision, ...change } as unknown as Decision))).toBeNull();
  });

  it('refuses a __proto__ key even with a valid checksum, and pollutes nothing', () => {
    const body = JSON.stringify(decision).replace('"x":{', '"x":{"__proto__":{"polluted":1},');
    const text = body.slice(0, -1) + ',"k":"' + hashString(body) + '"}';
    expect(decodeDecision(text)).toBeNull();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
