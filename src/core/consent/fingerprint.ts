import { hashString } from '../hash';

/**
 * The fingerprint a decision records of the inventory it was made with
 * (`Decision.inventoryFingerprint`). The widget version is part of it, so that a newer, perhaps
 * stricter, validator looks at every inventory once again after an upgrade.
 *
 * @param inventoryHash - `Inventory.hash` (`hashJson` of the inventory as written)
 * @param version - the Crumbs version doing the validating
 */
export const inventoryFingerprint = (inventoryHash: string, version: string) => hashString(version + inventoryHash);
