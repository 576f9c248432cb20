/**
 * `crumbs-engine.js`: the engine of the script tag, which `crumbs.js` imports next to itself and
 * starts (after the first contentful paint for a returning visitor). Built on its own, one file that
 * imports nothing: every page view of a returning visitor loads it and no other (build.mjs says why).
 */
export { createEngine } from '../core/create-engine';
