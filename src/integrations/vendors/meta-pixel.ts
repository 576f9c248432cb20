import type { VendorConsentHandler } from './vendor-window';

/** Meta Pixel: `fbq('consent', 'grant' | 'revoke')`, when the pixel is on the page. */
export const metaPixel: VendorConsentHandler = ({ window, granted }) => window.fbq?.('consent', granted ? 'grant' : 'revoke');
