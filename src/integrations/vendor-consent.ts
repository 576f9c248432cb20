import type { Inventory } from '../types';
import { VENDOR_CONSENT } from './vendors/index';
import type { VendorWindow } from './vendors/vendor-window';

/**
 * Tells vendor tags that run on the page about a grant or revoke of their service, through the
 * vendors' own consent APIs (`vendors/`, one file each), as the inventory declares them
 * (`vendorConsent`). Inventory values are passed as data only; nothing from the inventory is executed.
 *
 * @param changes - service ids with their new state; at start-up every declared service is listed
 * @param initial - true at start-up: UET then gets its `default` command, and services that are not
 *   granted get no UET update nor `dataLayer` revoke push (nothing was granted on this page to take back)
 */
export function callVendorConsent(inventory: Inventory, changes: ReadonlyMap<string, boolean>, initial: boolean): void {
  for (const { id, vendorConsent } of inventory.services) {
    const granted = changes.get(id);
    if (granted == null) continue;
    for (const entry of vendorConsent ?? []) {
      try {
        VENDOR_CONSENT[entry.type]({ window: window as unknown as VendorWindow, entry, granted, initial });
      } catch (error) {
        console.error('[crumbs] consent call for "' + id + '" failed:', error);
      }
    }
  }
}
