/** What Crumbs needs of a Trusted Types policy. */
interface Policy {
  createScript(text: string): string;
  createScriptURL(url: string): string;
}

/** The name of Crumbs' policy: a site under `require-trusted-types-for 'script'` allows it with `trusted-types crumbs`. */
export const POLICY_NAME = 'crumbs';

// One per page: a policy name can be created only once (without 'allow-duplicates'), and several
// Crumbs instances on a page share it. Undefined until first needed, null where there is none.
let policy: Policy | null | undefined;

/**
 * Passes the site's own gated markup (a script's text or address, an embed's address, an attribute
 * handler such as `onload`) through the `crumbs` Trusted Types policy, where the browser has
 * Trusted Types. Crumbs adds nothing: the values are what the site wrote in its page, activated
 * only once consent allows. Without Trusted Types, or when the site's policy does not allow the
 * name, the string goes as it is (and a browser that enforces Trusted Types refuses it, which the
 * gate reports).
 */
export function trusted(value: string, kind: 'script' | 'url'): string {
  if (policy === undefined) {
    try {
      const factory = (globalThis as { trustedTypes?: { createPolicy(name: string, rules: object): Policy } }).trustedTypes;
      const same = (text: string) => text;
      policy = factory?.createPolicy(POLICY_NAME, { createScript: same, createScriptURL: same }) ?? null;
    } catch {
      policy = null;
    }
  }
  return !policy ? value : kind == 'script' ? policy.createScript(value) : policy.createScriptURL(value);
}
