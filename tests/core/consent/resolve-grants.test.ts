import { describe, expect, it } from 'vitest';
import { DECISION_VERSION, type Decision } from '../../../src/core/consent/decision';
import { isDecisionCurrent, resolveGrants, unseenServices } from '../../../src/core/consent/resolve-grants';
import { parseInventory } from '../../../src/core/inventory/validate-inventory';
import { makeInventoryJson } from '../../helpers/inventory';

const inventory = parseInventory(makeInventoryJson());
const allServices = inventory.services.map((s) => s.id);
const now = 1_763_000_000;
const decide = (change: Partial<Decision> = {}): Decision => ({
  formatVersion: DECISION_VERSION,
  id: 'abcdefgh-1234',
  decidedAt: now,
  inventoryRevision: inventory.revision,
  actionTaken: 'save',
  grantedCategories: [],
  serviceExceptions: {},
  shownServices: allServices,
  noticeLang: 'en',
  gpcPresent: 0,
  ...change,
});
const sorted = (set: Set<string>) => Array.from(set).sort();

describe('resolveGrants', () => {
  it('grants only required categories and their services without a decision', () => {
    expect(sorted(resolveGrants(null, inventory, false))).toEqual(['necessary', 'session']);
  });

  it('grants a category with its services, except the ones turned off', () => {
    const granted = resolveGrants(decide({ grantedCategories: ['analytics'], serviceExceptions: { hotjar: 0 } }), inventory, false);
    expect(sorted(granted)).toEqual(['analytics', 'google-analytics', 'necessary', 'session']);
  });

  it('grants one service alone when the visitor allowed just that one', () => {
    const granted = resolveGrants(decide({ serviceExceptions: { vimeo: 1 } }), inventory, false);
    expect(granted.has('vimeo')).toBe(true);
    expect(granted.has('functionality')).toBe(false);
  });

  it('does not grant a service the visitor was never shown', () => {
    const granted = resolveGrants(decide({ grantedCategories: ['analytics'], shownServices: ['google-analytics'] }), inventory, false);
    expect(granted.has('google-analytics')).toBe(true);
    expect(granted.has('hotjar')).toBe(false);
  });

  it('lets a GPC signal win over an older grant of targeting, but not over one made while it was present', () => {
    const old = decide({ grantedCategories: ['analytics', 'targeting'], gpcPresent: 0 });
    expect(resolveGrants(old, inventory, true).has('targeting')).toBe(false);
    expect(resolveGrants(old, inventory, true).has('meta-pixel')).toBe(false);
    expect(resolveGrants(old, inventory, true).has('analytics')).toBe(true);
    expect(resolveGrants(decide({ grantedCategories: ['targeting'], gpcPresent: 1 }), inventory, true).has('targeting')).toBe(true);
    expect(resolveGrants(old, inventory, false).has('targeting')).toBe(true);
  });
});

describe('isDecisionCurrent', () => {
  it('accepts a fresh decision for this revision', () => {
    expect(isDecisionCurrent(decide(), inventory, now + 60)).toBe(true);
  });
  it('refuses another revision', () => {
    expect(isDecisionCurrent(decide({ inventoryRevision: inventory.revision + 1 }), inventory, now)).toBe(false);
  });
  it('refuses a decision older than the lifetime (182 days by default)', () => {
    expect(isDecisionCurrent(decide(), inventory, now + 181 * 86400)).toBe(true);
    expect(isDecisionCurrent(decide(), inventory, now + 183 * 86400)).toBe(false);
  });
  it('refuses a decision dated in the future', () => {
    expect(isDecisionCurrent(decide({ decidedAt: now + 86400 }), inventory, now)).toBe(false);
  });
});

describe('unseenServices', () => {
  it('lists optional services added after the decision, not required ones', () => {
    expect(unseenServices(decide({ shownServices: ['google-analytics', 'hotjar', 'vimeo'] }), inventory)).toEqual(['meta-pixel']);
    expect(unseenServices(decide({ shownServices: [] }), inventory)).not.toContain('session');
  });
});
