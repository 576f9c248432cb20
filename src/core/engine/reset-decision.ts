import { createDecisionStore } from '../consent/create-decision-store';
import { resolveGrants } from '../consent/resolve-grants';
import type { Runtime } from '../runtime';
import type { Recorder } from './create-recorder';

/**
 * `reset()`: forgets the stored decision (the cookie is deleted), takes back every optional grant
 * through the one pipeline, records the reset, and asks again.
 */
export function resetDecision(state: Runtime, recorder: Recorder): void {
  const inventory = state.inventory!;
  createDecisionStore(inventory).clear();
  const forgotten = state.decision;
  state.decision = null;
  const previous = state.granted;
  state.granted = resolveGrants(null, inventory, state.gpc);
  // Under the forgotten decision's consent id, so that its history shows the reset; what is granted
  // now (the required categories) as its content. Before the effects, which may reload.
  if (forgotten) recorder.record(state.toConsent({ ...forgotten, decidedAt: Math.floor(Date.now() / 1000), serviceExceptions: {}, shownServices: [] })!, 'reset');
  state.applyChange(previous);
  void state.view(true);
}
