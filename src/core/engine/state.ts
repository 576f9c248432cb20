import type { ConsentMode } from '../../integrations/google-consent-mode';
import type { CrumbsOptions, Inventory, NoticeLayer, UiHandle } from '../../types';
import type { Decision } from '../consent/decision';
import type { Emitter } from '../create-emitter';
import type { Gate } from '../gate/create-gate';
import { readGpc } from '../read-gpc';

/**
 * One instance's state: no methods of its own. The steps that change it are the runtime's
 * (`createRuntime`), the decision code's and the API's `destroy`; each field says which. The
 * decision in force and its grants are read-only here: only `commit` writes them (see `WritableState`).
 */
export interface EngineState {
  readonly options: CrumbsOptions;
  readonly emitter: Emitter;
  readonly consentMode: ConsentMode;
  /** Whether the browser sends a Global Privacy Control signal (read once, at creation). */
  readonly gpcSignal: boolean;
  /** Set by `begin`, once the inventory is validated (or trusted, see `normalizeInventory`). */
  inventory?: Inventory;
  /** The decision in force, or null: written only by `commit`. */
  readonly decision: Decision | null;
  /** Granted category and service ids: written only by `commit`. */
  readonly granted: ReadonlySet<string>;
  /** The UI language, picked by `begin` (or `failClosed`). */
  lang: string;
  /** Whether a GPC signal is honoured now (`begin`). */
  gpc: boolean;
  /** The gate over the page's markup, once `startGate` made it. */
  gate?: Gate;
  /** Set by the API's `destroy()`: nothing runs any more. */
  destroyed: boolean;
  /** A reload after a revoke is under way (`applyChange`): nothing else is activated. */
  reloading: boolean;
  /** Where the next decision comes from, as the UI said just before making it; used once by its record. */
  layer?: NoticeLayer;
  /** Start-up failed (no usable inventory, `failClosed`): nothing optional runs, the UI only says so. */
  broken: boolean;
  /** The UI, once something asked for it (undefined before, or again after a failed load; resolves to undefined if it failed). */
  ui?: Promise<UiHandle | undefined>;
}

/** The state as its one writer of the decision in force (`commit`, in `createRuntime`) holds it. */
export interface WritableState extends Omit<EngineState, 'decision' | 'granted'> {
  decision: Decision | null;
  granted: ReadonlySet<string>;
}

/** The state of a new instance: nothing decided, nothing granted, no inventory yet. */
export function createState(options: CrumbsOptions, consentMode: ConsentMode, emitter: Emitter): WritableState {
  return {
    options,
    emitter,
    consentMode,
    gpcSignal: readGpc(),
    decision: null,
    granted: new Set(),
    lang: 'en',
    gpc: false,
    destroyed: false,
    reloading: false,
    broken: false,
  };
}
