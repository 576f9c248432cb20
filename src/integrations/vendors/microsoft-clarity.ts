import type { VendorConsentHandler } from './vendor-window';

/** Microsoft Clarity: `clarity('consent', granted)`, when Clarity is on the page. */
export const microsoftClarity: VendorConsentHandler = ({ window, granted }) => window.clarity?.('consent', granted);
