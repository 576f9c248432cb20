import type {
  Consent,
  ConsentAction,
  ConsentChoice,
  ConsentRecord,
  Crumbs,
  CrumbsOptions,
  Inventory,
  InventoryProblem,
  UiContext,
  UiHandle,
  UiView,
} from '../types';
import { deleteCookies } from './cleanup/delete-cookies';
import { createDecisionStore, type DecisionStore } from './consent/create-decision-store';
import { DECISION_VERSION, type Decision } from './consent/decision';
import { isDecisionCurrent, resolveGrants, unseenServices } from './consent/resolve-grants';
import { createEmitter } from './create-emitter';
import { createGate, type Gate } from './gate/create-gate';
import { formatProblem, validateInventory } from './inventory/validate-inventory';
import { pickLanguage } from './pick-language';
import { randomId } from './random-id';
import { sendRecord } from './send-record';
import { createSettingsButton, type SettingsButton } from './settings-button';
import {
  createConsentMode,
  encodeConsentTypes,
  grantedConsentTypes,
  type ConsentMode,
} from '../integrations/google-consent-mode';
import { callVendorConsent } from '../integrations/vendor-consent';

/** Crumbs version, recorded with every decision. Replaced at build time. */
declare const __CRUMBS_VERSION__: string;
const VERSION = typeof __CRUMBS_VERSION__ == 'string' ? __CRUMBS_VERSION__ : 'dev';

