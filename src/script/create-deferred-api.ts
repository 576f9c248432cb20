import type { ConsentSnapshot, Crumbs } from '../types';
import type { Emitter } from '../core/create-emitter';
import { guard } from '../core/guard';

/** The stand-in and the two ways its wait ends. */
export interface DeferredApi {
  /** What the page gets as `window.Crumbs` from the first moment. */
  readonly api: Crumbs;
  /** The engine is running: every call goes to it from now on, and calls made so far are replayed. */
  attach(engine: Crumbs): void;
  /** The engine could not be loaded: reported once; nothing optional runs, promises settle. */
  fail(message: string): void;
}

const snapshot = (status: ConsentSnapshot['status']): ConsentSnapshot => Object.freeze({ status, consent: null, granted: Object.freeze([]) });

/**
 * The script tag's `window.Crumbs` while the engine (`crumbs-engine.js`) is on its way: `crumbs.js`
 * does only what must precede the first paint and every Google tag (Consent Mode), and a returning
 * visitor's engine starts after the first paint. The page can use the whole API at once: events
 * and subscriptions are taken now (the engine emits into the same emitter), getters answer "nothing
 * granted yet" (as any instance does before `ready`), and the methods that act wait for the engine.
 * Never throws into the page; promises never reject.
 */
export function createDeferredApi(emitter: Emitter): DeferredApi {
  let engine: Crumbs | undefined;
  let current = snapshot('loading');
  let settle!: (engine: Crumbs | undefined) => void;
  const arrived = new Promise<Crumbs | undefined>((resolve) => (settle = resolve));
  const listeners = new Set<() => void>();
  const notify = () => {
    for (const listener of [...listeners]) guard(listener)();
  };
  /** A method that waits for the engine; without one, it settles with nothing. */
  const later =
    <K extends keyof Crumbs>(name: K) =>
    (...args: unknown[]) =>
      arrived.then((e) => (e ? (e[name] as (...a: unknown[]) => unknown)(...args) : undefined));
  const api = {
    ready: arrived.then((e) => (e ? e.ready : null)),
    getConsent: guard(() => (engine ? engine.getConsent() : null), null),
    isGranted: guard((id: string) => !!engine && engine.isGranted(id), false),
    getSnapshot: () => (engine ? engine.getSnapshot() : current),
    subscribe(onChange: () => void) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    on: (event, handler) => emitter.on(event, handler),
    acceptAll: later('acceptAll'),
    rejectAll: later('rejectAll'),
    save: later('save'),
    reset: later('reset'),
    noticeSnapshot: (layer) => arrived.then((e) => (e ? e.noticeSnapshot(layer) : null)),
    showBanner: () => void later('showBanner')(),
    showPreferences: (opener) => void later('showPreferences')(opener),
    hide: () => void later('hide')(),
    destroy: () => void later('destroy')(),
  } as Crumbs;
  return {
    api,
    attach(started) {
      engine = started;
      // The engine's own store tells us of every later change; this is the change from "loading".
      started.subscribe(notify);
      settle(started);
      notify();
    },
    fail(message) {
      current = snapshot('failed');
      console.error('[crumbs] ' + message);
      emitter.emit('error', { message });
      settle(undefined);
      notify();
    },
  };
}
