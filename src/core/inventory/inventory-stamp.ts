import { inventoryFingerprint } from '../consent/fingerprint';
import { inventoryHash } from '../hash';
import { VERSION } from '../version';

/**
 * The `stamp` that `crumbs-consent validate --stamp` writes into a valid inventory: the fingerprint
 * of exactly this inventory for this Crumbs version. A browser that finds it current trusts the
 * inventory without downloading the validator, as it does for the inventory a returning visitor
 * decided on. It is a checksum, not a signature: it records that this text passed this version's
 * validator; an inventory edited afterwards no longer matches and is validated in the browser again.
 * @param json - the inventory as parsed from JSON
 * @param hash - its `inventoryHash`, when the caller has it already
 */
export const inventoryStamp = (json: unknown, hash = inventoryHash(json)): string => inventoryFingerprint(hash, VERSION);
