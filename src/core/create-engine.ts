import type { Consent, Crumbs, CrumbsOptions, Inventory, InventoryValidation, UiContext } from '../types';
import { createConsentMode, grantedConsentTypes, replayStoredConsent, type ConsentMode } from '../integrations/google-consent-mode';
import { callVendorConsent } from '../integrations/vendor-consent';
import { deleteCookies } from './cleanup/delete-cookies';
import { decodeDecision } from './consent/decision-codec';
import type { Decision } from './consent/decision';
import { inventoryFingerprint } from './consent/fingerprint';
import { consentCookieName } from './consent/consent-cookie-name';
import { readConsentCookie } from './consent/read-consent-cookie';
import { isDecisionCurrent, resolveGrants, unseenServices } from './consent/resolve-grants';
import { createEmitter } from './create-emitter';
import { createSnapshotStore } from './create-snapshot-store';
import { createGate } from './gate/create-gate';
import { guard } from './guard';
import { inventoryHash } from './hash';
import { normalizeInventory } from './inventory/normalize-inventory';
import { parseData } from './parse-data';
import { pickLanguage } from './pick-language';
import { readGpc } from './read-gpc';
import type { Decisions, DecisionsSource, Runtime } from './runtime';
import { createSettingsButton, type SettingsButton } from './settings-button';
import { VERSION } from './version';
import { whenBody } from './when-body';

/** The few fields of a not yet validated inventory the engine may look at before validation. */
interface RawInventory {
  readonly stamp?: unknown;
  readonly revision?: number;
  readonly consent?: { readonly cookieName?: string; readonly maxAgeDays?: number };
  readonly services?: unknown;
  readonly googleConsentMode?: { readonly enabled?: unknown } & Record<string, unknown>;
}

/** The API methods that need the lazily loaded part: they wait for `ready`, then for it. */
const DEFERRED = ['acceptAll', 'rejectAll', 'save', 'reset'] as const;

/**
 * The engine behind `createCrumbs` and `window.Crumbs`: everything a page view with a valid stored
 * decision needs, and nothing more, because `crumbs.js` is paid for by every page view.
 *
 * - A returning visitor whose decision was made with exactly the inventory served now (its
 *   fingerprint is in the consent cookie) starts synchronously from that cookie: grants, Consent
 *   Mode, vendor APIs, clean-up, gating, the settings button.
 * - Anything else (first visit, changed inventory, a decision to record, the banner or dialog to
 *   show) goes through `createDecisions`, at hand in the npm build and loaded on demand by the
 *   script tag. While it loads, Consent Mode defaults and a stored state that still holds go out.
 * - Fails closed: an invalid or missing inventory activates nothing, emits `error` and logs one
 *   console error naming the problem. Never throws into the page, and `ready` never rejects.
 *
 * Each call makes an independent instance; nothing is kept at module level.
 *
 * @param consentMode - the Consent Mode pusher the script-tag entry may already have used
 */
