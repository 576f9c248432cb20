import { afterEach, beforeEach } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import type { ConsentRecord, Crumbs, CrumbsOptions, UiContext, UiHandle } from '../../src/types';
import { makeInventoryJson } from './inventory';

/** One first visit: the instance, its consent records, and the context the real UI would get. */
export interface FirstVisit {
  readonly crumbs: Crumbs;
  readonly records: ConsentRecord[];
  /** The context the UI gets, once start-up asks for the UI (in a task of its own). */
  readonly ui: () => Promise<UiContext>;
}

/**
 * Registers the hooks of a test file whose tests make first visits (the npm build: the decision
 * code at hand), and returns the function that makes one: an instance with a consent log, whose UI
 * stand-in hands out the context the real UI gets, and whose records are collected. Each test's
 * instances are destroyed after it, with the consent cookie and the page's body.
 */
export function useFirstVisits(): (options?: Partial<CrumbsOptions>) => FirstVisit {
  const instances: Crumbs[] = [];
  beforeEach(() => {
    Object.defineProperty(navigator, 'sendBeacon', { value: () => true, configurable: true });
  });
  afterEach(() => {
    for (const crumbs of instances.splice(0)) crumbs.destroy();
    document.cookie = 'crumbs_consent=; max-age=0; path=/';
    document.body.replaceChildren();
  });
  return (options = {}) => {
    let handOver!: (context: UiContext) => void;
    const context = new Promise<UiContext>((resolve) => (handOver = resolve));
    const handle: UiHandle = { show() {}, hide() {}, update() {}, destroy() {} };
    const crumbs = createCrumbs({
      inventory: makeInventoryJson({ consent: { logUrl: '/log' } }),
      reload: () => {},
      ui: (ctx) => (handOver(ctx), handle),
      ...options,
    });
    instances.push(crumbs);
    const records: ConsentRecord[] = [];
    crumbs.on('consent', (record) => records.push(record));
    return { crumbs, records, ui: () => context };
  };
}
