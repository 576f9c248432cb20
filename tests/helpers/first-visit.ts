import { createCrumbs } from '../../src/core/create-crumbs';
import type { ConsentRecord, Crumbs, CrumbsOptions, UiContext, UiHandle } from '../../src/types';
import { makeInventoryJson } from './inventory';

/**
 * An instance (the npm build: the decision code at hand) on a first visit, with a consent log, whose
 * UI stand-in hands out the context the real UI gets; `records` collects its consent records. The
 * caller destroys it (`crumbs.destroy()`).
 */
export function firstVisit(options: Partial<CrumbsOptions> = {}): { crumbs: Crumbs; records: ConsentRecord[]; ui: () => UiContext } {
  let context!: UiContext;
  const handle: UiHandle = { show() {}, hide() {}, update() {}, destroy() {} };
  const crumbs = createCrumbs({
    inventory: makeInventoryJson({ consent: { logUrl: '/log' } }),
    reload: () => {},
    ui: (ctx) => ((context = ctx), handle),
    ...options,
  });
  const records: ConsentRecord[] = [];
  crumbs.on('consent', (record) => records.push(record));
  return { crumbs, records, ui: () => context };
}
