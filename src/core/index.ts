/**
 * `crumbs-consent/core`: the headless engine, without any UI code (no Preact).
 *
 * @packageDocumentation
 */
export { createCrumbs } from './create-crumbs';
export { formatProblem, InventoryError, parseInventory, validateInventory } from './inventory/validate-inventory';
export { lintInventory, validateAndLint } from './inventory/lint-inventory';
export { inventoryStamp } from './inventory/inventory-stamp';
export type * from '../types';
