import type { Consent, ConsentAction, ConsentChoice, ConsentRecord, NoticeLayer, RecordAction } from '../types';
import { encodeConsentTypes, grantedConsentTypes } from '../integrations/google-consent-mode';
import { createDecisionStore } from './consent/create-decision-store';
import { DECISION_VERSION, type Decision } from './consent/decision';
import { inventoryFingerprint } from './consent/fingerprint';
import { resolveGrants } from './consent/resolve-grants';
import { formatProblem } from './inventory/format-problem';
import { fingerprintOf, hashOf, noticeFingerprint, noticeSnapshot, noticeText, snapshotNotice } from './notice/notice-snapshot';
import { randomId } from './random-id';
import type { Decisions, Runtime } from './runtime';
import { sendRecord } from './send-record';
import { VERSION } from './version';

/**
 * The part of the engine that a page view with a valid stored decision never needs, so `crumbs.js`
 * loads it (as `crumbs-decide.js`) only on demand: applying the validation of an inventory new to
 * this browser (the validator itself is a file of its own, which a stamped inventory never needs),
 * building the next decision and writing it to the consent cookie (through js-cookie), consent
 * records and reset. Their effects go through the state's one pipeline (`applyChange`). It works on
 * the state of the instance that loaded it.
 */
export function createDecisions(state: Runtime): Decisions {
  const { emitter, consentMode } = state;
  const isGranted = (id: string) => state.granted.has(id);
  const inventory = () => state.inventory!;
  const store = () => createDecisionStore(inventory());
  const fingerprint = () => inventoryFingerprint(inventory().hash, VERSION);
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

  // Hashing a notice takes milliseconds on a slow phone (SHA-256 in script, cold): each is computed
  // once per inventory and language, and ahead of the click while the banner waits (`warmUp`), so
  // that a decision's path to the first tag it grants holds no hashing.
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T, current = inventory()): T => {
    const full = current.hash + ' ' + key;
    if (!memo.has(full)) memo.set(full, compute());
    return memo.get(full) as T;
  };
  const noticeKey = (lang: string, layer: NoticeLayer) => lang + ' ' + layer;
  const FINGERPRINT = 'n';
  const notice = (layer: NoticeLayer) => once(noticeKey(state.lang, layer), () => snapshotNotice(inventory(), state.lang, layer));
  // Also for an inventory not begun yet (the check of a stored decision): the warm-up then reuses it.
  const fingerprintOfNotice = (current = inventory()) => once(FINGERPRINT, () => noticeFingerprint(current), current);
  const warmUp = () => {
    const idle = (window as Window & { requestIdleCallback?: (task: () => void) => void }).requestIdleCallback ?? setTimeout;
    const current = inventory();
    const { lang } = state;
    // By the browser's own SHA-256 where it has one (secure contexts): in script, one hash still made
    // a long task of its idle period at 4x CPU (45-65 ms, traced). Else in script, one hash per idle
    // period. Each step: its memo key, the text hashed, what the hash makes, and the same in script.
    const snapshot = (layer: NoticeLayer) => () => {
      const text = noticeSnapshot(current, lang, layer, VERSION);
      return [noticeKey(lang, layer), text, (hex: string) => ({ noticeHash: hashOf(hex), snapshot: text }), () => notice(layer)] as const;
    };
    const steps = [() => [FINGERPRINT, noticeText(current), fingerprintOf, () => fingerprintOfNotice(current)] as const, snapshot('banner'), snapshot('dialog')];
    const subtle = globalThis.crypto?.subtle;
    const next = (): unknown =>
      steps[0] &&
      idle(() => {
        if (state.inventory != current || state.destroyed) return;
        const [key, text, make, inScript] = steps.shift()!();
        const native = subtle
          ?.digest('SHA-256', new TextEncoder().encode(text))
          .then((buffer) => once(key, () => make([...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('')), current));
        if (!native) return void (inScript(), next());
        // The script's hash where the browser's failed, unless the inventory has gone meanwhile.
        void native.catch(() => void (state.inventory == current && inScript())).then(next);
      });
    next();
  };

  /**
   * Builds the proof-of-consent record of what just happened, tells `consent` subscribers and sends
   * it to the site's log. The layer the UI announced is used once.
   */
  const record = (consent: Consent, action: RecordAction = consent.action) => {
    const layer = state.layer ?? 'api';
    state.layer = undefined;
    const current = inventory();
    const entry: ConsentRecord = {
      recordId: randomId(),
      ...consent,
      action,
      layer,
      inventoryHash: current.hash,
      noticeHash: notice(layer).noticeHash,
      version: VERSION,
    };
    emitter.emit('consent', entry);
    sendRecord(current.consent.logUrl, entry);
  };

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
      inventoryFingerprint: fingerprint(),
      noticeFingerprint: fingerprintOfNotice(),
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
    const report = (error: unknown) => state.fail(String(error));
    let kept = () => {};
    try {
      kept = store().write(next);
    } catch (error) {
      report(error);
    }
    try {
      const previous = state.granted;
      state.decision = next;
      state.granted = nextGranted;
      // Before the effects: a revoke's record must leave before the reload that may follow.
      record(state.toConsent(next)!);
      state.applyChange(previous);
      // A decision taken in the banner or dialog removes the control that had focus; the settings
      // button, where the choice can be changed again, is the natural place for it to go.
      const focusInUi = document.activeElement?.id == 'crumbs-root';
      // An "always allow" on a placeholder before any answer leaves the banner up: it still asks about the rest.
      const shown = state.view(false);
      if (focusInUi) {
        void shown.then(() => {
          const active = document.activeElement;
          if (!active || active == document.body) state.focusSettingsButton();
        });
      }
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
  if (state.inventory && !state.decision) warmUp();

  return {
    check(json, stored, result) {
      if (!result.inventory) {
        // Google tags on the page still get the all-denied defaults the site asked for.
        const g = (json as { googleConsentMode?: { enabled?: unknown } } | null)?.googleConsentMode;
        if (g && g.enabled !== false) consentMode.defaults();
        state.fail(
          'Invalid inventory, nothing optional was activated: ' + result.errors.map(formatProblem).join('; ') + '.',
          result.errors,
        );
        return null;
      }
      for (const warning of result.warnings) console.warn('[crumbs] inventory: ' + formatProblem(warning));
      // Given on another notice (a purpose, a service, a cookie or a text changed since): it no
      // longer counts, whether or not the revision was raised, and the banner asks again.
      if (stored?.noticeFingerprint && stored.noticeFingerprint != fingerprintOfNotice(result.inventory)) stored = null;
      const consent = state.begin(result.inventory, stored);
      // The banner is up: the visitor will decide on this notice.
      if (!state.decision) warmUp();
      // Validated now: record that, so the next page views of this visitor skip validation. The
      // decision keeps its time and so its remaining lifetime. Written in this version's format: a
      // version 1 decision (which had no fingerprint) would not be read back under its old number.
      const decision = state.decision;
      if (decision && decision.inventoryFingerprint != fingerprint() && !state.destroyed) {
        state.decision = { ...decision, formatVersion: DECISION_VERSION, inventoryFingerprint: fingerprint() };
        try {
          store().write(state.decision, decision.decidedAt + inventory().consent.maxAgeDays * 86400)();
        } catch {
          // Only an optimisation: the next page view validates again.
        }
      }
      return consent;
    },
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
    reset() {
      store().clear();
      const forgotten = state.decision;
      state.decision = null;
      const previous = state.granted;
      state.granted = resolveGrants(null, inventory(), state.gpc);
      // Under the forgotten decision's consent id, so that its history shows the reset; what is
      // granted now (the required categories) as its content. Before the effects, which may reload.
      if (forgotten) record(state.toConsent({ ...forgotten, decidedAt: Math.floor(Date.now() / 1000), serviceExceptions: {}, shownServices: [] })!, 'reset');
      state.applyChange(previous);
      void state.view(true);
    },
    recordLoadOnce(serviceId) {
      // This one service, this once: nothing is stored, and the decision in force stays as it was.
      record(
        {
          id: state.decision?.id ?? randomId(),
          time: new Date().toISOString(),
          revision: inventory().revision,
          action: 'embed',
          categories: [],
          services: [serviceId],
          exceptions: {},
          shown: [serviceId],
          lang: state.lang,
          gpc: state.gpc,
        },
        'embed-once',
      );
    },
    notice,
    allowService(id) {
      // From the state in force, not the stored one: a grant the GPC signal overrides stays off.
      const { categories, services } = currentChoice();
      // One service was shown here, not the banner's list: the others stay unseen (and asked about).
      decide('embed', categories, { ...services, [id]: true }, [...(state.decision?.shownServices ?? []), id]);
    },
  };
}
