import { pushDataLayer } from '../google-consent-mode';
import type { VendorConsentHandler } from './vendor-window';

/** `dataLayer`: pushes a copy of the declared `grant` or `revoke` object (no revoke at start-up: nothing was granted yet). */
export const dataLayer: VendorConsentHandler = ({ entry, granted, initial }) => {
  const push = granted ? entry.grant : entry.revoke;
  // A copy, so later pushes cannot be changed through the frozen inventory object, nor it through them.
  if (push && (granted || !initial)) pushDataLayer(structuredClone(push));
};