/** Reads the Global Privacy Control signal strictly; any oddity means "no signal". */
const readGpc = () => {
  try {
    return (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  } catch {
    return false;
  }
};

/** Calls `fn`; anything it throws is reported once as ours and never reaches the host page. */
const guard =
  <A extends unknown[], R>(fn: (...args: A) => R, fallback: R) =>
  (...args: A): R => {
    try {
      return fn(...args);
    } catch (error) {
      console.error('[crumbs]', error);
      return fallback;
    }
  };

/**
 * Creates a Crumbs instance: validates the inventory, applies the stored decision, gates the page's
 * `data-consent` markup, deletes cookies of services that are not granted, and exposes the API of
 * SPEC section 7. Each call makes an independent instance; nothing is kept at module level.
 *
 * - Fails closed: an invalid or missing inventory activates nothing, emits `error` and logs one
 *   console error naming the problem.
 * - Never throws into the page, and `ready` never rejects.
 *
 * @example
 * ```ts
 * import { createCrumbs, mountUi } from 'crumbs-consent';
 * const crumbs = createCrumbs({ inventory: await (await fetch('/cookies.json')).json(), ui: mountUi });
 * crumbs.on('change', ({ granted }) => console.log('granted', granted));
 * ```
 */
export function createCrumbs(
  options: CrumbsOptions,
  /** @internal The script-tag entry passes the Consent Mode pusher it already used synchronously. */
  consentMode: ConsentMode = createConsentMode(),
): Crumbs {
  const emitter = createEmitter();
  const gpcSignal = readGpc();
  let inventory: Inventory | undefined;
  let store: DecisionStore | undefined;
  let gate: Gate | undefined;
  let decision: Decision | null = null;
  let granted = new Set<string>();
  let lang = 'en';
  let gpc = false;
  let settingsButton: SettingsButton | undefined;
  let ui: Promise<UiHandle | undefined> | undefined;
  let destroyed = false;

  const fail = (message: string, problems?: readonly InventoryProblem[]) => {
    console.error('[crumbs] ' + message + ' Nothing optional was activated.');
    // Later than the console: a failure during a synchronous start must still reach `on('error')`
    // subscribers added right after createCrumbs returns.
    void Promise.resolve().then(() => emitter.emit('error', problems ? { message, problems } : { message }));
  };

  const isGranted = (id: string) => granted.has(id);
  const exceptionsOf = (d: Decision) => Object.fromEntries(Object.entries(d.x).map(([id, flag]) => [id, flag == 1]));

  const toConsent = (d: Decision | null): Consent | null =>
    d && {
      id: d.id,
      time: new Date(d.t * 1000).toISOString(),
      revision: d.r,
      action: d.a,
      categories: grantedCategories(),
      services: grantedServices(),
      exceptions: exceptionsOf(d),
      shown: d.s,
      lang: d.l,
      gpc: d.g == 1,
    };

  const loadUi = (): Promise<UiHandle | undefined> => {
    if (!options.ui || !inventory) return Promise.resolve(undefined);
    const context: UiContext = {
      crumbs: api,
      inventory,
      lang,
      gpc,
      document,
      blockedEmbeds: () => gate?.blocked() ?? [],
      loadOnce: (element) => gate?.force(element),
      allowService: (id) =>
        decide('embed', decision ? decision.c : [], { ...(decision ? exceptionsOf(decision) : {}), [id]: true }),
    };
    return (ui ??= Promise.resolve()
      .then(() => options.ui!(context))
      .catch((error: unknown) => {
        fail('The UI could not be loaded (' + String(error) + ').');
        return undefined;
      }));
  };
  const withUi = (action: (handle: UiHandle) => void) =>
    void loadUi().then((handle) => handle && !destroyed && guard(action, undefined)(handle));

  const showSettingsButton = (visible: boolean) => {
    if (!inventory || inventory.ui.settingsButton == 'none') return;
    settingsButton ??= createSettingsButton(
      lang,
      inventory.texts[lang]?.['settings.button'],
      inventory.ui.settingsButton,
      (button) => api.showPreferences(button),
    );
    settingsButton.toggle(visible);
  };

  /** Anything the UI must draw without being asked: placeholders, cookie tables. */
  const pageNeedsUi = () =>
    (gate?.blocked().length ?? 0) > 0 || document.querySelector('[data-crumbs-cookie-table]') != null;

  const consentModeOn = () => inventory!.googleConsentMode?.enabled === true;
  const grantedCategories = () => inventory!.categories.filter((c) => granted.has(c.id)).map((c) => c.id);
  const grantedServices = () => inventory!.services.filter((s) => granted.has(s.id)).map((s) => s.id);

  /**
   * Tells Google tags and vendor APIs. Runs before clean-up and any reload, because an update sent
   * while the page unloads may be lost.
   */
  const signal = (previous: Set<string> | null) => {
    if (consentModeOn()) {
      consentMode.defaults(inventory!.googleConsentMode);
      consentMode.update(grantedConsentTypes(inventory!, granted), previous != null);
    }
    if (decision && (consentModeOn() || (window as { dataLayer?: unknown }).dataLayer)) {
      consentMode.event(grantedCategories(), grantedServices());
    }
    const changes = new Map<string, boolean>();
    for (const service of inventory!.services) {
      const now = granted.has(service.id);
      if (!previous || previous.has(service.id) != now) changes.set(service.id, now);
    }
    callVendorConsent(inventory!, changes, previous == null);
  };

  const apply = (previous: Set<string>) => {
    const revoked = new Set(Array.from(previous).filter((id) => !granted.has(id)));
    const newlyGranted = Array.from(granted).filter((id) => !previous.has(id));
    deleteCookies(inventory!, isGranted);
    if (revoked.size) {
      gate?.revoke(revoked);
      if (inventory!.consent.reloadOnRevoke && gate?.ran(revoked)) {
        // A script that already ran cannot be unloaded; a reload is the only honest way to stop it.
        (options.reload ?? (() => location.reload()))();
      }
    }
    gate?.refresh();
    return { granted: newlyGranted, revoked: Array.from(revoked) };
  };

  const decide = (action: ConsentAction, categories: readonly string[], exceptions: ConsentChoice['services'] = {}) => {
    if (!inventory || destroyed) return;
    const optional = inventory.categories.filter((c) => !c.required).map((c) => c.id);
    const serviceIds = inventory.services.map((s) => s.id);
    const previous = granted;
    const hadDecision = decision != null;
    decision = {
      v: DECISION_VERSION,
      id: decision?.id ?? randomId(),
      t: Math.floor(Date.now() / 1000),
      r: inventory.revision,
      a: action,
      c: optional.filter((id) => categories.includes(id)),
      x: Object.fromEntries(
        Object.entries(exceptions ?? {})
          .filter(([id]) => serviceIds.includes(id))
          .map(([id, on]) => [id, on ? 1 : 0]),
      ),
      s: serviceIds,
      l: lang,
      g: gpc ? 1 : 0,
    };
    granted = resolveGrants(decision, inventory, gpc);
    // Taking back an earlier grant is a withdrawal, whichever button did it (EDPB: as easy as giving).
    const revoking = hadDecision && Array.from(previous).some((id) => !granted.has(id));
    decision = {
      ...decision,
      a: revoking ? 'revoke' : action,
      ...(consentModeOn() && { m: encodeConsentTypes(grantedConsentTypes(inventory, granted)) }),
    };
    store!.write(decision);
    const consent = toConsent(decision)!;
    const record: ConsentRecord = { ...consent, inventoryHash: inventory.hash, version: VERSION };
    signal(previous);
    emitter.emit('consent', record);
    sendRecord(inventory.consent.logUrl, record);
    const change = apply(previous);
    if (change.granted.length || change.revoked.length) emitter.emit('change', { ...change, consent });
    if (ui) withUi((handle) => (handle.hide(), handle.update()));
    showSettingsButton(true);
  };

  const start = (json: unknown): Consent | null => {
    const result = validateInventory(json);
    if (!result.inventory) {
      fail('Invalid inventory: ' + result.errors.map(formatProblem).join('; ') + '.', result.errors);
      return null;
    }
    for (const warning of result.warnings) console.warn('[crumbs] inventory: ' + formatProblem(warning));
    inventory = result.inventory;
    lang = pickLanguage(options.lang, Object.keys(inventory.texts));
    gpc = gpcSignal && inventory.gpc == 'honor';
    store = createDecisionStore(inventory.consent);
    const stored = store.read();
    decision = stored && isDecisionCurrent(stored, inventory, Date.now() / 1000) ? stored : null;
    granted = resolveGrants(decision, inventory, gpc);
    signal(null);
    deleteCookies(inventory, isGranted);
    if (options.gate !== false) {
      gate = createGate(document, isGranted, () => pageNeedsUi() && withUi((handle) => handle.update()));
      gate.refresh();
    }
    document.addEventListener('click', onDocumentClick);
    const prompt = !decision || unseenServices(decision, inventory).length > 0;
    if (prompt && options.autoShow !== false) withUi((handle) => handle.show('banner'));
    else if (pageNeedsUi()) withUi((handle) => handle.update());
    showSettingsButton(!prompt);
    return toConsent(decision);
  };

  const onDocumentClick = (event: Event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-crumbs-open]');
    if (opener) {
      event.preventDefault();
      api.showPreferences(opener);
    }
  };

  const show = (view: UiView, opener?: Element | null) => {
    // The button stays while the dialog is open: focus returns to it when the dialog closes.
    if (view == 'banner') showSettingsButton(false);
    withUi((handle) => handle.show(view, opener));
  };

  const afterReady =
    <A extends unknown[]>(fn: (...args: A) => void) =>
    (...args: A) =>
      void ready.then(() => guard(fn, undefined)(...args));

  let ready: Promise<Consent | null>;
  const api: Crumbs = {
    get ready() {
      return ready;
    },
    getConsent: guard(() => (inventory ? toConsent(decision) : null), null),
    isGranted: guard(isGranted, false),
    acceptAll: afterReady(() =>
      decide(
        'accept-all',
        // A honoured GPC signal keeps sale/sharing categories out of "accept all"; only an explicit switch grants them.
        (inventory?.categories ?? []).filter((c) => !(gpc && c.saleOrSharing)).map((c) => c.id),
      ),
    ),
    rejectAll: afterReady(() => decide('reject-all', [])),
    save: afterReady((choice: ConsentChoice) => decide('save', choice?.categories ?? [], choice?.services)),
    showBanner: afterReady(() => show('banner')),
    showPreferences: afterReady((opener?: Element | null) => show('preferences', opener)),
    hide: afterReady(() => withUi((handle) => handle.hide())),
    reset: afterReady(() => {
      if (!inventory) return;
      store!.clear();
      decision = null;
      const previous = granted;
      granted = resolveGrants(null, inventory, gpc);
      signal(previous);
      const change = apply(previous);
      if (change.revoked.length) emitter.emit('change', { ...change, consent: null });
      show('banner');
    }),
    on: (event, handler) => emitter.on(event, handler),
    destroy: guard(() => {
      destroyed = true;
      gate?.stop();
      settingsButton?.remove();
      document.removeEventListener('click', onDocumentClick);
      void ui?.then((handle) => handle?.destroy());
    }, undefined),
  };
  // A plain inventory starts synchronously, so Consent Mode commands reach dataLayer before the
  // next script of the page runs; a promised one starts when it arrives.
  const safeStart = (json: unknown) => {
    try {
      return start(json);
    } catch (error) {
      fail('Start-up failed (' + String(error) + ').');
      return null;
    }
  };
  const given = options.inventory as { then?: unknown } | null;
  const started: Promise<Consent | null> =
    typeof given?.then == 'function' ? Promise.resolve(given).then(safeStart) : Promise.resolve(safeStart(given));
  ready = started
    .catch((error: unknown) => {
      fail('The inventory could not be loaded (' + String(error) + ').');
      return null;
    })
    .then((consent) => {
      if (inventory) emitter.emit('ready', consent);
      return consent;
    });

  return api;
}
