import { readFile, writeFile } from 'node:fs/promises';
import { AuditError } from './audit-error';
import { parseArgs, positiveInt } from './cli-args';
import { diffInventory, draftProblems, UNKNOWN } from './draft-inventory';
import { scan, type ScanResult } from './scan';

const USAGE = `Usage: crumbs-consent scan <url> [options]

Visits a site in a real Chromium, accepts everything the page offers (Crumbs' own Accept all
when it has Crumbs, nothing otherwise), and drafts a Crumbs inventory from every cookie, storage
key and third-party host it really sets: services grouped by who set them, durations from the
real expiry, a suggested category and description for well-known services. Cookies nobody knows
get "category": "unknown", which the validator refuses until you decide.

Options:
  --out <file>            write the draft there (default: print it on stdout)
  --inventory <file>      compare with this inventory instead: prints new, gone and changed
                          durations (no draft is written)
  --pages <n>             pages to visit: the URL and same-origin links on it (default 3)
  --chromium <path>       Chromium to drive (default $CHROMIUM_PATH or /usr/bin/chromium)
  --timeout <ms>          page load timeout (default 30000)
  -h, --help              show this help

Exit status: 0 done (with --inventory: no differences), 1 differences found (--inventory),
2 the scan could not run.`;

const plural = (n: number, one: string, many = one + 's') => `${n} ${n == 1 ? one : many}`;

/** The scan's summary: what was seen, per service of the draft. */
export function scanReport(result: ScanResult): string {
  const lines = [`Crumbs scan of ${result.url}`, `  pages      ${result.pages.join('  ')}`, `  decision   ${result.crumbs ? 'accept all (through Crumbs)' : 'none (no Crumbs on the page)'}`, ''];
  for (const s of result.draft.services ?? []) {
    const cookies = (s.cookies ?? []).map((c) => `${c.storage && c.storage != 'cookie' ? c.storage + ' ' : ''}${c.name} (${String(c.duration)})`);
    lines.push(`  ${s.category == UNKNOWN ? '?' : ' '} ${s.id}  [${s.category}]${s.hosts?.length ? '  hosts: ' + s.hosts.join(', ') : ''}`);
    if (cookies.length) lines.push(`      ${cookies.join(', ')}`);
  }
  if (result.indexedDB.length) lines.push('', `  IndexedDB databases (no inventory field; describe them in your policy): ${result.indexedDB.join(', ')}`);
  const services = result.draft.services ?? [];
  const unknown = services.filter((s) => s.category == UNKNOWN).length;
  lines.push(
    '',
    `${plural(services.length, 'service')}, ${plural(services.reduce((n, s) => n + (s.cookies?.length ?? 0), 0), 'cookie')}` +
      (unknown ? `; ${plural(unknown, 'service')} of category "unknown": pick a category (and write a description) for each before using the draft.` : '.'),
  );
  return lines.join('\n') + '\n';
}

/**
 * \`crumbs-consent scan\`: drafts an inventory, or diffs one with \`--inventory\`.
 * @param argv - arguments after \`scan\`
 * @returns the exit status
 */
export async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs(argv, { out: true, inventory: true, pages: true, chromium: true, timeout: true, help: false });
  } catch (error) {
    process.stderr.write(`crumbs-consent scan: ${(error as Error).message}\n\n${USAGE}\n`);
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
  let existing: unknown;
  try {
    if (positionals.length != 1) throw new Error(positionals.length ? 'scan takes one URL' : 'missing <url>');
    try {
      url = new URL(positionals[0]!).href;
    } catch {
      throw new Error(`not a URL: ${positionals[0]}`);
    }
    if (!/^https?:$/.test(new URL(url).protocol)) throw new Error(`expected an http(s) URL, got ${positionals[0]}`);
    pages = positiveInt(options.pages, 'pages', 3);
    timeout = positiveInt(options.timeout, 'timeout', 30_000);
    if (typeof options.inventory == 'string') {
      const file = options.inventory;
      const text = await readFile(file, 'utf8').catch((e: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${file}: ${e.code == 'ENOENT' ? 'no such file' : e.message}`);
      });
      try {
        existing = JSON.parse(text.replace(/^\ufeff/, ''));
      } catch (e) {
        throw new Error(`${file} is not valid JSON: ${(e as Error).message}`);
      }
    }
  } catch (error) {
    process.stderr.write(`crumbs-consent scan: ${(error as Error).message}\n\n${USAGE}\n`);
    return 2;
  }
  try {
    const result = await scan({
      url,
      pages,
      timeout,
      ...(typeof options.chromium == 'string' ? { chromium: options.chromium } : {}),
      progress: (line) => process.stderr.write(`  ${line}\n`),
    });
    process.stderr.write('\n');
    if (existing !== undefined) {
      const diff = diffInventory(existing, result.observations);
      const { valid, lines } = draftProblems(existing);
      if (!valid) {
        process.stderr.write(`crumbs-consent scan: ${String(options.inventory)} is invalid:\n  ${lines.join('\n  ')}\n`);
        return 2;
      }
      process.stdout.write(`Crumbs scan of ${url} compared with ${String(options.inventory)}\n`);
      for (const d of diff) process.stdout.write(`  ${d.change.padEnd(16)} ${d.name}  ${d.detail}\n`);
      const count = (c: string) => diff.filter((d) => d.change == c).length;
      process.stdout.write(`${count('new')} new, ${count('gone')} gone, ${count('changed duration')} changed duration.\n`);
      return diff.some((d) => d.change != 'gone') ? 1 : 0;
    }
    process.stderr.write(scanReport(result));
    const text = JSON.stringify(result.draft, null, 2) + '\n';
    const { lines } = draftProblems(result.draft);
    if (lines.length) process.stderr.write(`\nThe validator on this draft:\n  ${lines.join('\n  ')}\n`);
    if (typeof options.out == 'string') {
      await writeFile(options.out, text);
      process.stderr.write(`\nDraft written to ${options.out}. Review it, then: crumbs-consent validate ${options.out}\n`);
    } else process.stdout.write(text);
    return 0;
  } catch (error) {
    if (error instanceof AuditError) {
      process.stderr.write(`crumbs-consent scan: ${error.message}\n`);
      return 2;
    }
    process.stderr.write(`crumbs-consent scan: unexpected error: ${(error as Error).stack ?? String(error)}\n`);
    return 2;
  }
}

// The scan itself, for tests and scripts that route requests themselves.
export { scan } from './scan';
export { diffInventory, draftInventory, draftProblems } from './draft-inventory';
