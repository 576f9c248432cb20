import type { Inventory } from '../types';

type VendorWindow = Window & {
  fbq?: (...args: unknown[]) => void;
  clarity?: (...args: unknown[]) => void;
  uetq?: unknown[];
  dataLayer?: unknown[];
} & { [flag: string]: unknown };

/**
 * Tells vendor tags that run on the page about a grant or revoke of their service, through the
 * vendors' own consent APIs, as the inventory declares them (`vendorConsent`). Inventory values are
 * passed as data only; nothing from the inventory is executed.
 *
 * - Meta Pixel: `fbq('consent', 'grant' | 'revoke')`, when the pixel is on the page.
 * - Microsoft UET: `uetq.push('consent', 'default', { ad_storage: 'denied' })` at start-up, then
 *   `uetq.push('consent', 'update', { ad_storage })`.
 * - Microsoft Clarity: `clarity('consent', granted)`, when Clarity is on the page.
 * - Google Analytics: `window['ga-disable-<id>'] = !granted`, which stops gtag.js from sending.
 * - `dataLayer`: pushes a copy of the declared `grant` or `revoke` object.
 *
 * @param changes - service ids with their new state; at start-up every declared service is listed
 * @param initial - true at start-up: UET then gets its `default` command, and services that are not
 *   granted get no `dataLayer` revoke push (nothing was granted on this page to take back)
 */
export function callVendorConsent(inventory: Inventory, changes: ReadonlyMap<string, boolean>, initial: boolean): void {
  const w = window as unknown as VendorWindow;
  for (const service of inventory.services) {
    const granted = changes.get(service.id);
    if (granted == null) continue;
    for (const vendor of service.vendorConsent ?? []) {
      try {
        if (vendor.type == 'meta-pixel') w.fbq?.('consent', granted ? 'grant' : 'revoke');
        else if (vendor.type == 'microsoft-clarity') w.clarity?.('consent', granted);
        else if (vendor.type == 'microsoft-uet') {
          const queue = (w.uetq ??= []);
          if (initial) queue.push('consent', 'default', { ad_storage: 'denied' });
          if (!initial || granted) queue.push('consent', 'update', { ad_storage: granted ? 'granted' : 'denied' });
        } else if (vendor.type == 'google-analytics') {
          for (const id of vendor.measurementIds ?? []) w['ga-disable-' + id] = !granted;
        } else {
          const push = granted ? vendor.grant : vendor.revoke;
          // A copy, so later pushes cannot be changed through the frozen inventory object, nor it through them.
          if (push && !(initial && !granted)) (w.dataLayer ??= []).push(JSON.parse(JSON.stringify(push)));
        }
      } catch (error) {
        console.error('[crumbs] consent call for "' + service.id + '" failed:', error);
      }
    }
  }
}
