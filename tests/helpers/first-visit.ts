import { afterEach, beforeEach } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import type { ConsentRecord, Crumbs, CrumbsOptions, UiContext, UiHandle } from '../../src/types';
import { makeInventoryJson } from './inventory';

/** One first visit: the instance, its consent records, and the context the real UI would get. */
export interface FirstVisit {
  readonly crumbs: Crumbs;
  readonly records: ConsentRecord[];
  readonly ui: () => UiContext;
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
    let context!: UiContext;
    const handle: UiHandle = { show() {}, hide() {}, update() {}, destroy() {} };
    const crumbs = createCrumbs({
      inventory: makeInventoryJson({ consent: { logUrl: '/log' } }),
      reload: () => {},
      ui: (ctx) => ((context = ctx), handle),
      ...options,
    });
    instances.push(crumbs);
    const records: ConsentRecord[] = [];
    crumbs.on('consent', (record) => records.push(record));
    return { crumbs, records, ui: () => context };
  };
}
