import { writeFile } from 'node:fs/promises';
import { audit } from './audit';
import { AuditError } from './audit-error';
import { parseArgs, positiveInt } from './cli-args';
import { RULES } from './findings';
import { auditReport } from './report-text';

const USAGE = `Usage: crumbs-consent audit <url> [options]

Proves in a real Chromium that a site with Crumbs runs nothing optional before consent, after
reject all, or for a category that is not granted, and that its cookies are declared and go away
on revoke. Phases (each in a fresh browser profile): no decision; reject all, reload, other pages;
accept all; each optional category alone; accept all, revoke, reload.

Options:
  --inventory <file|url>  the inventory to check against (default: the one the page loads)
  --pages <n>             pages to visit: the URL and same-origin links on it (default 3)
  --json <file>           also write the findings as JSON (for CI)
  --chromium <path>       Chromium to drive (default $CHROMIUM_PATH or /usr/bin/chromium)
  --timeout <ms>          page load timeout (default 30000)
  -h, --help              show this help

Exit status: 0 clean, 1 violations, 2 the audit could not run (unreachable URL, no Crumbs on
the page, Chromium missing, bad options).`;

/**
 * \`crumbs-consent audit\`: runs {@link audit}, prints progress on stderr and the report on stdout.
 * @param argv - arguments after \`audit\`
 * @returns the exit status
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { inventory: true, pages: true, json: true, chromium: true, timeout: true, help: false });
  } catch (error) {
    process.stderr.write(`crumbs-consent audit: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  const { positionals, options } = args;
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let url: string;
  let pages: number;
  let timeout: number;
  try {
    if (positionals.length != 1) throw new Error(positionals.length ? 'audit takes one URL' : 'missing <url>');
    url = new URL(positionals[0]!).href;
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error(`expected an http(s) URL, got ${positionals[0]}`);
    pages = positiveInt(options.pages, 'pages', 3);
    timeout = positiveInt(options.timeout, 'timeout', 30_000);
  } catch (error) {
    const message = error instanceof TypeError ? `not a URL: ${positionals[0]}` : (error as Error).message;
    process.stderr.write(`crumbs-consent audit: ${message}\n\n${USAGE}\n`);
    return 2;
  }
  const started = Date.now();
  try {
    const result = await audit({
      url,
      pages,
      timeout,
      ...(typeof options.inventory == 'string' ? { inventory: options.inventory } : {}),
      ...(typeof options.chromium == 'string' ? { chromium: options.chromium } : {}),
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
    process.stderr.write(`  done in ${((Date.now() - started) / 1000).toFixed(1)} s\n\n`);
    process.stdout.write(auditReport(result, !!process.stdout.isTTY && !process.env.NO_COLOR));
    if (typeof options.json == 'string') {
      const json = {
        url: result.run.url,
        inventory: result.run.inventorySource,
        pages: result.run.pages,
        phases: result.run.phases.map((p) => ({ id: p.id, title: p.title, granted: p.granted })),
        rules: RULES,
        findings: result.findings,
        violations: result.violations,
        exitCode: result.exitCode,
      };
      await writeFile(options.json, JSON.stringify(json, null, 2) + '\n');
    }
    return result.exitCode;
  } catch (error) {
    if (error instanceof AuditError) {
      process.stderr.write(`crumbs-consent audit: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`crumbs-consent audit: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

// The audit function itself, for tests and scripts that route requests themselves.
export { audit } from './audit';
export { auditReport } from './report-text';
