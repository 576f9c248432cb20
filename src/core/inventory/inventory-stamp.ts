import { inventoryFingerprint } from '../consent/fingerprint';
import { inventoryHash } from '../hash';
import { VERSION } from '../version';

/**
 * The `stamp` that `crumbs-consent validate --stamp` writes into a valid inventory: the fingerprint
 * of exactly this inventory for this Crumbs version. A browser that finds it current trusts the
 * inventory without downloading the validator, as it does for the inventory a returning visitor
 * decided on. It is a checksum, not a signature: it records that this text passed this version's
 * validator; an inventory edited afterwards no longer matches and is validated in the browser again.
 */
export const inventoryStamp = (json: unknown): string => inventoryFingerprint(inventoryHash(json), VERSION);
