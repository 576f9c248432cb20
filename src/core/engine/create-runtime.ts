import type { Crumbs, Inventory, UiContext } from '../../types';
import { grantedConsentTypes, pushConsentEvent } from '../../integrations/google-consent-mode';
import { callVendorConsent } from '../../integrations/vendor-consent';
import { deleteCookies, readCookieNames } from '../cleanup/delete-cookies';
import type { Decision } from '../consent/decision';
import { isDecisionCurrent, resolveGrants, unseenServices } from '../consent/resolve-grants';
import { createGate } from '../gate/create-gate';
import { guard } from '../guard';
import { pickLanguage } from '../pick-language';
import { gpcCounts } from '../read-gpc';
import type { Decisions, DecisionsSource, Runtime } from '../runtime';
import { createSettingsButton, type SettingsButton } from '../settings-button';
import { nextTask } from '../next-task';
import { whenBody } from '../when-body';
import { applyChange } from './apply-change';
import type { WritableState } from './state';

/**
 * The steps every path shares over one instance's state: reporting a failure, telling Google tags
 * and vendor APIs, clean-up, gating, the UI and the settings button, beginning with an inventory,
 * putting a decision in force. The part loaded on demand (`createDecisions`) works through them.
 *
 * @param state - the instance's state (`createState`), which `commit` alone writes the decision of
 * @param source - where the lazily loaded part and the validator come from
 * @param api - the instance's public API (made after the runtime, which it works through)
 */
