import type { ConsentAction, ConsentChoice } from '../types';
import { encodeConsentTypes, grantedConsentTypes } from '../integrations/google-consent-mode';
import { createDecisionStore } from './consent/create-decision-store';
import { DECISION_VERSION, type Decision } from './consent/decision';
import { inventoryFingerprint } from './consent/fingerprint';
import { resolveGrants } from './consent/resolve-grants';
import { adoptOtherTabs } from './engine/adopt-other-tab';
import { checkInventory } from './engine/check-inventory';
import { createRecorder } from './engine/create-recorder';
import { resetDecision } from './engine/reset-decision';
import { viewAfterDecision } from './engine/view-after-decision';
import { createNoticeCache } from './notice/create-notice-cache';
import { randomId } from './random-id';
import type { Decisions, Runtime } from './runtime';
import { VERSION } from './version';

/**
 * The part of the engine that a page view with a valid stored decision never needs, so `crumbs.js`
 * loads it (as `crumbs-decide.js`) only on demand. Its own job is the next decision: built from a
 * button, the API or a placeholder, written to the consent cookie (through js-cookie), and applied
 * through the runtime's one pipeline (`applyChange`) and view. It also carries what only a decision
 * or a new inventory needs, each in a module of its own: the check of a validated inventory
 * (`checkInventory`; the validator itself is a file of its own, which a stamped inventory never
 * needs), the notice hashes (`createNoticeCache`), consent records (`createRecorder`) and `reset()`
 * (`resetDecision`), and a decision made in another tab (`adoptOtherTabs`). It works on the state of
 * the instance that loaded it.
 */
export function createDecisions(runtime: Runtime): Decisions {
  const { state } = runtime;
  const notices = createNoticeCache(state);
  const recorder = createRecorder(runtime, notices);
  adoptOtherTabs(runtime, notices);
  const isGranted = (id: string) => state.granted.has(id);
  const inventory = () => state.inventory!;
  const optionalCategories = () => inventory().categories.filter((c) => !c.required).map((c) => c.id);

  /** The current effective state as a choice: granted categories, and services that differ from theirs. */
  const currentChoice = (): Required<ConsentChoice> => ({
    categories: optionalCategories().filter(isGranted),
    services: Object.fromEntries(
      inventory()
        .services.filter((s) => isGranted(s.id) != isGranted(s.category))
        .map((s) => [s.id, isGranted(s.id)]),
    ),
  });

  const decide = (
    action: ConsentAction,
    categories: readonly string[],
    exceptions: ConsentChoice['services'] = {},
    // The banner, dialog and API show (or stand for) every service; other callers say which.
    shown: readonly string[] = inventory().services.map((s) => s.id),
  ) => {
    if (!state.inventory || state.destroyed || state.reloading) return;
    const current = inventory();
    const serviceIds = current.services.map((s) => s.id);
    const draft: Decision = {
      formatVersion: DECISION_VERSION,
      id: state.decision?.id ?? randomId(),
      decidedAt: Math.floor(Date.now() / 1000),
      inventoryRevision: current.revision,
      actionTaken: action,
      grantedCategories: optionalCategories().filter((id) => categories.includes(id)),
      serviceExceptions: Object.fromEntries(
        Object.entries(exceptions ?? {})
          .filter(([id]) => serviceIds.includes(id))
          .map(([id, on]) => [id, on ? 1 : 0]),
      ),
      shownServices: serviceIds.filter((id) => shown.includes(id)),
      noticeLang: state.lang,
      gpcPresent: state.gpc ? 1 : 0,
      ...((action != 'embed' || state.decision?.answered) && { answered: 1 }),
      inventoryFingerprint: inventoryFingerprint(current.hash, VERSION),
      noticeFingerprint: notices.fingerprint(),
    };
    const nextGranted = resolveGrants(draft, current, state.gpc);
    // Taking back an earlier grant is a withdrawal, whichever button did it (EDPB: as easy as giving).
    const revoking = state.decision != null && [...state.granted].some((id) => !nextGranted.has(id));
    const next: Decision = {
      ...draft,
      actionTaken: revoking ? 'revoke' : action,
      ...(current.googleConsentMode?.enabled && { consentModeTypes: encodeConsentTypes(grantedConsentTypes(current, nextGranted)) }),
    };
    // A cookie the browser refuses (cookies off, or too large) is reported (an `error` event); the
    // visitor's answer still holds on this page, where they gave it, and the banner will ask again
    // on the next one. So the check that it was kept comes after the effects (see `write`).
    const report = (error: unknown) => runtime.fail(String(error));
    let kept = () => {};
    try {
      kept = createDecisionStore(current).write(next);
    } catch (error) {
      report(error);
    }
    try {
      const previous = runtime.commit(next, nextGranted);
      // Before the effects: a revoke's record must leave before the reload that may follow.
      recorder.record(runtime.toConsent(next)!);
      runtime.applyChange(previous);
      viewAfterDecision(runtime);
    } finally {
      // Even after an effect that threw (a page's dataLayer that takes no push): a refused cookie
      // is still reported, and a domain that does not match still gets its cookie on this host.
      try {
        kept();
      } catch (error) {
        report(error);
      }
    }
  };

  // Loaded for the banner of a trusted inventory (no check to come): the visitor will decide on it.
  if (state.inventory && !state.decision) notices.warmUp();

  return {
    check: (json, stored, result) => checkInventory(runtime, notices, json, stored, result),
    confirm() {
      const { categories, services } = currentChoice();
      decide(state.decision!.actionTaken, categories, services, state.decision!.shownServices);
    },
    acceptAll: () =>
      decide(
        'accept-all',
        // A honoured GPC signal keeps sale/sharing categories out of "accept all"; only an explicit switch grants them.
        inventory()
          .categories.filter((c) => !(state.gpc && c.saleOrSharing))
          .map((c) => c.id),
      ),
    rejectAll: () => decide('reject-all', []),
    save: (choice) => decide('save', choice?.categories ?? [], choice?.services),
    reset: () => resetDecision(runtime, recorder),
    recordLoadOnce: recorder.loadOnce,
    notice: notices.notice,
    allowService(id) {
      // From the state in force, not the stored one: a grant the GPC signal overrides stays off.
      const { categories, services } = currentChoice();
      // One service was shown here, not the banner's list: the others stay unseen (and asked about).
      decide('embed', categories, { ...services, [id]: true }, [...(state.decision?.shownServices ?? []), id]);
    },
  };
}
