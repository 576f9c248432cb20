import type { Runtime } from '../runtime';

/** What a change granted and took back (category and service ids). */
export interface Change {
  readonly granted: string[];
  readonly revoked: string[];
}

/**
 * The one effect pipeline: every path that sets the granted set (start-up, a decision, a revoke,
 * `reset()`, a GPC signal that overrides a stored grant) goes through it, so the order of effects
 * is written once:
 *
 * 1. tell Google tags and vendor APIs (first: an update sent while the page unloads may be lost);
 * 2. delete the cookies and storage of every service not granted (at start-up, once the cookies are
 *    listed without blocking, where the browser can: nothing granted then has run yet);
 * 3. gate: at start-up, begin gating the page's markup; after a change, take revoked embeds out
 *    and reload when a revoked script already ran (a script that ran cannot be unloaded), else
 *    activate what is granted now;
 * 4. after a change, emit `change` with what changed.
 *
 * The view (banner, dialog, settings button) is the caller's, after this. A consent record, when
 * there is one, is sent before: it must leave before a reload.
 *
 * @param previous - the granted set before the change; null at start-up
 */
export function applyChange(runtime: Runtime, previous: ReadonlySet<string> | null): Change {
  const { state } = runtime;
  const isGranted = (id: string) => state.granted.has(id);
  runtime.signal(previous);
  runtime.cleanup(!previous);
  if (!previous) {
    runtime.startGate();
    return { granted: [...state.granted], revoked: [] };
  }
  const revoked = new Set([...previous].filter((id) => !isGranted(id)));
  const granted = [...state.granted].filter((id) => !previous.has(id));
  const gate = state.gate;
  if (revoked.size) {
    gate?.revoke(revoked);
    if (state.inventory!.consent.reloadOnRevoke && gate?.ran(revoked)) {
      // Nothing else is activated on a page that is going away.
      state.reloading = true;
      (state.options.reload ?? (() => location.reload()))();
    }
  }
  if (!state.reloading) gate?.refresh();
  const change = { granted, revoked: [...revoked] };
  if (change.granted.length || change.revoked.length) state.emitter.emit('change', { ...change, consent: runtime.toConsent(state.decision) });
  return change;
}
