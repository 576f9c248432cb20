import type { Consent, Crumbs } from '../../types';
import { createSnapshotStore } from '../create-snapshot-store';
import { guard } from '../guard';
import type { Runtime } from '../runtime';

/** The API methods that need the lazily loaded part: they wait for `ready`, then for it. */
const DEFERRED = ['acceptAll', 'rejectAll', 'save', 'reset'] as const;

/**
 * The public API of one instance (SPEC section 7), as plain methods over its state. Nothing here
 * throws into the page: getters are guarded, and promises never reject.
 * @param ready - resolves once the stored choice is applied (or start-up failed)
 * @param stop - ends what the engine set up outside the state (the click listener)
 */
export function createApi(state: Runtime, ready: () => Promise<Consent | null>, stop: () => void): Crumbs {
  const grantedIds = (list: readonly { id: string }[]) => list.filter((x) => state.granted.has(x.id)).map((x) => x.id);
  const store = createSnapshotStore(state.emitter, () => {
    const inventory = state.inventory;
    return {
      status: inventory ? 'ready' : state.broken ? 'failed' : 'loading',
      consent: inventory ? state.toConsent(state.decision) : null,
      granted: inventory ? [...grantedIds(inventory.categories), ...grantedIds(inventory.services)] : [],
    };
  });
  const api = {
    get ready() {
      return ready();
    },
    subscribe: store.subscribe,
    getSnapshot: store.getSnapshot,
    noticeSnapshot: (layer = 'banner') =>
      ready()
        .then(() => (state.inventory ? state.withDecisions((d) => d.notice(layer)) : null))
        .then((notice) => notice ?? null, () => null),
    getConsent: guard(() => (state.inventory ? state.toConsent(state.decision) : null), null),
    isGranted: guard((id: string) => state.granted.has(id), false),
    on: (event, handler) => state.emitter.on(event, handler),
    showBanner: () => void ready().then(() => state.show('banner')),
    showPreferences: (opener) => void ready().then(() => state.show('preferences', opener)),
    // Nothing to hide before the UI was ever loaded.
    hide: () => void ready().then(() => state.ui && state.withUi((handle) => handle.hide())),
    destroy: guard(() => {
      state.destroyed = true;
      state.gate?.stop();
      state.removeSettingsButton();
      stop();
      void state.ui?.then((handle) => handle?.destroy());
    }),
  } as Crumbs;
  // They resolve once the decision is stored and applied: `await Crumbs.rejectAll()` before leaving the page.
  for (const name of DEFERRED) {
    (api as unknown as Record<string, unknown>)[name] = (...args: unknown[]) =>
      ready()
        .then(() => {
          if (state.inventory) return state.withDecisions((d) => (d[name] as (...a: unknown[]) => void)(...args));
        })
        .then(() => {});
  }
  return api;
}
