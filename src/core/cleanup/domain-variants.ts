/**
 * The `domain` attribute values a cookie visible on this host may have been set with: none (host-only),
 * then the host and each parent domain, each with and without a leading dot. Browsers ignore a
 * deletion on a public suffix, so trying `co.uk` costs nothing. IP addresses have no parents.
 */
export function domainVariants(hostname: string): (string | undefined)[] {
  const variants: (string | undefined)[] = [undefined];
  // Every suffix that still has two labels: drop the first label until only the top-level one is left.
  if (!/^[\d.]+$|:/.test(hostname)) {
    for (let domain = hostname; domain.includes('.'); domain = domain.slice(domain.indexOf('.') + 1)) {
      variants.push(domain, '.' + domain);
    }
  }
  return variants;
}
