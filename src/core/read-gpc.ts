/** Reads the Global Privacy Control signal strictly (`=== true`); any oddity means "no signal". */
export function readGpc(): boolean {
  try {
    return (navigator as Navigator & { globalPrivacyControl?: unknown }).globalPrivacyControl === true;
  } catch {
    return false;
  }
}
