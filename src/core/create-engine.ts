import type {
  Consent,
  ConsentAction,
  ConsentChoice,
  ConsentRecord,
  Crumbs,
  CrumbsOptions,
  Inventory,
  InventoryProblem,
  InventoryValidation,
  UiContext,
  UiHandle,
  UiView,
} from '../types';
import Cookies from 'js-cookie';
import {
  createConsentMode,
  encodeConsentTypes,
  grantedConsentTypes,
  replayStoredConsent,
  type ConsentMode,
} from '../integrations/google-consent-mode';
import { callVendorConsent } from '../integrations/vendor-consent';
import { deleteCookies } from './cleanup/delete-cookies';
import { createDecisionStore, type DecisionStore } from './consent/create-decision-store';
import { decodeDecision } from './consent/decision-codec';
import { DECISION_VERSION, type Decision } from './consent/decision';
import { isDecisionCurrent, resolveGrants, unseenServices } from './consent/resolve-grants';
import { createEmitter } from './create-emitter';
import { createGate, type Gate } from './gate/create-gate';
import { formatProblem } from './inventory/format-problem';
import { normalizeTrusted } from './inventory/normalize-trusted';
import { pickLanguage } from './pick-language';
import { randomId } from './random-id';
import { readGpc } from './read-gpc';
import { sendRecord } from './send-record';
import { hashJson } from './hash';
import { VERSION } from './version';
import { inventoryFingerprint } from './consent/fingerprint';
import { createSettingsButton, type SettingsButton } from './settings-button';
import { whenBody } from './when-body';


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

/** The few fields of a not yet validated inventory the engine may look at before validation. */
interface RawInventory {
  readonly revision?: number;
  readonly consent?: { readonly cookieName?: string; readonly maxAgeDays?: number };
  readonly googleConsentMode?: { readonly enabled?: unknown };
}

/**
 * The Consent Mode values of a raw inventory that must reach Google tags before validation can
 * finish (`wait_for_update`, `ads_data_redaction`, `url_passthrough`), each only if well-typed.
 */
const earlyConsentSettings = (json: RawInventory | null) => {
  const g = json?.googleConsentMode as Record<string, unknown> | undefined;
  const wait = g?.waitForUpdate;
  return {
    waitForUpdate: Number.isSafeInteger(wait) && (wait as number) >= 0 ? (wait as number) : undefined,
    adsDataRedaction: typeof g?.adsDataRedaction == 'boolean' ? g.adsDataRedaction : undefined,
    urlPassthrough: g?.urlPassthrough === true,
  };
};

/** Whether a raw inventory asks for Consent Mode (present and not explicitly disabled). */
const wantsConsentMode = (json: RawInventory | null) =>
  !!json?.googleConsentMode && json.googleConsentMode.enabled !== false;

/** Validates an inventory (see `validateInventory`). */
export type InventoryValidator = (json: unknown) => InventoryValidation;

/**
 * Where the engine gets its validator: at hand (the npm build), or fetched the first time an
 * inventory is new to this browser (the script-tag build, so that returning visitors never pay for it).
 */
export type ValidatorSource = InventoryValidator | { load: () => Promise<InventoryValidator> };

