import type { Inventory } from '../types';

/** Reads the Global Privacy Control signal strictly (`=== true`); any oddity means "no signal". */
export function readGpc(): boolean {
  try {
    return (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  } catch {
    return false;
  }
}

/** Whether the signal counts as an opt-out: only where the inventory honours it (`gpc: "honor"`). */
export function gpcCounts(signal: boolean, inventory: Pick<Inventory, 'gpc'>): boolean {
  return signal && inventory.gpc == 'honor';
}
