import type { CrumbsEvents } from '../types';

/** Typed event emitter that also dispatches `crumbs:<event>` CustomEvents on the document. */
export interface Emitter {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof CrumbsEvents>(event: K, handler: (payload: CrumbsEvents[K]) => void): () => void;
  /** Calls every handler, then dispatches the DOM event. A throwing handler is reported, not rethrown. */
  emit<K extends keyof CrumbsEvents>(event: K, payload: CrumbsEvents[K]): void;
}

/** Creates an emitter owned by one instance. */
export function createEmitter(): Emitter {
  // A Map, not an object: an event named `toString` must not find Object's. Handlers are stored
  // untyped; `on` and `emit` keep the types at the edges.
  const handlers = new Map<string, Set<(payload: never) => void>>();
  return {
    on(event, handler) {
      let set = handlers.get(event);
      if (!set) handlers.set(event, (set = new Set()));
      set.add(handler as (payload: never) => void);
      return () => void set.delete(handler as (payload: never) => void);
    },
    emit(event, payload) {
      for (const handler of Array.from(handlers.get(event) ?? [])) {
        try {
          (handler as (payload: CrumbsEvents[typeof event]) => void)(payload);
        } catch (error) {
          // Someone else's handler must not stop our pipeline, nor escape into the page as ours.
          console.error('[crumbs] a "' + event + '" handler threw:', error);
        }
      }
      document.dispatchEvent(new CustomEvent('crumbs:' + event, { detail: payload }));
    },
  };
}
