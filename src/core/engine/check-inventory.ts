import type { Consent, InventoryValidation } from '../../types';
import { createDecisionStore } from '../consent/create-decision-store';
import { DECISION_VERSION, type Decision } from '../consent/decision';
import { inventoryFingerprint } from '../consent/fingerprint';
import { formatProblem } from '../inventory/format-problem';
import type { NoticeCache } from '../notice/create-notice-cache';
import type { Runtime } from '../runtime';
import { VERSION } from '../version';

/**
 * Begins with an inventory the validator has just checked, or fails closed when it found errors.
 * A stored decision given on another notice no longer counts; one that does is stamped with this
 * inventory's fingerprint, so that the visitor's next page views skip validation. Without a
 * decision in force the banner is up, and the notice hashes are warmed up meanwhile.
 * @param json - the inventory as given (for the Consent Mode defaults of an invalid one)
 * @param stored - the decision read from the consent cookie
 * @param result - the validation of `json`
 */
export function checkInventory(
  runtime: Runtime,
  notices: NoticeCache,
  json: unknown,
  stored: Decision | null,
  result: InventoryValidation,
): Consent | null | Promise<Consent | null> {
  const { state } = runtime;
  if (!result.inventory) {
    // Google tags on the page still get the all-denied defaults the site asked for.
    const g = (json as { googleConsentMode?: { enabled?: unknown } } | null)?.googleConsentMode;
    if (g && g.enabled !== false) state.consentMode.defaults();
    runtime.fail('Invalid inventory, nothing optional was activated: ' + result.errors.map(formatProblem).join('; ') + '.', result.errors);
    return null;
  }
  const inventory = result.inventory;
  for (const warning of result.warnings) console.warn('[crumbs] inventory: ' + formatProblem(warning));
  // Given on another notice (a purpose, a service, a cookie or a text changed since): it no longer
  // counts, whether or not the revision was raised, and the banner asks again.
  if (stored && !notices.sameNotice(stored, inventory)) stored = null;
  const consent = runtime.begin(inventory, stored);
  // The banner is up: the visitor will decide on this notice.
  if (!state.decision) notices.warmUp();
  // Validated now: record that, so the next page views of this visitor skip validation. The
  // decision keeps its time and so its remaining lifetime. Written in this version's format: a
  // version 1 decision (which had no fingerprint) would not be read back under its old number.
  const decision = state.decision;
  const fingerprint = inventoryFingerprint(inventory.hash, VERSION);
  if (decision && decision.inventoryFingerprint != fingerprint && !state.destroyed) {
    const stamped = { ...decision, formatVersion: DECISION_VERSION, inventoryFingerprint: fingerprint };
    runtime.commit(stamped, state.granted);
    try {
      createDecisionStore(inventory).write(stamped, decision.decidedAt + inventory.consent.maxAgeDays * 86400)();
    } catch {
      // Only an optimisation: the next page view validates again.
    }
  }
  return consent;
}
