import { createHmac, randomBytes } from 'node:crypto';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Turns a client address into the key the rate limiter counts by, without the address itself ever
 * being kept: an HMAC under a random secret that lives only in this process's memory and is replaced
 * every day, so a key cannot be traced back to an address, nor linked across days or servers.
 */
export class ClientKeys {
  private secret = randomBytes(32);
  private readonly timer: NodeJS.Timeout;

  constructor(rotateEveryMs = DAY_MS) {
    this.timer = setInterval(() => (this.secret = randomBytes(32)), rotateEveryMs);
    this.timer.unref();
  }

  /** The rate-limit key of an address. */
  keyOf(address: string): string {
    return createHmac('sha256', this.secret).update(address).digest('base64url').slice(0, 22);
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
