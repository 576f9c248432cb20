import type { Browser } from 'playwright-core';
import type { Inventory } from '../types';
import { AuditError } from './audit-error';
import { Recorder, type CookieRecord, type Evidence, type RouteHandler, type StorageRecord } from './collect-evidence';
import { crumbsOnPage, readInventoryOption, validInventory } from './page-inventory';

/** A decision the audit makes through the page's `window.Crumbs` (SPEC section 7). */
export type Decision = { kind: 'accept-all' } | { kind: 'reject-all' } | { kind: 'save'; categories: string[] };

/** One phase: a fresh browser context, a decision (or none), and what the pages then did. */
export interface PhaseResult {
  /** `no-decision`, `reject-all`, `accept-all`, `only-<category>`, `revoke`. */
  readonly id: string;
  /** As the report names it. */
  readonly title: string;
  /** Optional categories granted in this phase (required ones always are). */
  readonly granted: readonly string[];
  /** Whether this phase shows what happens without consent to the optional categories it denies. */
  readonly denies: boolean;
  /** What the pages produced after the decision (from the first load on, for `no-decision`). */
  readonly evidence: Evidence;
  /** `revoke` only: the cookie jar and storage after revoking and reloading. */
  readonly survivors?: { cookies: CookieRecord[]; storage: StorageRecord[] };
}

/** What one audit run saw. */
export interface AuditRun {
  readonly url: string;
  readonly pages: readonly string[];
  readonly inventory: Inventory;
  /** Where the inventory came from (`--inventory`, the page's data-inventory URL, or inline). */
  readonly inventorySource: string;
  /** URL prefixes of Crumbs' own files and the inventory: never a finding. */
  readonly own: readonly string[];
  readonly phases: readonly PhaseResult[];
}

/** Options of {@link runPhases}. */
export interface PhaseOptions {
  readonly url: string;
  /** Pages to visit: the URL and up to `pages - 1` same-origin links found on it. */
  readonly pages: number;
  /** `--inventory`: a file or URL, instead of the page's own. */
  readonly inventory?: string;
  readonly timeout: number;
  readonly route?: RouteHandler;
  readonly progress: (line: string) => void;
  /** How many phases run at once (each in its own context). */
  readonly parallel?: number;
}

const short = (url: string) => {
  try {
    const u = new URL(url);
    return u.pathname + u.search;
  } catch {
    return url;
  }
};

/**
 * Runs a decision through `window.Crumbs` and waits until it applied; a revoke may reload the page
 * (`reloadOnRevoke`), which ends the evaluation: the new document's load is then awaited.
 */
export async function decide(recorder: Recorder, decision: Decision, expectReload = false): Promise<void> {
  const page = recorder.page;
  let navigated = false;
  const onNavigation = (frame: unknown) => {
    if (frame === page.mainFrame()) navigated = true;
  };
  page.on('framenavigated', onNavigation);
  const settled = await page
    .evaluate(async (d) => {
      const crumbs = (window as unknown as { Crumbs: { acceptAll(): Promise<void>; rejectAll(): Promise<void>; save(c: unknown): Promise<void> } }).Crumbs;
      if (d.kind == 'accept-all') await crumbs.acceptAll();
      else if (d.kind == 'reject-all') await crumbs.rejectAll();
      else await crumbs.save({ categories: d.categories });
    }, decision)
    .then(
      () => true,
      () => false,
    );
  // Crumbs reloads once after a revoke when a revoked script ran (`consent.reloadOnRevoke`): it
  // calls location.reload() while applying the decision, so the navigation either ended the
  // evaluation already or commits right after it.
  if (expectReload && settled && !navigated)
    await page.waitForEvent('framenavigated', { predicate: (frame) => frame === page.mainFrame(), timeout: 1000 }).catch(() => {});
  page.off('framenavigated', onNavigation);
  await page.waitForLoadState('load').catch(() => {});
}

/**
 * The first phase: loads the URL without deciding, finds Crumbs and its inventory, picks the pages,
 * and records what they do. Throws AuditError when the audit cannot run.
 */
