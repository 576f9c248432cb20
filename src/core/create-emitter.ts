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
  // Handlers are stored untyped; `on` and `emit` keep the types at the edges.
  const handlers: { [event: string]: Set<(payload: never) => void> } = {};
  return {
    on(event, handler) {
      const set = (handlers[event] ??= new Set());
      set.add(handler as (payload: never) => void);
      return () => void set.delete(handler as (payload: never) => void);
    },
    emit(event, payload) {
      for (const handler of Array.from(handlers[event] ?? [])) {
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
