// The decision code (crumbs-decide.js): what a decision builds and stores. Driven through
// createCrumbs, whose npm build has the decision code at hand.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Crumbs } from '../../src/types';
import { firstVisit as makeFirstVisit } from '../helpers/first-visit';
import { readStoredDecision } from '../helpers/stored-decision';

const instances: Crumbs[] = [];
beforeEach(() => {
  Object.defineProperty(navigator, 'sendBeacon', { value: () => true, configurable: true });
});
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  document.cookie = 'crumbs_consent=; max-age=0; path=/';
  document.body.replaceChildren();
});

const firstVisit = () => {
  const visit = makeFirstVisit();
  instances.push(visit.crumbs);
  return visit;
};

describe('createDecisions', () => {
  it('calls a decision that takes a grant back a revoke, whichever button made it, and drops exceptions for unknown services', async () => {
    const { crumbs, records } = firstVisit();
    await crumbs.ready;
    await crumbs.acceptAll();
    await crumbs.save({ categories: ['functionality'], services: { 'no-such-service': true } });
    expect(records.map((r) => r.action)).toEqual(['accept-all', 'revoke']);
    expect(readStoredDecision()).toMatchObject({ actionTaken: 'revoke', grantedCategories: ['functionality'], serviceExceptions: {} });
    expect(crumbs.isGranted('analytics')).toBe(false);
  });
});
