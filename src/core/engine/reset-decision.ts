import { createDecisionStore } from '../consent/create-decision-store';
import { resolveGrants } from '../consent/resolve-grants';
import type { Runtime } from '../runtime';
import type { Recorder } from './create-recorder';

/**
 * `reset()`: forgets the stored decision (the cookie is deleted), records the reset when there was
 * a decision, takes back every optional grant through the one pipeline, and asks again.
 */
export function resetDecision(runtime: Runtime, recorder: Recorder): void {
  const { state } = runtime;
  const inventory = state.inventory!;
  createDecisionStore(inventory).clear();
  const forgotten = state.decision;
  const previous = runtime.commit(null, resolveGrants(null, inventory, state.gpc));
  // Under the forgotten decision's consent id, so that its history shows the reset; what is granted
  // now (the required categories) as its content. Before the effects, which may reload.
  if (forgotten) recorder.record(runtime.toConsent({ ...forgotten, decidedAt: Math.floor(Date.now() / 1000), serviceExceptions: {}, shownServices: [] })!, 'reset');
  runtime.applyChange(previous);
  void runtime.view(true);
}
