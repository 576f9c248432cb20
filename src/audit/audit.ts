import type { Browser } from 'playwright-core';
import { runPhases, type AuditRun } from './audit-phases';
import type { RouteHandler } from './collect-evidence';
import { findingsOf, type Finding } from './findings';
import { launchChromium } from './launch-chromium';

/** Options of {@link audit}. */
export interface AuditOptions {
  /** The page to audit (http or https). */
  readonly url: string;
  /** Pages to visit: the URL and same-origin links found on it, up to this many (default 3). */
  readonly pages?: number;
  /** An inventory file or URL to use instead of the page's own. */
  readonly inventory?: string;
  /** Chromium executable (default `CHROMIUM_PATH`, else `/usr/bin/chromium`). */
  readonly chromium?: string;
  /** Milliseconds for each page load (default 30000). */
  readonly timeout?: number;
  /** Progress lines (pages, phases); default: none. */
  readonly progress?: (line: string) => void;
  /**
   * Answers every request of every context (tests serve fixture sites on fake hosts with it and
   * abort the rest); default: the real network.
   */
  readonly route?: RouteHandler;
  /** A browser to use instead of launching one (it is left open). */
  readonly browser?: Browser;
  /** How many phases run at once, each in its own context (default 4). */
  readonly parallel?: number;
}

/** What {@link audit} returns: what it saw, the findings, and the exit status. */
export interface AuditResult {
  readonly run: AuditRun;
  readonly findings: Finding[];
  readonly violations: number;
  /** 0 clean, 1 violations. (2, could not run, is an AuditError thrown instead.) */
  readonly exitCode: 0 | 1;
}

/**
 * Proves in a real Chromium what a site with Crumbs does before consent, after reject all, under
 * each category alone, after accept all, and after a revoke (see docs/audit.md).
 * @throws AuditError when the audit cannot run: Chromium missing, URL unreachable, no Crumbs, no inventory
 */
export async function audit(options: AuditOptions): Promise<AuditResult> {
  const browser = options.browser ?? (await launchChromium(options.chromium));
  try {
    const run = await runPhases(browser, {
      url: options.url,
      pages: options.pages ?? 3,
      ...(options.inventory ? { inventory: options.inventory } : {}),
      timeout: options.timeout ?? 30_000,
      ...(options.route ? { route: options.route } : {}),
      progress: options.progress ?? (() => {}),
      ...(options.parallel ? { parallel: options.parallel } : {}),
    });
    const findings = findingsOf(run);
    const violations = findings.filter((f) => f.severity == 'violation').length;
    return { run, findings, violations, exitCode: violations ? 1 : 0 };
  } finally {
    if (!options.browser) await browser.close().catch(() => {});
  }
}
