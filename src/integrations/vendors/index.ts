import { dataLayer } from './data-layer';
import { googleAnalytics } from './google-analytics';
import { metaPixel } from './meta-pixel';
import { microsoftClarity } from './microsoft-clarity';
import { microsoftUet } from './microsoft-uet';
import type { VendorConsentHandler } from './vendor-window';

/**
 * Every vendor consent API Crumbs can call, by the `type` an inventory names it with. The one
 * table: the `VendorConsentType` type, the validator, the JSON Schema's enum (held equal by a test)
 * and the calls derive from it. A new vendor is a file here and a line below, and a line in
 * `VENDOR_RULES` (`rules.ts`) when its declaration needs more than its keys' shapes.
 */
export const VENDOR_CONSENT = {
  'meta-pixel': metaPixel,
  'microsoft-uet': microsoftUet,
  'microsoft-clarity': microsoftClarity,
  'google-analytics': googleAnalytics,
  dataLayer,
} satisfies Record<string, VendorConsentHandler>;

/** The `type` of a vendor consent declaration. */
export type VendorConsentType = keyof typeof VENDOR_CONSENT;
