/**
 * `crumbs-engine.js`: the engine of the script tag, which `crumbs.js` imports next to itself and
 * starts (after the first paint for a returning visitor). It shares its chunks with
 * `crumbs-decide.js` and `crumbs-ui.js`.
 */
export { createEngine } from '../core/create-engine';
