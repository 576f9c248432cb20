/** Round constants: the first 32 bits of the fractional parts of the cube roots of the first 64 primes. */
const K: number[] = [];
/** Initial state: the same for the square roots of the first 8 primes. */
const H0: number[] = [];
for (let n = 2, found = 0; found < 64; n++) {
  let prime = true;
  for (let d = 2; d * d <= n; d++) if (n % d == 0) prime = false;
  if (!prime) continue;
  if (found < 8) H0.push((Math.pow(n, 1 / 2) % 1) * 2 ** 32 | 0);
  K.push((Math.pow(n, 1 / 3) % 1) * 2 ** 32 | 0);
  found++;
}

/**
 * SHA-256 (FIPS 180-4) of a string's UTF-8 bytes, as 64 lowercase hex digits. Synchronous and
 * available everywhere, unlike `crypto.subtle.digest` (asynchronous, and missing on plain-http
 * pages): a consent record carries its notice hash in the same task as the decision.
 * Tested against Node's `crypto.createHash('sha256')`.
 */
export function sha256(text: string): string {
  const bytes = new TextEncoder().encode(text);
  // Message, the 0x80 marker, zero padding, and the bit length in the last 8 bytes of a 64-byte block.
  const blocks = Math.ceil((bytes.length + 9) / 64);
  const words = new Uint32Array(blocks * 16);
  const view = new DataView(words.buffer);
  const padded = new Uint8Array(blocks * 64);
  padded.set(bytes);
  padded[bytes.length] = 0x80;
  const paddedView = new DataView(padded.buffer);
  paddedView.setUint32(padded.length - 8, Math.floor(bytes.length / 2 ** 29));
  paddedView.setUint32(padded.length - 4, bytes.length * 8);
  for (let i = 0; i < words.length; i++) view.setUint32(i * 4, paddedView.getUint32(i * 4), true);

  const hash = H0.slice();
  const w = new Int32Array(64);
  const rotate = (x: number, n: number) => (x >>> n) | (x << (32 - n));
  // Plain locals, no array made per round: this runs cold, in the interpreter, in the first visit's
  // idle time and on slow phones, where a swap through an array each round made it 3x slower.
  for (let block = 0; block < blocks; block++) {
    for (let i = 0; i < 64; i++) {
      if (i < 16) w[i] = words[block * 16 + i]!;
      else {
        const x = w[i - 15]!;
        const y = w[i - 2]!;
        w[i] = w[i - 16]! + (rotate(x, 7) ^ rotate(x, 18) ^ (x >>> 3)) + w[i - 7]! + (rotate(y, 17) ^ rotate(y, 19) ^ (y >>> 10));
      }
    }
    let [a, b, c, d, e, f, g, h] = hash as [number, number, number, number, number, number, number, number];
    for (let i = 0; i < 64; i++) {
      const t1 = (h + (rotate(e, 6) ^ rotate(e, 11) ^ rotate(e, 25)) + ((e & f) ^ (~e & g)) + K[i]! + w[i]!) | 0;
      const t2 = ((rotate(a, 2) ^ rotate(a, 13) ^ rotate(a, 22)) + ((a & b) ^ (a & c) ^ (b & c))) | 0;
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + t2) | 0;
    }
    [a, b, c, d, e, f, g, h].forEach((value, i) => (hash[i] = (hash[i]! + value) | 0));
  }
  return hash.map((x) => (x >>> 0).toString(16).padStart(8, '0')).join('');
}
