import type { ConsentRecord } from '../types';

/**
 * Sends a consent record to the site's own log endpoint, if one is configured. `sendBeacon` survives
 * the reload that may follow a revoke; `fetch` with `keepalive` is the fallback. Failures are silent:
 * the decision itself is already stored, and logging must never block it.
 */
export function sendRecord(url: string | undefined, record: ConsentRecord): void {
  if (!url) return;
  const body = JSON.stringify(record);
  try {
    if (navigator.sendBeacon?.(url, new Blob([body], { type: 'application/json' }))) return;
  } catch {
    // fall through to fetch
  }
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'application/json' } }).catch(
    () => {},
  );
}
