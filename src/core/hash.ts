/**
 * FNV-1a (32-bit) of a string, as 8 hex digits. Small and fast; used to fingerprint the inventory
 * and to detect edited consent cookies. It is a checksum, not a signature: anyone can recompute it.
 */
export function hashString(text: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0).toString(16).padStart(8, '0');
}
