// The decision code (crumbs-decide.js): what a decision builds and stores. Driven through
// createCrumbs, whose npm build has the decision code at hand.
import { describe, expect, it } from 'vitest';
import { inventoryFingerprint } from '../../src/core/consent/fingerprint';
import { noticeFingerprint } from '../../src/core/notice/notice-snapshot';
import { VERSION } from '../../src/core/version';
import { decodeConsentTypes } from '../../src/integrations/google-consent-mode';
import { useFirstVisits } from '../helpers/first-visit';
import { makeInventoryJson } from '../helpers/inventory';
import { readStoredDecision } from '../helpers/stored-decision';

const firstVisit = useFirstVisits();

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

  it('writes what the next page view needs to trust it: both fingerprints, the language, every service as shown, and the Consent Mode state in force', async () => {
    const { crumbs, ui } = firstVisit({ inventory: makeInventoryJson({ googleConsentMode: { enabled: true } }), lang: 'de' });
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics'], services: { hotjar: false } });
    const inventory = (await ui()).inventory;
    expect(readStoredDecision()).toMatchObject({
      actionTaken: 'save',
      answered: 1,
      grantedCategories: ['analytics'],
      serviceExceptions: { hotjar: 0 },
      noticeLang: 'de',
      inventoryFingerprint: inventoryFingerprint(inventory.hash, VERSION),
      noticeFingerprint: noticeFingerprint(inventory),
    });
    expect([...readStoredDecision()!.shownServices].sort()).toEqual(inventory.services.map((s) => s.id).sort());
    expect(decodeConsentTypes(readStoredDecision()!.consentModeTypes!)).toEqual(['analytics_storage']);
  });
});
