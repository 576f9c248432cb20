/**
 * Returns `url` when it may become a link: http(s), or relative (no scheme at all). Anything else
 * (`javascript:`, `data:`, ...) returns undefined, so inventory data can never run script (SPEC 6).
 * @param url - a URL from the inventory
 */
export const safeUrl = (url?: string): string | undefined =>
  url && (/^https?:/i.test(url) || !/^[^/?#]*:/.test(url.replace(/[\s\0-\x1f]/g, ''))) ? url : undefined;
