import type { VendorConsentType } from './index';
import type { VendorRule } from './vendor-window';

/**
 * The validator's rules of each vendor that has some: what its declaration needs beyond the shape
 * of each key. A table of its own, not in the vendors' files: esbuild splits shared modules by file,
 * so a rule there would ride along in the engine, which every page view loads and which never
 * validates (measured: 91 B gzip for these two).
 */
export const VENDOR_RULES: { readonly [type in VendorConsentType]?: VendorRule } = {
  // Without a measurement id there is nothing to switch off: the declaration would do nothing.
  // (A list that is there but not an array is reported by its own check, once.)
  'google-analytics': (entry) =>
    ((entry.measurementIds as { length?: number } | null)?.length ?? 0) > 0 ? undefined : ['measurementIds', 'required for "google-analytics"'],
  // Without an object to push there is nothing to tell the page's tags.
  dataLayer: (entry) => (Object.hasOwn(entry, 'grant') || Object.hasOwn(entry, 'revoke') ? undefined : ['', '"dataLayer" needs "grant" or "revoke"']),
};
