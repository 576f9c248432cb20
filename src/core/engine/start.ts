import type { Consent, Inventory, InventoryInput, InventoryValidation } from '../../types';
import { consentCookieName } from '../consent/consent-cookie-name';
import { decodeDecision } from '../consent/decision-codec';
import { inventoryFingerprint } from '../consent/fingerprint';
import { readConsentCookie } from '../consent/read-consent-cookie';
import { inventoryHash } from '../hash';
import { normalizeInventory } from '../inventory/normalize-inventory';
import { parseData } from '../parse-data';
import type { DecisionsSource, Runtime } from '../runtime';
import { replayEarly, type RawInventory } from './replay-early';
import { VERSION } from '../version';

/**
 * An inventory already copied, hashed and normalised, with its stamp checked: the early banner's
 * (`crumbs-banner.js`), which the engine then need not read again.
 */
export interface TrustedInventory {
  readonly json: RawInventory;
  readonly hash: string;
  readonly inventory: Inventory;
}

/**
 * Start-up with the inventory as given: reads the consent cookie (unless the script tag hands over
 * the value it read, `cookie`: only one that agreed with every other of its name), then begins at once when the
 * inventory is trusted (the one this browser validated when the visitor decided, or one with a
 * current stamp), else replays a stored decision that still holds to Google tags, loads the
 * validator and the decision code side by side, and begins once they are there.
 * @returns the decision in force, or a promise of it; null when start-up failed (reported)
 */
export function start(
  runtime: Runtime,
  source: DecisionsSource,
  given: unknown,
  known?: TrustedInventory,
  cookie?: string | null,
): Consent | null | Promise<Consent | null> {
  const { state } = runtime;
  // A copy: the inventory is frozen once normalised, and the caller's object must stay theirs.
  const json = known?.json ?? (parseData(JSON.stringify(given ?? null)) as RawInventory | null);
  const cookieName = consentCookieName(json?.consent);
  const stored = decodeDecision(
    cookie ?? readConsentCookie(cookieName, (count) => runtime.fail(count + ' cookies named ' + cookieName + ' disagree: none counts, all were deleted.')),
    Array.isArray(json?.services) ? json.services.map((s: { id?: unknown } | null) => s?.id) : [],
  );
  if ('create' in source) {
    return runtime.withDecisions((d) => d.check(json, stored, source.validate(json))) as Consent | null;
  }
  // The inventory this browser validated when the visitor decided, or one stamped by
  // `crumbs-consent validate --stamp` for this version: no validator needed.
  const stamp = json?.stamp;
  const hash = known?.hash ?? (stored?.inventoryFingerprint || typeof stamp == 'string' ? inventoryHash(json) : undefined);
  const trusted = hash && inventoryFingerprint(hash, VERSION);
  let validated: InventoryValidation | undefined;
  if (trusted && (trusted === stored?.inventoryFingerprint || trusted === stamp)) {
    try {
      // The shape the validator checked, vouched for by the stamp or the stored fingerprint.
      const inventory = known?.inventory ?? normalizeInventory(json as InventoryInput, hash);
      if (!stored || trusted === stored.inventoryFingerprint) return runtime.begin(inventory, stored, true);
      // Stamped, but not the inventory of the stored decision: whether its notice changed is for
      // the decision code to tell; the validator is not needed.
      validated = { inventory, errors: [], warnings: [] };
    } catch {
      // validated in full below
    }
  }
  replayEarly(state.consentMode, json, stored, state.gpcSignal);
  // Both files at once; the decision code may already be on its way. One failure, one report: a
  // failed load of the decision code has been reported already.
  const validator = validated ? Promise.resolve(() => validated) : source.validator().catch(String);
  return Promise.all([validator, runtime.withDecisions((d) => d)]).then(([validate, d]) => {
    if (!d || state.destroyed) return null;
    if (typeof validate == 'function') return d.check(json, stored, validate(json));
    runtime.fail('The inventory validator could not be loaded (' + validate + '); nothing optional was activated.');
    return null;
  });
}
