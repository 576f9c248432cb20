export { compileCookieName } from './compile-cookie-name';
export { lintInventory, validateAndLint } from './lint-inventory';
export { formatProblem, InventoryError, parseInventory, validateInventory } from './validate-inventory';