export function createEngine(
  options: CrumbsOptions,
  source: DecisionsSource,
  consentMode: ConsentMode = createConsentMode(),
): Crumbs {
  const gpcSignal = readGpc();
  let settingsButton: SettingsButton | undefined;
  // Set when start-up failed: no usable inventory, nothing optional runs.
  let broken = false;
  let decisions: Decisions | undefined;
  let loading: Promise<Decisions | undefined> | undefined;
  let ready: Promise<Consent | null>;

  /**
   * Runs `use` (guarded) with the lazily loaded part: at once when it is at hand, else once it has
   * loaded. A failed load is reported, and tried again at the next need (a visitor's next click).
   */
  const withDecisions = <R>(use: (d: Decisions) => R): R | Promise<R | undefined> | undefined => {
    const run = (d: Decisions | undefined) => (d && !state.destroyed ? guard(use)(d) : undefined);
    if (decisions || 'create' in source) return run((decisions ??= (source as { create: (r: Runtime) => Decisions }).create(state)));
    loading ??= source.load().then(
      (create) => (decisions ??= create(state)),
      (error: unknown) => {
        loading = undefined;
        state.fail('Crumbs could not load its decision code (' + String(error) + '); nothing optional was activated.');
        return undefined;
      },
    );
    return loading.then(run);
  };

  const isGranted = (id: string) => state.granted.has(id);
  /** Draws what the page asks for unasked (placeholders, cookie tables), or updates it. */
  const redraw = () =>
    (state.ui || state.gate?.blocked().length || document.querySelector('[data-crumbs-cookie-table]')) &&
    state.withUi((handle) => handle.update());
  const grantedIds = (list: readonly { id: string }[]) => list.filter((x) => isGranted(x.id)).map((x) => x.id);
  const consentModeOn = () => state.inventory!.googleConsentMode?.enabled === true;
  const fingerprint = (hash: string) => inventoryFingerprint(hash, VERSION);

  const state: Runtime = {
    options,
    emitter: createEmitter(),
    consentMode,
    decision: null,
    granted: new Set(),
    lang: 'en',
    gpc: false,
    destroyed: false,
    reloading: false,
    api: undefined as unknown as Crumbs,

    fail(message, problems) {
      console.error('[crumbs] ' + message);
      // A grant replayed before start-up must not outlive a failed start: Google tags fall back to denied.
      if (!state.inventory && consentMode.replayed()) consentMode.update([], false);
      // Later than the console: a failure during a synchronous start must still reach `on('error')`
      // subscribers added right after createCrumbs returns.
      void Promise.resolve().then(() => state.emitter.emit('error', problems ? { message, problems } : { message }));
    },

    toConsent: (d) =>
      d && {
        id: d.id,
        time: new Date(d.t * 1000).toISOString(),
        revision: d.r,
        action: d.a,
        categories: grantedIds(state.inventory!.categories),
        services: grantedIds(state.inventory!.services),
        exceptions: Object.fromEntries(Object.entries(d.x).map(([id, flag]) => [id, flag == 1])),
        shown: d.s,
        lang: d.l,
        gpc: d.g == 1,
      },

    /**
     * Tells Google tags and vendor APIs. Runs before clean-up and any reload, because an update sent
     * while the page unloads may be lost.
     */
    signal(previous) {
      const inventory = state.inventory!;
      if (consentModeOn()) {
        // At start-up, a stored decision (even a refusal: regional defaults may grant) is replayed,
        // and an earlier synchronous replay that turned out wrong is corrected.
        if (previous || state.decision || consentMode.replayed()) {
          consentMode.update(grantedConsentTypes(inventory, state.granted), previous != null);
        }
      } else if (consentMode.replayed()) {
        // Replayed from the cookie, but this inventory no longer uses Consent Mode: take it back.
        consentMode.update([], false);
      }
      if (state.decision && (consentModeOn() || (window as { dataLayer?: unknown }).dataLayer)) {
        consentMode.event(grantedIds(inventory.categories), grantedIds(inventory.services));
      }
      const changes = new Map<string, boolean>();
      for (const { id } of inventory.services) {
        if (!previous || previous.has(id) != isGranted(id)) changes.set(id, isGranted(id));
      }
      callVendorConsent(inventory, changes, !previous);
    },

    cleanup: () => void deleteCookies(state.inventory!, isGranted),

    settingsButton(visible) {
      const inventory = state.inventory;
      if (!inventory || inventory.ui.settingsButton == 'none') return;
      settingsButton ??= createSettingsButton(
        state.lang,
        inventory.texts[state.lang]?.['settings.button'],
        inventory.ui.settingsButton,
        (button) => state.api.showPreferences(button),
      );
      return whenBody(true).then(() => !state.destroyed && settingsButton!.toggle(visible));
    },

    focusSettingsButton: () => settingsButton?.focus(),

    withUi(action) {
      const inventory = state.inventory;
      if (!state.ui) {
        if (!options.ui || !(inventory || broken) || state.destroyed) return Promise.resolve();
        const context: UiContext = {
          crumbs: state.api,
          // Without a usable inventory the UI only says so (`broken`): it has nothing to list.
          inventory: inventory ?? ({ categories: [], services: [], ui: {}, texts: {} } as unknown as Inventory),
          broken,
          lang: state.lang,
          gpc: state.gpc,
          document,
          blockedEmbeds: () => state.gate?.blocked() ?? [],
          loadOnce(element) {
            state.gate?.force(element);
            const id = element.getAttribute('data-consent');
            if (id) void withDecisions((d) => ((state.layer = 'placeholder'), d.recordLoadOnce(id)));
          },
          allowService: (id) => void withDecisions((d) => ((state.layer = 'placeholder'), d.allowService(id))),
          layer: (layer) => void (state.layer = layer),
        };
        // Here, not in the part loaded on demand: placeholders, cookie tables and the dialog of a
        // returning visitor need the UI only, and a decision loads the rest when it is made.
        state.ui = whenBody()
          .then(() => options.ui!(context))
          .catch((error: unknown) => {
            // Tried again at the next need (a click on the settings link), not dead for good.
            state.ui = undefined;
            state.fail('The UI could not be loaded (' + String(error) + ').');
            return undefined;
          });
      }
      return state.ui!.then((handle) => handle && !state.destroyed && guard(action)(handle));
    },

    show(view, opener) {
      // The button stays while the dialog is open: focus returns to it when the dialog closes.
      if (view == 'banner') state.settingsButton(false);
      void state.withUi((handle) => handle.show(view, opener));
      // The visitor is about to decide: fetch that part meanwhile, not after the click.
      if (!broken) void withDecisions(() => {});
    },

    begin(inventory: Inventory, stored: Decision | null) {
      if (state.destroyed) return null;
      state.inventory = inventory;
      state.lang = pickLanguage(options.lang, Object.keys(inventory.texts));
      const gpc = (state.gpc = gpcSignal && inventory.gpc == 'honor');
      const decision = (state.decision = stored && isDecisionCurrent(stored, inventory, Date.now() / 1000) ? stored : null);
      state.granted = resolveGrants(decision, inventory, gpc);
      if (consentModeOn()) consentMode.defaults(inventory.googleConsentMode);
      state.signal(null);
      state.cleanup();
      if (options.gate !== false) {
        const known = new Set([...inventory.categories, ...inventory.services].map((x) => x.id));
        state.gate = createGate(document, isGranted, redraw, (id) => known.has(id), state.fail);
        state.gate.refresh();
      }
      // The GPC signal outranks an older grant: store and record the opt-out, so that a later visit
      // without the signal does not bring the grant back. `ready` waits for that.
      const confirmed =
        decision && !decision.g && inventory.categories.some((c) => decision.c.includes(c.id) && !isGranted(c.id))
          ? withDecisions((d) => d.confirm())
          : undefined;
      const hasChoice = inventory.categories.some((c) => !c.required);
      const prompt = hasChoice && (!decision?.p || unseenServices(decision, inventory).length > 0);
      if (prompt && options.autoShow !== false) state.show('banner');
      else redraw();
      state.settingsButton(!prompt && hasChoice);
      const consent = () => state.toConsent(state.decision);
      return confirmed instanceof Promise ? confirmed.then(consent) : consent();
    },
  };

  const start = (given: unknown): Consent | null | Promise<Consent | null> => {
    // A copy: the inventory is frozen once normalised, and the caller's object must stay theirs.
    const json = parseData(JSON.stringify(given ?? null)) as RawInventory | null;
    const cookieName = consentCookieName(json?.consent);
    const stored = decodeDecision(
      readConsentCookie(cookieName, (count) =>
        state.fail(count + ' cookies named ' + cookieName + ' disagree: none counts, all were deleted.'),
      ),
      Array.isArray(json?.services) ? json.services.map((s: { id?: unknown } | null) => s?.id) : [],
    );
    if ('create' in source) {
      return withDecisions((d) => d.check(json, stored, source.validate(json))) as Consent | null;
    }
    // The inventory this browser validated when the visitor decided, or one stamped by
    // `crumbs-consent validate --stamp` for this version: no validator needed.
    const stamp = json?.stamp;
    const hash = stored?.h || typeof stamp == 'string' ? inventoryHash(json) : undefined;
    const trusted = hash && fingerprint(hash);
    let validated: InventoryValidation | undefined;
    if (trusted && (trusted === stored?.h || trusted === stamp)) {
      try {
        const inventory = normalizeInventory(json, hash);
        if (!stored || trusted === stored.h) return state.begin(inventory, stored);
        // Stamped, but not the inventory of the stored decision: whether its notice changed is
        // for the decision code to tell; the validator is not needed.
        validated = { inventory, errors: [], warnings: [] };
      } catch {
        // validated in full below
      }
    }
    // Google tags may run before the rest arrives: the defaults, and a stored decision that
    // still holds for this revision and lifetime, go out now.
    const current =
      stored &&
      stored.r == (json?.revision ?? 0) &&
      Date.now() / 1000 - stored.t < (json?.consent?.maxAgeDays ?? 182) * 86400;
    const g = json?.googleConsentMode;
    const wait = g?.waitForUpdate as number;
    replayStoredConsent(consentMode, current ? stored : null, !!g && g.enabled !== false, gpcSignal, {
      waitForUpdate: Number.isSafeInteger(wait) && wait >= 0 ? wait : undefined,
      adsDataRedaction: typeof g?.adsDataRedaction == 'boolean' ? g.adsDataRedaction : undefined,
      urlPassthrough: g?.urlPassthrough === true,
    });
    // Both files at once; the decision code may already be on its way. One failure, one report:
    // a failed load of the decision code has been reported already.
    const validator = validated ? Promise.resolve(() => validated) : source.validator().catch(String);
    return Promise.all([validator, withDecisions((d) => d)]).then(([validate, d]) => {
      if (!d || state.destroyed) return null;
      if (typeof validate == 'function') return d.check(json, stored, validate(json));
      state.fail('The inventory validator could not be loaded (' + validate + '); nothing optional was activated.');
      return null;
    });
  };

  const onDocumentClick = (event: Event) => {
    const opener = (event.target as Element | null)?.closest?.('[data-crumbs-open]');
    if (opener) {
      event.preventDefault();
      api.showPreferences(opener);
    }
  };
  // Listening from the start: a click before the inventory is ready opens the dialog once it is.
  document.addEventListener('click', onDocumentClick);

  const store = createSnapshotStore(state.emitter, () => {
    const inventory = state.inventory;
    return {
      status: inventory ? 'ready' : broken ? 'failed' : 'loading',
      consent: inventory ? state.toConsent(state.decision) : null,
      granted: inventory ? [...grantedIds(inventory.categories), ...grantedIds(inventory.services)] : [],
    };
  });

  const api = {
    get ready() {
      return ready;
    },
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    noticeSnapshot: (layer = 'banner') =>
      ready.then(() => (state.inventory ? withDecisions((d) => d.notice(layer)) : null)).then((notice) => notice ?? null, () => null),
    getConsent: guard(() => (state.inventory ? state.toConsent(state.decision) : null), null),
    isGranted: guard(isGranted, false),
    on: (event, handler) => state.emitter.on(event, handler),
    showBanner: () => void ready.then(() => state.show('banner')),
    showPreferences: (opener) => void ready.then(() => state.show('preferences', opener)),
    // Nothing to hide before the UI was ever loaded.
    hide: () => void ready.then(() => state.ui && state.withUi((handle) => handle.hide())),
    destroy: guard(() => {
      state.destroyed = true;
      state.gate?.stop();
      settingsButton?.remove();
      document.removeEventListener('click', onDocumentClick);
      void state.ui?.then((handle) => handle?.destroy());
    }),
  } as Crumbs;
  // They resolve once the decision is stored and applied: `await Crumbs.rejectAll()` before leaving the page.
  for (const name of DEFERRED) {
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      ready.then(() => {
        if (state.inventory) return withDecisions((d) => (d[name] as (...a: unknown[]) => void)(...args));
      }).then(() => {});
  }
  (state as { api: Crumbs }).api = api;

  const safeStart = (json: unknown) => {
    const failed = (error: unknown) => {
      // Whatever was already set up keeps working; the failure is reported, never thrown.
      state.fail('Start-up failed (' + String(error) + ').');
      return state.inventory ? state.toConsent(state.decision) : null;
    };
    try {
      return Promise.resolve(start(json)).then((consent) => consent ?? null, failed);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  };
  const given = options.inventory as { then?: unknown } | null;
  ready = (typeof given?.then == 'function' ? Promise.resolve(given).then(safeStart) : safeStart(given))
    .catch((error: unknown) => {
      state.fail('The inventory could not be loaded (' + String(error) + '); nothing optional was activated.');
      return null;
    })
    .then((consent) => {
      if (state.inventory) state.emitter.emit('ready', consent);
      else if (!state.destroyed) {
        // Failed closed: nothing optional runs. The visitor is told so where they look: a click on
        // a cookie-settings link, and the placeholders of the embeds that stay blocked (the gate
        // grants nothing, and takes back an embed whose markup fetched it ungated).
        broken = true;
        state.lang = pickLanguage(options.lang, []);
        if (options.gate !== false) (state.gate = createGate(document, () => false, redraw)).refresh();
        redraw();
      }
      return consent;
    });
  return api;
}

