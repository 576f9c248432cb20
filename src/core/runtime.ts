import type {
  Consent,
  ConsentChoice,
  Crumbs,
  Inventory,
  InventoryProblem,
  NoticeLayer,
  NoticeSnapshot,
  InventoryValidation,
  UiHandle,
  UiView,
} from '../types';
import type { Decision } from './consent/decision';
import type { Change } from './engine/apply-change';
import type { EngineState } from './engine/state';

/**
 * One instance's steps over its state (`state`), shared by the part of the engine every page view
 * runs (start-up, gating, clean-up, the read-only API) and the part loaded only when something must
 * be decided (`createDecisions`: validation, decisions, records). Internal: not part of the public API.
 */
export interface Runtime {
  /** The instance's data; see `EngineState` for which step writes each field. */
  readonly state: EngineState;
  /** The public API of the instance (for the UI and the settings button). */
  readonly api: Crumbs;
  /** Reports a failure once (console and `error` event) and withdraws an early Consent Mode replay. */
  fail(message: string, problems?: readonly InventoryProblem[]): void;
  /**
   * Runs `use` (guarded) with the lazily loaded part: at once when it is at hand, else once it has
   * loaded. A failed load is reported, and tried again at the next need.
   */
  withDecisions<R>(use: (d: Decisions) => R): R | Promise<R | undefined> | undefined;
  /** Begins gating the page's markup (grants nothing without an inventory). */
  startGate(): void;
  /** The one effect pipeline after the granted set changed (see `applyChange`); `previous` is null at start-up. */
  applyChange(previous: ReadonlySet<string> | null): Change;
  /**
   * Draws what the page asks for unasked (placeholders, cookie tables), or updates it, closing the
   * banner or dialog first when `close`; settles once done.
   */
  redraw(close?: boolean): unknown;
  /**
   * The view after the pipeline, for every path (start-up, decision, reset): while the decision in
   * force leaves an optional service unanswered, the banner (shown when `ask`, else left as it is)
   * and no settings button; once it answers them all, the banner or dialog closed, and the settings
   * button when there is a choice to change. The UI is brought up to date.
   * @returns settles once the settings button and the UI are done (at once when it shows the banner)
   */
  view(ask: boolean): Promise<unknown>;
  /** Start-up failed: gates everything and tells the visitor where they look. */
  failClosed(): void;
  /**
   * Applies a validated inventory and the stored decision: grants, signals, clean-up, gate, banner.
   * A promise when a decision must be stored again first (a GPC signal overrode a grant), or when
   * `later` asks for the effects (signals, clean-up, gate, view) in a task of their own: the grants
   * and Consent Mode's defaults are in force at once either way.
   */
  begin(inventory: Inventory, stored: Decision | null, later?: boolean): Consent | null | Promise<Consent | null>;
  /**
   * Puts a decision in force (null: none) with what it grants, and returns the granted set as it
   * was before, for `applyChange`. The one writer of `state.decision` and `state.granted`.
   */
  commit(decision: Decision | null, granted: ReadonlySet<string>): ReadonlySet<string>;
  toConsent(decision: Decision | null): Consent | null;
  /** Tells Consent Mode and vendor APIs; `previous` is null at start-up. */
  signal(previous: ReadonlySet<string> | null): void;
  /**
   * Deletes the declared cookies and storage keys of services that are not granted; at start-up
   * (`later`) without blocking where the browser can list cookies so.
   */
  cleanup(later?: boolean): void;
  /** Shows or hides the settings button (drawn by the core); resolves once done. */
  settingsButton(visible: boolean): Promise<unknown> | undefined;
  focusSettingsButton(): void;
  removeSettingsButton(): void;
  /** Loads the UI if needed, then runs `action` on it (guarded). */
  withUi(action: (handle: UiHandle) => void): Promise<unknown>;
  /** Shows the banner (hiding the settings button) or the preferences dialog. */
  show(view: UiView, opener?: Element | null): void;
}

/** What the lazily loaded part of the engine offers; see `createDecisions`. */
export interface Decisions {
  /** Begins with a validated inventory, or fails closed when the validation found errors. */
  check(json: unknown, stored: Decision | null, result: InventoryValidation): Consent | null | Promise<Consent | null>;
  /** Stores the decision again as the state in force (after a GPC signal overrode a stored grant). */
  confirm(): void;
  acceptAll(): void;
  rejectAll(): void;
  save(choice: ConsentChoice): void;
  reset(): void;
  /** Records an `embed` decision granting one service ("always allow" on a placeholder). */
  allowService(serviceId: string): void;
  /** Sends the record of an `embed-once` ("load once" on a placeholder); nothing is stored. */
  recordLoadOnce(serviceId: string): void;
  /** The notice snapshot in the UI language for `layer`, with its hash. */
  notice(layer: NoticeLayer): NoticeSnapshot;
}

/** Creates the lazily loaded part for one instance. */
export type DecisionsFactory = (runtime: Runtime) => Decisions;

/** Validates an inventory (see `validateInventory`). */
export type InventoryValidator = (json: unknown) => InventoryValidation;

/**
 * Where the engine gets that part and the validator: at hand (the npm build: everything starts
 * synchronously), or loaded the first time they are needed (the script-tag build, so that returning
 * visitors never pay for them, and a stamped inventory never needs the validator).
 */
export type DecisionsSource =
  | { readonly create: DecisionsFactory; readonly validate: InventoryValidator }
  | { readonly load: () => Promise<DecisionsFactory>; readonly validator: () => Promise<InventoryValidator> };
