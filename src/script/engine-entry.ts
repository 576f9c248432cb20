/**
 * `crumbs-engine.js`: the engine of the script tag, which `crumbs.js` imports next to itself and
 * starts (after the first contentful paint for a returning visitor). It shares its chunks with
 * `crumbs-decide.js` and `crumbs-validate.js`, built in the same split build as `crumbs-ui.js`.
 */
export { createEngine } from '../core/create-engine';
