import type { Browser } from 'playwright-core';
import { DEFAULT_COOKIE_NAMES } from '../core/consent/consent-cookie-name';
import { validateInventory } from '../core/inventory';
import type { InventoryInput } from '../types';
import { decide } from './audit-phases';
import { Recorder, type Evidence, type RouteHandler } from './collect-evidence';
import { draftInventory, type ObservedItem, type Observations } from './draft-inventory';
import { isFirstParty } from './hosts';
import { launchChromium } from './launch-chromium';
import { crumbsOnPage } from './page-inventory';

/** Options of {@link scan}. */
export interface ScanOptions {
  readonly url: string;
  /** Pages to visit: the URL and same-origin links found on it, up to this many (default 3). */
  readonly pages?: number;
  readonly chromium?: string;
  readonly timeout?: number;
  readonly progress?: (line: string) => void;
  /** Answers every request (tests); default: the real network. */
  readonly route?: RouteHandler;
  /** A browser to use instead of launching one (left open). */
  readonly browser?: Browser;
}

/** What {@link scan} returns. */
export interface ScanResult {
  readonly url: string;
  readonly pages: readonly string[];
  /** Whether the page had Crumbs (and so whether the scan accepted everything through it). */
  readonly crumbs: boolean;
  readonly observations: Observations;
  /** IndexedDB databases: no inventory field describes them, so they are listed apart. */
  readonly indexedDB: readonly string[];
  readonly draft: InventoryInput;
}

const hostOf = (url: string) => {
  try {
    return new URL(url.replace(/:\d+$/, '')).hostname;
  } catch {
    return undefined;
  }
};

/** Turns the evidence into one item per cookie or key, with its lifetime and who set it. */
function observe(evidence: Evidence, siteHost: string, consentNames: readonly string[]): Observations {
  const items = new Map<string, ObservedItem>();
  const setBy = (name: string, kind: string) => {
    const hosts = new Set<string>();
    if (kind == 'cookie') for (const s of evidence.setCookies) if (s.name == name) hosts.add(hostOf(s.url)!);
    for (const w of evidence.writes) if (w.kind == kind && w.name == name && w.script) hosts.add(hostOf(w.script.replace(/^inline script in /, ''))!);
    return [...hosts].filter(Boolean);
  };
  // The lifetime the site asked for (Max-Age or Expires of the last write), which is what a policy
  // declares; Chromium caps what it keeps at 400 days, so the jar's expiry is only the fallback.
  const asked = (name: string): number | null | undefined => {
    const attributes = [...evidence.setCookies.filter((s) => s.name == name && !s.deletes), ...evidence.writes.filter((w) => w.kind == 'cookie' && w.name == name && !w.deletes)].map((x) => x.attributes);
    const last = attributes[attributes.length - 1];
    if (last === undefined) return undefined;
    const maxAge = /(?:^|;\s*)max-age\s*=\s*(\d+)/i.exec(last);
    if (maxAge) return Number(maxAge[1]);
    const expires = /(?:^|;\s*)expires\s*=\s*([^;]+)/i.exec(last);
    return expires ? Math.max(0, (Date.parse(expires[1]!) - Date.now()) / 1000) : null;
  };
  for (const c of evidence.cookies) {
    const key = `cookie\u0000${c.name}\u0000${c.domain}`;
    if (items.has(key)) continue;
    const lifetime = asked(c.name) ?? (c.expires < 0 ? null : Math.max(0, c.expires - c.seenAt / 1000));
    items.set(key, { name: c.name, kind: 'cookie', domain: c.domain, lifetime, setBy: setBy(c.name, 'cookie') });
  }
  // Set and deleted between two reads (a probe such as _hjTLDTest): the lifetime is the one asked for.
  const inJar = new Set(evidence.cookies.map((c) => c.name));
  for (const w of evidence.writes) {
    if (w.kind != 'cookie' || w.deletes || inJar.has(w.name)) continue;
    const maxAge = /(?:^|;\s*)max-age\s*=\s*(\d+)/i.exec(w.attributes);
    const domain = /(?:^|;\s*)domain\s*=\s*([^;]+)/i.exec(w.attributes)?.[1] ?? hostOf(w.frame)!;
    const key = `cookie\u0000${w.name}\u0000${domain}`;
    if (!items.has(key)) items.set(key, { name: w.name, kind: 'cookie', domain, lifetime: maxAge ? Number(maxAge[1]) : null, setBy: setBy(w.name, 'cookie') });
  }
  for (const s of evidence.storage) {
    if (s.kind == 'indexedDB') continue;
    const key = `${s.kind}\u0000${s.name}`;
    if (!items.has(key)) items.set(key, { name: s.name, kind: s.kind, lifetime: null, setBy: setBy(s.name, s.kind) });
  }
  const thirdPartyHosts = [...new Set(evidence.requests.map((r) => r.host))].filter((h) => !isFirstParty(h, siteHost));
  return { siteHost, items: [...items.values()], thirdPartyHosts, consentCookieNames: consentNames };
}

/**
 * Visits a site, accepts everything through Crumbs when the page has it (and decides nothing when it
 * has not), and drafts an inventory from every cookie, storage key and third-party host the pages
 * produced (see {@link draftInventory}).
 * @throws AuditError when Chromium is missing or the URL cannot be loaded
 */
export async function scan(options: ScanOptions): Promise<ScanResult> {
  const progress = options.progress ?? (() => {});
  const browser = options.browser ?? (await launchChromium(options.chromium));
  try {
    const recorder = await Recorder.open(browser, { timeout: options.timeout ?? 30_000, ...(options.route ? { route: options.route } : {}) });
    try {
      progress(`loading ${options.url}`);
      await recorder.visit(options.url);
      const found = await crumbsOnPage(recorder.page);
      const consentNames: string[] = [...DEFAULT_COOKIE_NAMES];
      if (found.present) {
        const cookieName = validateInventory(found.inventory?.json).inventory?.consent.cookieName;
        if (cookieName) consentNames.push(cookieName);
        progress('Crumbs found: accepting everything');
        await decide(recorder, { kind: 'accept-all' });
        await recorder.reload();
      } else progress('no Crumbs on the page: recording without a decision');
      await recorder.snapshot();
      const links = (await recorder.sameOriginLinks()).filter((l) => l !== options.url);
      const pages = [options.url, ...links.slice(0, Math.max(0, (options.pages ?? 3) - 1))];
      for (const [i, page] of pages.entries()) {
        if (i == 0) continue;
        progress(`visiting ${page} (${i + 1}/${pages.length})`);
        await recorder.visit(page);
        await recorder.snapshot();
      }
      const evidence = recorder.finish();
      const siteHost = new URL(options.url).hostname;
      const observations = observe(evidence, siteHost, consentNames);
      const indexedDB = [...new Set(evidence.storage.filter((s) => s.kind == 'indexedDB').map((s) => s.name))];
      return { url: options.url, pages, crumbs: found.present, observations, indexedDB, draft: draftInventory(observations) };
    } finally {
      await recorder.close();
    }
  } finally {
    if (!options.browser) await browser.close().catch(() => {});
  }
}
