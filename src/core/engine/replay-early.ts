import type { Decision } from '../consent/decision';
import { isDecisionCurrent } from '../consent/resolve-grants';
import { MAX_AGE_DAYS, REVISION } from '../inventory/early-defaults';
import { replayStoredConsent, type ConsentMode } from '../../integrations/google-consent-mode';

/** The few fields of a not yet validated inventory the engine may look at before validation. */
export interface RawInventory {
  readonly stamp?: unknown;
  readonly revision?: number;
  readonly consent?: { readonly cookieName?: string; readonly domain?: unknown; readonly maxAgeDays?: number };
  readonly categories?: unknown;
  readonly services?: unknown;
  readonly texts?: unknown;
  readonly googleConsentMode?: { readonly enabled?: unknown } & Record<string, unknown>;
}

/** Whether the inventory turns Consent Mode on (a `googleConsentMode` object not set to `enabled: false`). */
export const consentModeWanted = (json: RawInventory | null): json is RawInventory & { readonly googleConsentMode: Record<string, unknown> } =>
  !!json?.googleConsentMode && json.googleConsentMode.enabled !== false;

/**
 * Google tags may run before the inventory is validated (or before the engine is there at all):
 * the Consent Mode defaults, and a stored decision that still holds for this inventory's revision
 * and lifetime (the same rule as for a validated inventory), go out now. The instance corrects them
 * once the inventory is validated. An inventory without Consent Mode gets nothing, even when the
 * cookie recorded a Consent Mode state: the instance would take it back, and a tag in between
 * would have seen it granted.
 */
export function replayEarly(consentMode: ConsentMode, json: RawInventory | null, stored: Decision | null, gpc: boolean): void {
  if (!consentModeWanted(json)) return;
  const lifetime = {
    revision: json.revision ?? REVISION,
    consent: { maxAgeDays: json.consent?.maxAgeDays ?? MAX_AGE_DAYS },
  };
  const g = json.googleConsentMode;
  const wait = g.waitForUpdate as number;
  replayStoredConsent(consentMode, stored && isDecisionCurrent(stored, lifetime, Date.now() / 1000) ? stored : null, true, gpc, {
    waitForUpdate: Number.isSafeInteger(wait) && wait >= 0 ? wait : undefined,
    adsDataRedaction: typeof g.adsDataRedaction == 'boolean' ? g.adsDataRedaction : undefined,
    urlPassthrough: g.urlPassthrough === true,
  });
}
