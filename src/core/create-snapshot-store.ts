import type { ConsentSnapshot } from '../types';
import type { Emitter } from './create-emitter';
import { guard } from './guard';

/** The `subscribe` / `getSnapshot` pair of the public API. */
export interface SnapshotStore {
  subscribe(onChange: () => void): () => void;
  getSnapshot(): ConsentSnapshot;
}

/**
 * The consent state as an external store, in the shape React's `useSyncExternalStore` and Vue's
 * `shallowRef` expect: `getSnapshot` returns the same frozen object until something a reader can
 * see changed (React compares by identity and would re-render forever on a fresh object), and
 * `subscribe` hears every such change. Both are plain functions, usable without `this`.
 *
 * @param read - builds a fresh snapshot from the instance's state
 */
export function createSnapshotStore(emitter: Emitter, read: () => ConsentSnapshot): SnapshotStore {
  let snapshot: ConsentSnapshot | undefined;
  const listeners = new Set<() => void>();
  const invalidate = () => {
    snapshot = undefined;
    // A copy: a listener may unsubscribe while we iterate. One that throws must not stop the others.
    for (const listener of [...listeners]) guard(listener)();
  };
  // Every event a reader of the state could notice: start-up, a failure, any decision or grant change.
  for (const event of ['ready', 'error', 'consent', 'change'] as const) emitter.on(event, invalidate);
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    getSnapshot: () => (snapshot ??= Object.freeze(read())),
  };
}
