import type { Inventory } from '../types';
import { pushDataLayer } from './google-consent-mode';

type VendorWindow = Window & {
  fbq?: (...args: unknown[]) => void;
  clarity?: (...args: unknown[]) => void;
  uetq?: unknown[];
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
 *   granted get no UET update nor `dataLayer` revoke push (nothing was granted on this page to take back)
 */
export function callVendorConsent(inventory: Inventory, changes: ReadonlyMap<string, boolean>, initial: boolean): void {
  const w = window as unknown as VendorWindow;
  const uet = (command: string, state: string) => (w.uetq ??= []).push('consent', command, { ad_storage: state });
  for (const { id, vendorConsent } of inventory.services) {
    const granted = changes.get(id);
    if (granted == null) continue;
    // Also the name of the declared `dataLayer` object to push.
    const action = granted ? 'grant' : 'revoke';
    const nothingToRevoke = initial && !granted;
    for (const { type, measurementIds, [action]: push } of vendorConsent ?? []) {
      try {
        if (type == 'meta-pixel') w.fbq?.('consent', action);
        else if (type == 'microsoft-clarity') w.clarity?.('consent', granted);
        else if (type == 'microsoft-uet') {
          if (initial) uet('default', 'denied');
          if (!nothingToRevoke) uet('update', granted ? 'granted' : 'denied');
        } else if (type == 'google-analytics') {
          for (const measurementId of measurementIds ?? []) w['ga-disable-' + measurementId] = !granted;
        } else if (push && !nothingToRevoke) {
          // A copy, so later pushes cannot be changed through the frozen inventory object, nor it through them.
          pushDataLayer(structuredClone(push));
        }
      } catch (error) {
        console.error('[crumbs] consent call for "' + id + '" failed:', error);
      }
    }
  }
}