export function createRuntime(state: WritableState, source: DecisionsSource, api: () => Crumbs): Runtime {
  const { options, consentMode } = state;
  let settingsButton: SettingsButton | undefined;
  let settingsWanted = false;
  let decisions: Decisions | undefined;
  let loading: Promise<Decisions | undefined> | undefined;

  const isGranted = (id: string) => state.granted.has(id);
  const grantedIds = (list: readonly { id: string }[]) => list.filter((x) => isGranted(x.id)).map((x) => x.id);
  const consentModeOn = () => state.inventory!.googleConsentMode?.enabled === true;

  const runtime: Runtime = {
    state,
    get api() {
      return api();
    },

    fail(message, problems) {
      console.error('[crumbs] ' + message);
      // A grant replayed before start-up must not outlive a failed start: Google tags fall back to denied.
      if (!state.inventory && consentMode.replayed()) consentMode.update([], false);
      // Later than the console: a failure during a synchronous start must still reach `on('error')`
      // subscribers added right after createCrumbs returns.
      void Promise.resolve().then(() => state.emitter.emit('error', problems ? { message, problems } : { message }));
    },

    withDecisions<R>(use: (d: Decisions) => R): R | Promise<R | undefined> | undefined {
      const run = (d: Decisions | undefined) => (d && !state.destroyed ? guard(use)(d) : undefined);
      if (decisions || 'create' in source) return run((decisions ??= (source as { create: (r: Runtime) => Decisions }).create(runtime)));
      // A failed load is reported, and tried again at the next need (a visitor's next click).
      loading ??= source.load().then(
        (create) => (decisions ??= create(runtime)),
        (error: unknown) => {
          loading = undefined;
          runtime.fail('Crumbs could not load its decision code (' + String(error) + '); nothing optional was activated.');
          return undefined;
        },
      );
      return loading.then(run);
    },

    commit(decision, granted) {
      const previous = state.granted;
      state.decision = decision;
      state.granted = granted;
      return previous;
    },

    toConsent: (d) =>
      d && {
        id: d.id,
        time: new Date(d.decidedAt * 1000).toISOString(),
        revision: d.inventoryRevision,
        action: d.actionTaken,
        categories: grantedIds(state.inventory!.categories),
        services: grantedIds(state.inventory!.services),
        exceptions: Object.fromEntries(Object.entries(d.serviceExceptions).map(([id, flag]) => [id, flag == 1])),
        shown: d.shownServices,
        lang: d.noticeLang,
        gpc: d.gpcPresent == 1,
      },

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
        pushConsentEvent(grantedIds(inventory.categories), grantedIds(inventory.services));
      }
      const changes = new Map<string, boolean>();
      for (const { id } of inventory.services) {
        if (!previous || previous.has(id) != isGranted(id)) changes.set(id, isGranted(id));
      }
      callVendorConsent(inventory, changes, !previous);
    },

    cleanup(later) {
      const inventory = state.inventory!;
      // After a change it is done at once: a reload may follow, and the cookies must be gone first.
      const names = later && readCookieNames();
      if (!names) return void deleteCookies(inventory, isGranted);
      // After destroy() too: cookies of services not granted go either way.
      void names.then((list) => guard(deleteCookies)(inventory, isGranted, list ?? undefined));
    },

    startGate() {
      if (options.gate === false) return;
      const inventory = state.inventory;
      const known = new Set(inventory ? [...inventory.categories, ...inventory.services].map((x) => x.id) : []);
      // Without an inventory (a failed start) nothing is granted, and embeds get placeholders that say so.
      state.gate = inventory ? createGate(document, isGranted, runtime.redraw, (id) => known.has(id), runtime.fail) : createGate(document, () => false, runtime.redraw);
      state.gate.refresh();
    },

    applyChange: (previous) => applyChange(runtime, previous),

    redraw: (close) =>
      (state.ui || state.gate?.blocked().length || document.querySelector('[data-crumbs-cookie-table]')) &&
      runtime.withUi((handle) => (close && handle.hide(), handle.update())),

    view(ask) {
      const inventory = state.inventory!;
      const decision = state.decision;
      // Settled: the visitor answered, about every optional service there is now.
      const settled = !!decision?.answered && !unseenServices(decision, inventory).length;
      const hasChoice = inventory.categories.some((c) => !c.required);
      if (hasChoice && !settled && ask) return Promise.resolve(runtime.show('banner'));
      // Closing also takes down an early banner still up when a decision arrived from another tab.
      return Promise.all([runtime.settingsButton(hasChoice && settled), runtime.redraw(settled)]);
    },

    settingsButton(visible) {
      const inventory = state.inventory;
      if (!inventory || inventory.ui.settingsButton == 'none') return;
      // Made only to be shown, in a task of its own: a page's first shadow root and first SVG
      // element cost milliseconds (8 and 5.6 at 4x CPU, measured), which made start-up's task a
      // long one.
      // The last call wins: a hide asked for while a show waits for its task is not undone by it.
      settingsWanted = visible;
      return whenBody(true)
        .then(() => (settingsButton || !visible ? undefined : nextTask()))
        .then(() => {
          if (state.destroyed || !(settingsButton || (visible && settingsWanted))) return;
          settingsButton ??= createSettingsButton(
            state.lang,
            inventory.texts[state.lang]?.['settings.button'],
            inventory.ui.settingsButton,
            (button) => runtime.api.showPreferences(button),
          );
          settingsButton.toggle(settingsWanted);
        });
    },

    focusSettingsButton: () => settingsButton?.focus(),
    removeSettingsButton: () => settingsButton?.remove(),

    withUi(action) {
      const inventory = state.inventory;
      if (!state.ui) {
        if (!options.ui || !(inventory || state.broken) || state.destroyed) return Promise.resolve();
        const context: UiContext = {
          crumbs: runtime.api,
          // Without a usable inventory the UI only says so (`broken`): it has nothing to list.
          inventory: inventory ?? ({ categories: [], services: [], ui: {}, texts: {} } as unknown as Inventory),
          broken: state.broken,
          lang: state.lang,
          gpc: state.gpc,
          document,
          blockedEmbeds: () => state.gate?.blocked() ?? [],
          loadOnce(element) {
            state.gate?.force(element);
            const id = element.getAttribute('data-consent');
            if (id) void runtime.withDecisions((d) => ((state.layer = 'placeholder'), d.recordLoadOnce(id)));
          },
          allowService: (id) => void runtime.withDecisions((d) => ((state.layer = 'placeholder'), d.allowService(id))),
          layer: (layer) => void (state.layer = layer),
        };
        // Here, not in the part loaded on demand: placeholders, cookie tables and the dialog of a
        // returning visitor need the UI only, and a decision loads the rest when it is made.
        // In a task of its own, as the settings button: not part of start-up's.
        state.ui = whenBody()
          .then(nextTask)
          .then(() => (state.destroyed ? undefined : options.ui!(context)))
          .catch((error: unknown) => {
            // Tried again at the next need (a click on the settings link), not dead for good.
            state.ui = undefined;
            runtime.fail('The UI could not be loaded (' + String(error) + ').');
            return undefined;
          });
      }
      return state.ui!.then((handle) => handle && !state.destroyed && guard(action)(handle));
    },

    show(view, opener) {
      // The button stays while the dialog is open: focus returns to it when the dialog closes.
      if (view == 'banner') runtime.settingsButton(false);
      void runtime.withUi((handle) => handle.show(view, opener));
      // The visitor is about to decide: fetch that part meanwhile, not after the click.
      if (!state.broken) void runtime.withDecisions(() => {});
    },

    begin(inventory: Inventory, stored: Decision | null, later?: boolean) {
      if (state.destroyed) return null;
      state.inventory = inventory;
      state.lang = pickLanguage(options.lang, Object.keys(inventory.texts));
      const gpc = (state.gpc = gpcCounts(state.gpcSignal, inventory));
      const decision = stored && isDecisionCurrent(stored, inventory, Date.now() / 1000) ? stored : null;
      runtime.commit(decision, resolveGrants(decision, inventory, gpc));
      if (consentModeOn()) consentMode.defaults(inventory.googleConsentMode);
      const consent = () => runtime.toConsent(state.decision);
      const effects = () => {
        if (state.destroyed) return null;
        runtime.applyChange(null);
        // The GPC signal outranks an older grant: store and record the opt-out, so that a later visit
        // without the signal does not bring the grant back. `ready` waits for that.
        const confirmed =
          decision && !decision.gpcPresent && inventory.categories.some((c) => decision.grantedCategories.includes(c.id) && !isGranted(c.id))
            ? runtime.withDecisions((d) => d.confirm())
            : undefined;
        void runtime.view(options.autoShow !== false);
        return confirmed instanceof Promise ? confirmed.then(consent) : consent();
      };
      // The grants and Consent Mode's defaults are in force at once; the effects follow in a task
      // of their own when asked: after reading, hashing and normalising the inventory in the same
      // task, they made it one of 50-95 ms at 4x CPU (traced, returning visits with a cold cache:
      // a long task after every first paint). Gated markup waits meanwhile, as it has since the page
      // was parsed.
      return later ? nextTask().then(effects) : effects();
    },

    failClosed() {
      // Failed closed: nothing optional runs. The visitor is told so where they look: a click on a
      // cookie-settings link, and the placeholders of the embeds that stay blocked (the gate grants
      // nothing, and takes back an embed whose markup fetched it ungated).
      state.broken = true;
      state.lang = pickLanguage(options.lang, []);
      runtime.startGate();
      runtime.redraw();
    },
  };
  return runtime;
}
