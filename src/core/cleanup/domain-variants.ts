/**
 * The `domain` attribute values a cookie visible on this host may have been set with: none (host-only),
 * then the host and each parent domain, each with and without a leading dot. Browsers ignore a
 * deletion on a public suffix, so trying `co.uk` costs nothing. IP addresses have no parents.
 */
export function domainVariants(hostname: string): (string | undefined)[] {
  const variants: (string | undefined)[] = [undefined];
  if (!hostname || /^[\d.]+$|:/.test(hostname)) return variants;
  const labels = hostname.split('.');
  for (let i = 0; i < labels.length - 1; i++) {
    const domain = labels.slice(i).join('.');
    variants.push(domain, '.' + domain);
  }
  return variants;
}
