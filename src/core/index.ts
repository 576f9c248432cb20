/**
 * `crumbs-consent/core`: the headless engine, without any UI code (no Preact).
 *
 * @packageDocumentation
 */
export { createCrumbs } from './create-crumbs';
export { formatProblem, InventoryError, parseInventory, validateInventory } from './inventory/validate-inventory';
export { lintInventory, validateAndLint } from './inventory/lint-inventory';
export { stampInventory } from './inventory/stamp-inventory';
export { snapshotNotice } from './notice/notice-snapshot';
export { BUNDLED_LANGUAGES } from './languages';
export type * from '../types';