async function firstPhase(browser: Browser, options: PhaseOptions) {
  const recorder = await Recorder.open(browser, options);
  try {
    options.progress(`no decision: ${options.url}`);
    await recorder.visit(options.url);
    const found = await crumbsOnPage(recorder.page);
    if (!found.present)
      throw new AuditError(
        `no Crumbs on ${options.url}: window.Crumbs is not a Crumbs instance after the page loaded (is crumbs.js the first script in <head>?)`,
      );
    let json: unknown;
    let source: string;
    if (options.inventory) {
      json = await readInventoryOption(options.inventory);
      source = options.inventory;
    } else if (found.inventory?.json !== undefined) {
      json = found.inventory.json;
      source = found.inventory.url ?? 'inline #crumbs-inventory';
    } else
      throw new AuditError(
        `cannot read the inventory of ${options.url}${found.inventory?.error ? ` (${found.inventory.url ?? 'inline'}: ${found.inventory.error})` : ''}; pass it with --inventory <file|url>`,
      );
    const inventory = validInventory(json, source);
    await recorder.snapshot();
    const links = (await recorder.sameOriginLinks()).filter((l) => l !== recorder.page.url().split('#')[0] && l !== options.url);
    const pages = [options.url, ...links.slice(0, Math.max(0, options.pages - 1))];
    for (const [i, page] of pages.entries()) {
      if (i == 0) continue;
      options.progress(`no decision: ${page} (${i + 1}/${pages.length})`);
      await recorder.visit(page);
      await recorder.snapshot();
    }
    const own = [found.scriptBase, found.inventory?.url].filter((x): x is string => !!x);
    return { inventory, source, pages, own, evidence: recorder.finish() };
  } finally {
    await recorder.close();
  }
}

/** A phase after a decision: decide on the first page, reload, visit every page. */
async function decidedPhase(browser: Browser, options: PhaseOptions, pages: readonly string[], id: string, title: string, decision: Decision, granted: string[]): Promise<PhaseResult> {
  const recorder = await Recorder.open(browser, options);
  try {
    options.progress(`${title}: deciding on ${pages[0]}`);
    await recorder.visit(pages[0]!, 'ready');
    await decide(recorder, decision);
    // From here on: what the site does under this decision (the first load was a no-decision visit).
    recorder.reset();
    await recorder.reload();
    await recorder.snapshot();
    for (const [i, page] of pages.entries()) {
      if (i == 0) continue;
      options.progress(`${title}: ${page} (${i + 1}/${pages.length})`);
      await recorder.visit(page);
      await recorder.snapshot();
    }
    return { id, title, granted, denies: decision.kind != 'accept-all', evidence: recorder.finish() };
  } finally {
    await recorder.close();
  }
}

/** Accept all, visit every page (so optional services set their cookies), revoke, reload. */
async function revokePhase(browser: Browser, options: PhaseOptions, pages: readonly string[], optional: string[], reloadOnRevoke: boolean): Promise<PhaseResult> {
  const recorder = await Recorder.open(browser, options);
  try {
    options.progress(`accept, revoke, reload: accepting on ${pages[0]}`);
    await recorder.visit(pages[0]!, 'ready');
    await decide(recorder, { kind: 'accept-all' });
    for (const page of pages) {
      await recorder.visit(page);
      await recorder.snapshot();
    }
    await recorder.visit(pages[0]!);
    options.progress(`accept, revoke, reload: revoking on ${pages[0]}`);
    await decide(recorder, { kind: 'reject-all' }, reloadOnRevoke);
    await recorder.reload();
    const cookies = await recorder.cookiesNow();
    const before = recorder.evidence.storage.length;
    recorder.forgetStorage();
    await recorder.snapshot();
    const storage = recorder.evidence.storage.slice(before);
    return { id: 'revoke', title: 'accept, revoke, reload', granted: optional, denies: false, evidence: recorder.finish(), survivors: { cookies, storage } };
  } finally {
    await recorder.close();
  }
}

/** Runs `tasks` with at most `limit` at once, keeping their order in the result. */
async function limited<T>(limit: number, tasks: (() => Promise<T>)[]): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

/**
 * Runs every phase of the audit, each in a fresh context of `browser`: no decision; reject all,
 * reload, other pages; accept all; each optional category alone; accept all, revoke, reload. The
 * phases after the first are independent and run side by side.
 */
export async function runPhases(browser: Browser, options: PhaseOptions): Promise<AuditRun> {
  const first = await firstPhase(browser, options);
  const { inventory, pages } = first;
  const optional = inventory.categories.filter((c) => !c.required).map((c) => c.id);
  const tasks: (() => Promise<PhaseResult>)[] = [
    () => decidedPhase(browser, options, pages, 'reject-all', 'reject all', { kind: 'reject-all' }, []),
    () => decidedPhase(browser, options, pages, 'accept-all', 'accept all', { kind: 'accept-all' }, optional),
    // With a single optional category, "only it" is "accept all".
    ...(optional.length > 1
      ? optional.map((c) => () => decidedPhase(browser, options, pages, `only-${c}`, `${c} only`, { kind: 'save', categories: [c] }, [c]))
      : []),
    () => revokePhase(browser, options, pages, optional, inventory.consent.reloadOnRevoke),
  ];
  const later = await limited(options.parallel ?? 4, tasks);
  return {
    url: options.url,
    pages,
    inventory,
    inventorySource: first.source,
    own: first.own,
    phases: [{ id: 'no-decision', title: 'no decision', granted: [], denies: true, evidence: first.evidence }, ...later],
  };
}

export { short as shortUrl };
