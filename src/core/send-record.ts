import type { ConsentRecord } from '../types';

/**
 * Sends a consent record to the site's own log endpoint, if one is configured. `sendBeacon` survives
 * the reload that may follow a revoke; `fetch` with `keepalive` is the fallback. The body is JSON
 * sent as `text/plain`, so that a log service on another origin needs no CORS preflight (which a
 * beacon cannot make). Failures are silent: the decision itself is already stored, and logging must
 * never block it.
 */
export function sendRecord(url: string | undefined, record: ConsentRecord): void {
  if (!url) return;
  // A relative address must stay on this site: `//evil.example` and `/\evil.example` look relative
  // but resolve to another host. Another host is only taken when written out as http(s)://.
  let target: URL | undefined;
  try {
    target = new URL(url, location.href);
  } catch {
    // reported below
  }
  if (!target || !/^https?:$/.test(target.protocol) || (!/^https?:\/\//i.test(url) && target.origin != location.origin)) {
    console.error('[crumbs] consent.logUrl "' + url + '" leaves this site without saying so (write https://...); no record was sent.');
    return;
  }
  const body = JSON.stringify(record);
  try {
    if (navigator.sendBeacon?.(url, body)) return;
  } catch {
    // fall through to fetch
  }
  fetch(url, { method: 'POST', body, keepalive: true, headers: { 'content-type': 'text/plain;charset=UTF-8' } }).catch(
    () => {},
  );
}
