import { inventoryStamp } from './inventory-stamp';
import { parseInventory } from './validate-inventory';

/**
 * The `stamp` for a valid inventory, as `crumbs-consent validate --stamp` writes it: validates first,
 * because browsers trust a stamped inventory without validating it themselves.
 *
 * @param json - the inventory as parsed from JSON
 * @returns the value to store as the inventory's root `"stamp"`
 * @throws InventoryError when the inventory is invalid (nothing to stamp)
 * @example
 * ```ts
 * const json = JSON.parse(await readFile('cookies.json', 'utf8'));
 * await writeFile('cookies.json', JSON.stringify({ ...json, stamp: stampInventory(json) }, null, 2));
 * ```
 */
export function stampInventory(json: unknown): string {
  parseInventory(json);
  return inventoryStamp(json);
}
