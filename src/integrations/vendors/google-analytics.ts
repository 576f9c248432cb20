import type { VendorConsentHandler } from './vendor-window';

/** Google Analytics: `window['ga-disable-<id>'] = !granted` for each measurement id, which stops gtag.js from sending. */
export const googleAnalytics: VendorConsentHandler = ({ window, entry, granted }) => {
  for (const measurementId of entry.measurementIds ?? []) window['ga-disable-' + measurementId] = !granted;
};
