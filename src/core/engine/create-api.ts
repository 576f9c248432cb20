import type { Consent, ConsentChoice, Crumbs } from '../../types';
import { createSnapshotStore } from '../create-snapshot-store';
import { guard } from '../guard';
import type { Decisions, Runtime } from '../runtime';

/**
 * The public API of one instance (SPEC section 7), as plain methods over its state. Nothing here
 * throws into the page: getters are guarded, and promises never reject.
 * @param ready - resolves once the stored choice is applied (or start-up failed)
 * @param stop - ends what the engine set up outside the state (the click listener)
 */
export function createApi(runtime: Runtime, ready: () => Promise<Consent | null>, stop: () => void): Crumbs {
  const { state } = runtime;
  const grantedIds = (list: readonly { id: string }[]) => list.filter((x) => state.granted.has(x.id)).map((x) => x.id);
  const store = createSnapshotStore(state.emitter, () => {
    const inventory = state.inventory;
    return {
      status: inventory ? 'ready' : state.broken ? 'failed' : 'loading',
      consent: inventory ? runtime.toConsent(state.decision) : null,
      granted: inventory ? [...grantedIds(inventory.categories), ...grantedIds(inventory.services)] : [],
    };
  });
  // They resolve once the decision is stored and applied: `await Crumbs.rejectAll()` before leaving the page.
  const decided =
    <A extends unknown[]>(call: (d: Decisions, ...args: A) => void) =>
    (...args: A): Promise<void> =>
      ready()
        .then(() => {
          if (state.inventory) return runtime.withDecisions((d) => call(d, ...args));
        })
        .then(() => {});
  return {
    get ready() {
      return ready();
    },
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    noticeSnapshot: (layer = 'banner') =>
      ready()
        .then(() => (state.inventory ? runtime.withDecisions((d) => d.notice(layer)) : null))
        .then((notice) => notice ?? null, () => null),
    getConsent: guard(() => (state.inventory ? runtime.toConsent(state.decision) : null), null),
    isGranted: guard((id: string) => state.granted.has(id), false),
    on: (event, handler) => state.emitter.on(event, handler),
    showBanner: () => void ready().then(() => runtime.show('banner')),
    showPreferences: (opener) => void ready().then(() => runtime.show('preferences', opener)),
    // Nothing to hide before the UI was ever loaded.
    hide: () => void ready().then(() => state.ui && runtime.withUi((handle) => handle.hide())),
    destroy: guard(() => {
      state.destroyed = true;
      state.gate?.stop();
      runtime.removeSettingsButton();
      stop();
      void state.ui?.then((handle) => handle?.destroy());
    }),
    acceptAll: decided((d) => d.acceptAll()),
    rejectAll: decided((d) => d.rejectAll()),
    save: decided((d, choice: ConsentChoice) => d.save(choice)),
    reset: decided((d) => d.reset()),
  };
}
