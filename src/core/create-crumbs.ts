import type { Crumbs, CrumbsOptions } from '../types';
import { createConsentMode } from '../integrations/google-consent-mode';
import { createEmitter } from './create-emitter';
import { createEngine } from './create-engine';
import { createDecisions } from './create-decisions';
import { validateInventory } from './inventory/validate-inventory';

/**
 * Creates a Crumbs instance: validates the inventory, applies the stored decision, gates the page's
 * `data-consent` markup, deletes cookies of services that are not granted, tells Consent Mode and
 * vendor APIs, and exposes the API of SPEC section 7. Each call makes an independent instance;
 * nothing is kept at module level.
 *
 * - A plain inventory starts synchronously: Consent Mode commands are in `dataLayer`, and granted
 *   markup is activated, when this returns. A promised inventory starts when it arrives.
 * - Fails closed: an invalid or missing inventory activates nothing, emits `error` and logs one
 *   console error naming the problem.
 * - Never throws into the page, and `ready` never rejects.
 *
 * @param options - the inventory (a parsed JSON value or a promise of one), the UI loader, language...
 * @example
 * ```ts
 * import { createCrumbs, mountUi } from 'crumbs-consent';
 * const crumbs = createCrumbs({ inventory: await (await fetch('/cookies.json')).json(), ui: mountUi });
 * crumbs.on('change', ({ granted }) => console.log('granted', granted));
 * ```
 */
export function createCrumbs(options: CrumbsOptions): Crumbs {
  return createEngine(options, { sources: { create: createDecisions, validate: validateInventory }, consentMode: createConsentMode(), emitter: createEmitter() });
}
