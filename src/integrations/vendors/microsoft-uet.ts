import type { VendorConsentHandler } from './vendor-window';

/**
 * Microsoft UET: `uetq.push('consent', 'default', { ad_storage: 'denied' })` at start-up, then
 * `uetq.push('consent', 'update', { ad_storage })` (none for a denied service at start-up).
 */
export const microsoftUet: VendorConsentHandler = ({ window, granted, initial }) => {
  const push = (command: string, state: string) => (window.uetq ??= []).push('consent', command, { ad_storage: state });
  if (initial) push('default', 'denied');
  if (granted || !initial) push('update', granted ? 'granted' : 'denied');
};
