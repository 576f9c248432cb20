import type { InventoryVendorConsent } from '../../types';

/** The globals vendor tags define, as far as Crumbs calls them. */
export type VendorWindow = Window & {
  fbq?: (...args: unknown[]) => void;
  clarity?: (...args: unknown[]) => void;
  uetq?: unknown[];
} & { [flag: string]: unknown };

/** What one vendor consent call gets. */
export interface VendorCall {
  readonly window: VendorWindow;
  /** The declaration in the inventory (`services[].vendorConsent[]`). */
  readonly entry: InventoryVendorConsent;
  /** The service's new state. */
  readonly granted: boolean;
  /** At start-up: nothing was granted on this page yet, so a denied service has nothing to take back. */
  readonly initial: boolean;
}

/** Tells one vendor's consent API about a grant or revoke. */
export type VendorConsentHandler = (call: VendorCall) => void;

/**
 * What a vendor requires of its declaration beyond what every declaration is checked for (`type`
 * and the shape of each key): the problem as the key it concerns (`''` for the declaration itself)
 * and a message, or nothing. Run by the validator on the declaration as written.
 */
export type VendorRule = (entry: Readonly<Record<string, unknown>>) => readonly [key: string, message: string] | undefined;
