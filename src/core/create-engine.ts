import type { Consent, Crumbs, CrumbsOptions } from '../types';
import type { ConsentMode } from '../integrations/google-consent-mode';
import { createApi } from './engine/create-api';
import { createRuntime } from './engine/create-runtime';
import { createState } from './engine/state';
import { start, type TrustedInventory } from './engine/start';
import { listenForOpeners } from './engine/triggers';
import type { Emitter } from './create-emitter';
import type { DecisionsSource } from './runtime';

/**
 * What the caller hands the engine besides the page's options. The Consent Mode pusher and the
 * emitter are given, never made here: `crumbs-engine.js` then carries neither factory, which the
 * script tag's boot has already run (about 0.5 KB gzip less for every returning page view);
 * `createCrumbs` makes them. Its names are shortened in the browser files (scripts/internal-names.mjs).
 */
export interface EngineSetup {
  /** Where the decision code and the validator come from: at hand (npm) or loaded on demand (script tag). */
  readonly sources: DecisionsSource;
  /** The Consent Mode pusher (the script tag's boot has used it already). */
  readonly consentMode: ConsentMode;
  /** The events (the script tag's stand-in `window.Crumbs` may hold subscriptions). */
  readonly emitter: Emitter;
  /** The inventory as the early banner already read it (the script tag's first visit). */
  readonly known?: TrustedInventory;
  /**
   * The consent cookie's value as the script tag already read it for this inventory (null or
   * undefined: none was found, or it was not read; the engine reads it itself then).
   */
  readonly storedCookie?: string | null;
}

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
 * @param setup - what the caller brings: see `EngineSetup`
 */
export function createEngine(options: CrumbsOptions, { sources, consentMode, emitter, known, storedCookie }: EngineSetup): Crumbs {
  const state = createState(options, consentMode, emitter);
  let api!: Crumbs;
  const runtime = createRuntime(state, sources, () => api);
  let ready: Promise<Consent | null>;
  let stopListening = () => {};
  api = createApi(runtime, () => ready, () => stopListening());
  stopListening = listenForOpeners(api);

  const safeStart = (json: unknown) => {
    const failed = (error: unknown) => {
      // Whatever was already set up keeps working; the failure is reported, never thrown.
      runtime.fail('Start-up failed (' + String(error) + ').');
      return state.inventory ? runtime.toConsent(state.decision) : null;
    };
    try {
      return Promise.resolve(start(runtime, sources, json, known, storedCookie)).then((consent) => consent ?? null, failed);
    } catch (error) {
      return Promise.resolve(failed(error));
    }
  };
  const given = options.inventory as { then?: unknown } | null;
  ready = (typeof given?.then == 'function' ? Promise.resolve(given).then(safeStart) : safeStart(given))
    .catch((error: unknown) => {
      runtime.fail('The inventory could not be loaded (' + String(error) + '); nothing optional was activated.');
      return null;
    })
    .then((consent) => {
      if (state.inventory) state.emitter.emit('ready', consent);
      else if (!state.destroyed) runtime.failClosed();
      return consent;
    });
  return api;
}
