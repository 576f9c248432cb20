/**
 * Host names: which belong to the site, and whether an inventory's host pattern covers one.
 */

/** Second-level labels under which registrations sit one level deeper (`example.co.uk`). */
const SECOND_LEVEL = /^(co|com|net|org|gov|ac|edu|or|ne|go)$/;

/**
 * The registrable part of a host, approximately: the last two labels, or three under a two-letter
 * country code with a generic second level (`shop.example.co.uk` → `example.co.uk`). Without the
 * Public Suffix List this errs on rare suffixes (`github.io` sites count as one site), which only
 * makes the audit count fewer hosts as third parties; the report says which hosts it counted.
 */
export function registrableDomain(host: string): string {
  const labels = host.replace(/\.$/, '').toLowerCase().split('.');
  if (labels.length <= 2 || /^[\d.]+$/.test(host)) return labels.join('.');
  const n = labels.length;
  const keep = labels[n - 1]!.length == 2 && SECOND_LEVEL.test(labels[n - 2]!) ? 3 : 2;
  return labels.slice(-keep).join('.');
}

/** Whether `host` is the site's own (same registrable domain as `siteHost`). */
export function isFirstParty(host: string, siteHost: string): boolean {
  return registrableDomain(host) == registrableDomain(siteHost);
}

/**
 * Whether an inventory host pattern covers `host`: `www.example.com` exactly, `*.example.com` any
 * subdomain and `example.com` itself (a service declaring `*.vimeo.com` means Vimeo's hosts).
 */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase();
  const h = host.toLowerCase();
  if (p.startsWith('*.')) return h == p.slice(2) || h.endsWith(p.slice(1));
  return h == p;
}

/** Whether a cookie's domain (`.vimeo.com`, `www.example.com`) is covered by a declared `domain`. */
export function cookieDomainMatches(declared: string, domain: string): boolean {
  const d = declared.replace(/^\./, '').toLowerCase();
  const c = domain.replace(/^\./, '').toLowerCase();
  return c == d || c.endsWith('.' + d);
}