/**
 * The engine behind `createCrumbs`: validates the inventory, applies the stored decision, gates the page's
 * `data-consent` markup, deletes cookies of services that are not granted, tells Consent Mode and
 * vendor APIs, and exposes the API of SPEC section 7. Each call makes an independent instance;
 * nothing is kept at module level.
 *
 * - A plain inventory starts synchronously (Consent Mode commands are in `dataLayer` when this
 *   returns) when the validator is at hand or the inventory is the one this browser validated when
 *   the visitor decided; otherwise it starts once the validator has arrived. A promised inventory
 *   starts when it arrives.
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
export function createEngine(
  options: CrumbsOptions,
  validator: ValidatorSource,
  /** The script-tag entry passes the Consent Mode pusher it already used synchronously. */
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
  let reloading = false;

  const fail = (message: string, problems?: readonly InventoryProblem[]) => {
    console.error('[crumbs] ' + message);
    // A grant replayed before start-up must not outlive a failed start: Google tags fall back to denied.
    if (!inventory && consentMode.replayed()) consentMode.update([], false);
    // Later than the console: a failure during a synchronous start must still reach `on('error')`
    // subscribers added right after createCrumbs returns.
    void Promise.resolve().then(() => emitter.emit('error', problems ? { message, problems } : { message }));
  };

  const isGranted = (id: string) => granted.has(id);
  const optionalCategories = () => inventory!.categories.filter((c) => !c.required).map((c) => c.id);
  const grantedCategories = () => inventory!.categories.filter((c) => granted.has(c.id)).map((c) => c.id);
  const grantedServices = () => inventory!.services.filter((s) => granted.has(s.id)).map((s) => s.id);
  const exceptionsOf = (d: Decision) => Object.fromEntries(Object.entries(d.x).map(([id, flag]) => [id, flag == 1]));
  const consentModeOn = () => inventory!.googleConsentMode?.enabled === true;

  /** The current effective state as a choice: granted categories, and services that differ from theirs. */
  const currentChoice = (): Required<ConsentChoice> => ({
    categories: optionalCategories().filter(isGranted),
    services: Object.fromEntries(
      inventory!.services
        .filter((s) => isGranted(s.id) != isGranted(s.category))
        .map((s) => [s.id, isGranted(s.id)]),
    ),
  });

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
    if (!options.ui || !inventory || destroyed) return Promise.resolve(undefined);
    const context: UiContext = {
      crumbs: api,
      inventory,
      lang,
      gpc,
      document,
      blockedEmbeds: () => gate?.blocked() ?? [],
      loadOnce: (element) => gate?.force(element),
      allowService: (id) => {
        // From the state in force, not the stored one: a grant the GPC signal overrides stays off.
        const { categories, services } = currentChoice();
        // One service was shown here, not the banner's list: the others stay unseen (and asked about).
        decide('embed', categories, { ...services, [id]: true }, [...(decision?.s ?? []), id]);
      },
    };
    return (ui ??= whenBody()
      .then(() => options.ui!(context))
      .catch((error: unknown) => {
        fail('The UI could not be loaded (' + String(error) + ').');
        return undefined;
      }));
  };
  const withUi = (action: (handle: UiHandle) => void): Promise<unknown> =>
    loadUi().then((handle) => handle && !destroyed && guard(action, undefined)(handle));

  const showSettingsButton = (visible: boolean) => {
    if (!inventory || inventory.ui.settingsButton == 'none') return;
    settingsButton ??= createSettingsButton(
      lang,
      inventory.texts[lang]?.['settings.button'],
      inventory.ui.settingsButton,
      (button) => api.showPreferences(button),
    );
    return whenBody().then(() => !destroyed && settingsButton!.toggle(visible));
  };

  /** Anything the UI must draw without being asked: placeholders, cookie tables. */
  const pageNeedsUi = () =>
    (gate?.blocked().length ?? 0) > 0 || document.querySelector('[data-crumbs-cookie-table]') != null;

  /**
   * Tells Google tags and vendor APIs. Runs before clean-up and any reload, because an update sent
   * while the page unloads may be lost.
   */
  const signal = (previous: Set<string> | null) => {
    if (consentModeOn()) {
      // At start-up, a stored decision (even a refusal: regional defaults may grant) is replayed,
      // and an earlier synchronous replay that turned out wrong is corrected.
      if (previous || decision || consentMode.replayed()) {
        consentMode.update(grantedConsentTypes(inventory!, granted), previous != null);
      }
    } else if (consentMode.replayed()) {
      // Replayed from the cookie, but this inventory no longer uses Consent Mode: take it back.
      consentMode.update([], false);
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

  /** Clean-up, reload or activation after the granted set changed; returns what changed. */
  const apply = (previous: Set<string>) => {
    const revoked = new Set(Array.from(previous).filter((id) => !granted.has(id)));
    const newlyGranted = Array.from(granted).filter((id) => !previous.has(id));
    deleteCookies(inventory!, isGranted);
    if (revoked.size) {
      gate?.revoke(revoked);
      if (inventory!.consent.reloadOnRevoke && gate?.ran(revoked)) {
        // A script that already ran cannot be unloaded; a reload is the only honest way to stop it.
        // Nothing else is activated on a page that is going away.
        reloading = true;
        (options.reload ?? (() => location.reload()))();
      }
    }
    if (!reloading) gate?.refresh();
    return { granted: newlyGranted, revoked: Array.from(revoked) };
  };

  const decide = (
    action: ConsentAction,
    categories: readonly string[],
    exceptions: ConsentChoice['services'] = {},
    // The banner, dialog and API show (or stand for) every service; other callers say which.
    shown: readonly string[] = inventory?.services.map((s) => s.id) ?? [],
  ) => {
    if (!inventory || destroyed || reloading) return;
    const serviceIds = inventory.services.map((s) => s.id);
    const draft: Decision = {
      v: DECISION_VERSION,
      id: decision?.id ?? randomId(),
      t: Math.floor(Date.now() / 1000),
      r: inventory.revision,
      a: action,
      c: optionalCategories().filter((id) => categories.includes(id)),
      x: Object.fromEntries(
        Object.entries(exceptions ?? {})
          .filter(([id]) => serviceIds.includes(id))
          .map(([id, on]) => [id, on ? 1 : 0]),
      ),
      s: serviceIds.filter((id) => shown.includes(id)),
      l: lang,
      g: gpc ? 1 : 0,
      ...((action != 'embed' || decision?.p) && { p: 1 }),
      h: fingerprint(inventory.hash),
    };
    const nextGranted = resolveGrants(draft, inventory, gpc);
    // Taking back an earlier grant is a withdrawal, whichever button did it (EDPB: as easy as giving).
    const revoking = decision != null && Array.from(granted).some((id) => !nextGranted.has(id));
    const next: Decision = {
      ...draft,
      a: revoking ? 'revoke' : action,
      ...(consentModeOn() && { m: encodeConsentTypes(grantedConsentTypes(inventory, nextGranted)) }),
    };
    // State changes only once the cookie is written, so a failure leaves everything as it was.
    store!.write(next);
    const previous = granted;
    decision = next;
    granted = nextGranted;
    const consent = toConsent(decision)!;
    const record: ConsentRecord = { ...consent, inventoryHash: inventory.hash, version: VERSION };
    signal(previous);
    emitter.emit('consent', record);
    sendRecord(inventory.consent.logUrl, record);
    const change = apply(previous);
    if (change.granted.length || change.revoked.length) emitter.emit('change', { ...change, consent });
    // A decision taken in the banner or dialog removes the control that had focus; the settings
    // button, where the choice can be changed again, is the natural place for it to go.
    const focusInUi = document.activeElement?.id == 'crumbs-root';
    const answered = next.p == 1 && !unseenServices(next, inventory).length;
    const buttonShown = showSettingsButton(answered);
    // An "always allow" on a placeholder before any answer leaves the banner up: it still asks about the rest.
    const hidden = ui && withUi((handle) => (answered && handle.hide(), handle.update()));
    if (focusInUi) {
      void Promise.all([buttonShown, hidden]).then(() => {
        const active = document.activeElement;
        if (!active || active == document.body) settingsButton?.focus();
      });
    }
  };

  const fingerprint = (inventoryHash: string) => inventoryFingerprint(inventoryHash, VERSION);

  const start = (given: unknown): Consent | null | Promise<Consent | null> => {
    // A copy: the inventory is frozen once normalised, and the caller's object must stay theirs.
    const json = JSON.parse(JSON.stringify(given ?? null)) as RawInventory | null;
    const stored = decodeDecision(Cookies.get(json?.consent?.cookieName || 'crumbs_consent'));
    if (typeof validator == 'function') return checked(json, validator(json), stored);
    // The inventory this browser validated when the visitor decided: no validator needed.
    const hash = stored?.h && hashJson(json);
    if (hash && fingerprint(hash) == stored!.h) {
      try {
        return begin(normalizeTrusted(json, hash), stored);
      } catch {
        // validated in full below
      }
    }
    // Google tags may run before the validator arrives: the defaults, and a stored decision that
    // still holds for this revision and lifetime, go out now.
    const current = stored && stored.r == (json?.revision ?? 0) && Date.now() / 1000 - stored.t < (json?.consent?.maxAgeDays ?? 182) * 86400;
    replayStoredConsent(consentMode, current ? stored : null, wantsConsentMode(json), gpcSignal, earlyConsentSettings(json));
    return validator.load().then(
      (validate) => checked(json, validate(json), stored),
      (error: unknown) => {
        fail('The inventory validator could not be loaded (' + String(error) + '); nothing optional was activated.');
        return null;
      },
    );
  };

  const checked = (json: RawInventory | null, result: InventoryValidation, stored: Decision | null): Consent | null => {
    if (!result.inventory) {
      // Google tags on the page still get the all-denied defaults the site asked for.
      if (wantsConsentMode(json)) consentMode.defaults();
      fail(
        'Invalid inventory, nothing optional was activated: ' + result.errors.map(formatProblem).join('; ') + '.',
        result.errors,
      );
      return null;
    }
    for (const warning of result.warnings) console.warn('[crumbs] inventory: ' + formatProblem(warning));
    return begin(result.inventory, stored);
  };

  // `stored` is the consent cookie, decoded once in `start` (under the inventory's cookie name).
  const begin = (validated: Inventory, stored: Decision | null): Consent | null => {
    if (destroyed) return null;
    inventory = validated;
    lang = pickLanguage(options.lang, Object.keys(inventory.texts));
    gpc = gpcSignal && inventory.gpc == 'honor';
    store = createDecisionStore(inventory.consent);
    decision = stored && isDecisionCurrent(stored, inventory, Date.now() / 1000) ? stored : null;
    // Validated now: record that, so the next page views of this visitor skip the validator. The
    // decision keeps its time and so its remaining lifetime.
    const validatedFingerprint = fingerprint(inventory.hash);
    if (decision && decision.h != validatedFingerprint) {
      decision = { ...decision, h: validatedFingerprint };
      store.write(decision, decision.t + inventory.consent.maxAgeDays * 86400);
    }
    granted = resolveGrants(decision, inventory, gpc);
    if (consentModeOn()) consentMode.defaults(inventory.googleConsentMode);
    signal(null);
    deleteCookies(inventory, isGranted);
    if (options.gate !== false) {
      const known = new Set([...inventory.categories, ...inventory.services].map((x) => x.id));
      gate = createGate(document, isGranted, () => pageNeedsUi() && withUi((handle) => handle.update()), (id) => known.has(id));
      gate.refresh();
    }
    // The GPC signal outranks an older grant: store and record the opt-out, so that a later visit
    // without the signal does not bring the grant back.
    const overridden = decision && !decision.g && inventory.categories.some((c) => decision!.c.includes(c.id) && !granted.has(c.id));
    if (overridden) {
      const { categories, services } = currentChoice();
      decide(decision!.a, categories, services, decision!.s);
    }
    const hasChoice = inventory.categories.some((c) => !c.required);
    const prompt = hasChoice && (!decision?.p || unseenServices(decision, inventory).length > 0);
    if (prompt && options.autoShow !== false) withUi((handle) => handle.show('banner'));
    else if (pageNeedsUi()) withUi((handle) => handle.update());
    showSettingsButton(!prompt && hasChoice);
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

  // Listening from the start: a click before the inventory is ready opens the dialog once it is.
  document.addEventListener('click', onDocumentClick);

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

  const safeStart = (json: unknown) => {
    const failed = (error: unknown) => {
      // Whatever was already set up keeps working; the failure is reported, never thrown.
      fail('Start-up failed (' + String(error) + ').');
      return inventory ? toConsent(decision) : null;
    };
    try {
      return Promise.resolve(start(json)).catch(failed);
    } catch (error) {
      return failed(error);
    }
  };
  const given = options.inventory as { then?: unknown } | null;
  const started: Promise<Consent | null> =
    typeof given?.then == 'function' ? Promise.resolve(given).then(safeStart) : Promise.resolve(safeStart(given));
  ready = started
    .catch((error: unknown) => {
      fail('The inventory could not be loaded (' + String(error) + '); nothing optional was activated.');
      return null;
    })
    .then((consent) => {
      if (inventory) emitter.emit('ready', consent);
      return consent;
    });
  return api;
}
