import type { CrumbsEvents } from '../types';

/** Typed event emitter that also dispatches `crumbs:<event>` CustomEvents on the document. */
export interface Emitter {
  /** Subscribes; returns the unsubscribe function. */
  on<K extends keyof CrumbsEvents>(event: K, handler: (payload: CrumbsEvents[K]) => void): () => void;
  /** Calls every handler, then dispatches the DOM event. A throwing handler is reported, not rethrown. */
  emit<K extends keyof CrumbsEvents>(event: K, payload: CrumbsEvents[K]): void;
}

type Handler = (payload: unknown) => void;

/** Creates an emitter owned by one instance. */
export function createEmitter(): Emitter {
  // A Map, not an object: an event named `toString` must not find Object's. Handlers are stored
  // untyped; `on` and `emit` keep the types at the edges.
  const handlers = new Map<string, Set<Handler>>();
  return {
    on(event, handler) {
      const set = handlers.get(event) ?? new Set();
      handlers.set(event, set.add(handler as Handler));
      return () => void set.delete(handler as Handler);
    },
    emit(event, payload) {
      // A copy: a handler may unsubscribe (itself or another) while we iterate.
      for (const handler of [...(handlers.get(event) ?? [])]) {
        try {
          handler(payload);
        } catch (error) {
          // Someone else's handler must not stop our pipeline, nor escape into the page as ours.
          console.error('[crumbs] a "' + event + '" handler threw:', error);
        }
      }
      document.dispatchEvent(new CustomEvent('crumbs:' + event, { detail: payload }));
    },
  };
}
