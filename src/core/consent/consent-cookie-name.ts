/** The default name of the consent cookie, without and with the `__Host-` prefix. */
export const DEFAULT_COOKIE_NAMES = ['crumbs_consent', '__Host-crumbs_consent'] as const;

/**
 * The consent cookie's name: the inventory's `consent.cookieName`, else `__Host-crumbs_consent` on
 * https without a shared `consent.domain`, else `crumbs_consent`. The browser refuses a `__Host-`
 * cookie set with `Domain`, for another path or without `Secure`, so no sibling subdomain can plant
 * a decision under that name. A shared domain cannot have the prefix: every subdomain is then
 * trusted to write the decision (README, Security).
 * @param consent - the inventory's `consent` object as written (or normalised)
 */
export const consentCookieName = (consent?: { cookieName?: unknown; domain?: unknown } | null): string =>
  (typeof consent?.cookieName == 'string' && consent.cookieName) ||
  DEFAULT_COOKIE_NAMES[!consent?.domain && globalThis.location?.protocol == 'https:' ? 1 : 0];
