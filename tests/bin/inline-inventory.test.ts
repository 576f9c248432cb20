// Issue 11, item 5: an inventory pasted into `<script type="application/json" id="crumbs-inventory">`
// as the README showed can break out of it. `crumbs-consent validate --inline` writes the block with
// every `<` escaped; these tests load pages built from it in jsdom and in Chromium, next to pages
// built by pasting the file as is, which the same checks catch.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { JSDOM, VirtualConsole } from 'jsdom';
import type { Browser } from 'playwright-core';
import { launchChromium } from '../../src/audit/launch-chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = process.env.CRUMBS_CLI ?? join(ROOT, 'bin/crumbs-consent.mjs');
const CORE = resolve(dirname(CLI), '../dist/esm/core/index.js');
const BLOCK = /^<script type="application\/json" id="crumbs-inventory">(.*)<\/script>\n$/s;

/** Ends the script tag early: what follows runs as HTML (an image's onerror, a script). */
const BREAKOUT = {
  categories: [{ id: 'necessary', required: true }, { id: 'analytics' }],
  services: [
    { id: 'consent', name: 'Consent', category: 'necessary', justification: 'Remembers your choice.', cookies: [{ name: 'crumbs_consent' }] },
    {
      id: 'evil',
      name: 'Tom & Jerry <b>bold</b> \u2028\u2029 > &amp;',
      category: 'analytics',
      description: "</script><img src=x onerror=window.__ran.push('img')><script>window.__ran.push('script')</script>",
      cookies: [{ name: 'evil_*' }],
    },
  ],
};

/** Keeps the parser from ending the script tag: the rest of the page disappears into it. */
const SWALLOW = {
  categories: [{ id: 'necessary', required: true }, { id: 'analytics' }],
  services: [
    { id: 'consent', name: 'Consent', category: 'necessary', justification: 'Remembers your choice.', cookies: [{ name: 'crumbs_consent' }] },
    { id: 'evil', name: 'Evil', category: 'analytics', cookies: [{ name: 'evil_*', description: '<!--<script>' }] },
  ],
};

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp = '';
let count = 0;
/** Writes `value` as a site owner would (indented) and returns the path. */
function inventoryFile(value: unknown): string {
  const path = join(temp, `inventory-${++count}.json`);
  writeFileSync(path, JSON.stringify(value, null, 2) + '\n');
  return path;
}

/** What `crumbs-consent validate <file> --inline` prints. */
function inlined(value: unknown, ...options: string[]): string {
  const { status, stdout, stderr } = run('validate', inventoryFile(value), '--inline', ...options);
  expect(status, stderr).toBe(0);
  return stdout;
}

/** The file pasted as is between the tags, as the README used to show. */
const naive = (value: unknown) => `<script type="application/json" id="crumbs-inventory">${JSON.stringify(value, null, 2)}</script>`;

/** A page with the block first in <head>, then a script that reads it back as crumbs.js does. */
const page = (block: string) => `<!doctype html>
<html><head><meta charset="utf-8">
<script>window.__ran = [];</script>
${block}
<script>window.__ran.push('after'); window.__parsed = JSON.parse(document.getElementById('crumbs-inventory').textContent);</script>
</head><body><p id="end">end of page</p></body></html>`;

interface Outcome {
  /** Scripts that ran, in order: only 'after' is ours. */
  ran: string[];
  /** The inventory as read back from the block. */
  parsed: unknown;
  /** Whether the page's own content survived. */
  end: boolean;
}

function inJsdom(html: string): Outcome {
  // A page of its own (not the test's jsdom); its script errors (the broken JSON) stay in it.
  const { window } = new JSDOM(html, { runScripts: 'dangerously', virtualConsole: new VirtualConsole() });
  const w = window as unknown as { __ran: string[]; __parsed: unknown };
  const outcome = { ran: [...w.__ran], parsed: w.__parsed && JSON.parse(JSON.stringify(w.__parsed)), end: !!window.document.getElementById('end') };
  window.close();
  return outcome;
}

beforeAll(() => {
  if (!existsSync(CORE)) throw new Error(`${CORE} is missing: run \`node build.mjs\` first`);
  temp = mkdtempSync(join(tmpdir(), 'crumbs-inline-'));
});
afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

describe('crumbs-consent validate --inline', () => {
  it('prints the ready-to-paste block alone on stdout, the summary on stderr', () => {
    const path = inventoryFile(BREAKOUT);
    const { status, stdout, stderr } = run('validate', path, '--inline');
    expect(status).toBe(0);
    expect(stdout).toMatch(BLOCK);
    expect(stdout.split('\n')).toHaveLength(2);
    expect(stderr).toContain(`${path}: valid — 2 categories, 2 services, 2 cookies`);
  });

  it('escapes every < > & and U+2028/U+2029, and the block parses back to the same value', () => {
    const json = BLOCK.exec(inlined(BREAKOUT))![1]!;
    expect(json).not.toMatch(/[<>&\u2028\u2029]/);
    expect(json).toContain('\\u003c/script\\u003e');
    expect(JSON.parse(json)).toEqual(BREAKOUT);
    expect(JSON.parse(BLOCK.exec(inlined(SWALLOW))![1]!)).toEqual(SWALLOW);
  });

  it('keeps the stamp current: --stamp --inline stamps the file and the block carries that stamp', async () => {
    const path = inventoryFile(BREAKOUT);
    const { status, stdout, stderr } = run('validate', path, '--stamp', '--inline');
    expect(status).toBe(0);
    const stamp = /stamped ([0-9a-f]{8})/.exec(stderr)?.[1];
    expect(stamp).toMatch(/^[0-9a-f]{8}$/);
    const parsed = JSON.parse(BLOCK.exec(stdout)![1]!);
    expect(parsed).toEqual({ stamp, ...BREAKOUT });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(parsed);
    // The stamp is computed over the parsed value, which escaping does not change.
    const core = await import(pathToFileURL(CORE).href);
    expect(core.stampInventory(parsed)).toBe(stamp);
    expect(run('validate', path).stdout).toContain('stamp current');
  });

  it('writes the block to a file with --out', () => {
    const path = inventoryFile(BREAKOUT);
    const out = join(temp, 'head.html');
    const { status, stdout } = run('validate', path, '--inline', '--out', out);
    expect(status).toBe(0);
    expect(stdout).toBe(`${path}: valid — 2 categories, 2 services, 2 cookies (1 warning), inline block written to ${out}\n`);
    expect(readFileSync(out, 'utf8')).toBe(inlined(BREAKOUT));
    expect(run('validate', path, '--inline', `--out=${out}`).status).toBe(0);
  });

  it('prints no block for an invalid inventory, nor with --strict and warnings', () => {
    const invalid = run('validate', inventoryFile({ categories: [] }), '--inline');
    expect(invalid.status).toBe(1);
    expect(invalid.stdout).toBe('');
    const strict = run('validate', inventoryFile(BREAKOUT), '--inline', '--strict');
    expect(strict.status).toBe(1);
    expect(strict.stdout).toBe('');
  });

  it('refuses --out without --inline, and --out onto the inventory itself', () => {
    const path = inventoryFile(BREAKOUT);
    expect(run('validate', path, '--out', join(temp, 'x.html')).stderr).toContain('--out goes with --inline');
    const same = run('validate', path, '--inline', '--out', path);
    expect(same.status).toBe(2);
    expect(same.stderr).toContain('--out must not be the inventory itself');
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual(BREAKOUT);
    expect(run('validate', path, '--inline', '--out').stderr).toContain('--out needs a file name');
  });

  it('warns, in plain validate, about texts that would break out of a block pasted by hand', () => {
    const breakout = run('validate', inventoryFile(BREAKOUT));
    expect(breakout.status).toBe(0);
    expect(breakout.stderr).toMatch(/^warning {2}services\[1\]\.description: contains "<\/script": pasted as is into an inline <script>, it ends the tag.*--inline/m);
    const swallow = run('validate', inventoryFile(SWALLOW), '--strict');
    expect(swallow.status).toBe(1);
    expect(swallow.stderr).toMatch(/^warning {2}services\[1\]\.cookies\[0\]\.description: contains "<!--": .*can hide the rest of the page/m);
  });
});

describe('an inline inventory in a page (jsdom)', () => {
  it.each([
    ['</script> in a text', BREAKOUT],
    ['<!--<script> in a text', SWALLOW],
  ])('written by --inline, with %s: no script of it runs, the page survives, the inventory reads back equal', (_, value) => {
    expect(inJsdom(page(inlined(value)))).toEqual({ ran: ['after'], parsed: value, end: true });
  });

  // The same checks on the file pasted as is: they catch both attacks, which is what makes the
  // passing test above mean something.
  it('pasted as is: </script> runs the attacker\'s script, and the inventory no longer parses', () => {
    const outcome = inJsdom(page(naive(BREAKOUT)));
    expect(outcome.ran).toContain('script');
    expect(outcome.parsed).toBeUndefined();
  });

  it('pasted as is: <!--<script> swallows the rest of the page, our script included', () => {
    expect(inJsdom(page(naive(SWALLOW)))).toEqual({ ran: [], parsed: undefined, end: false });
  });
});

// Not skipped without Chromium: `npm test` installs it, and a missing one fails here, naming the path.
describe('an inline inventory in a page (Chromium)', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
  });

  /** Loads `html` as https://crumbs.test/ (every other request answers 404, so `<img src=x>` errors at once). */
  async function inChromium(html: string): Promise<Outcome & { errors: string[] }> {
    const context = await browser.newContext();
    try {
      const tab = await context.newPage();
      const errors: string[] = [];
      tab.on('pageerror', (error) => errors.push(error.message));
      await tab.route('**/*', (route) =>
        route.request().url() == 'https://crumbs.test/'
          ? route.fulfill({ contentType: 'text/html; charset=utf-8', body: html })
          : route.fulfill({ status: 404, body: '' }),
      );
      await tab.goto('https://crumbs.test/', { waitUntil: 'load' });
      const outcome = await tab.evaluate(() => {
        const w = window as unknown as { __ran: string[]; __parsed: unknown };
        return { ran: w.__ran, parsed: w.__parsed, end: !!document.getElementById('end') };
      });
      return { ...outcome, errors };
    } finally {
      await context.close();
    }
  }

  it.each([
    ['</script> in a text', BREAKOUT],
    ['<!--<script> in a text', SWALLOW],
  ])('written by --inline, with %s: no script of it runs, the page survives, the inventory reads back equal', async (_, value) => {
    expect(await inChromium(page(inlined(value)))).toEqual({ ran: ['after'], parsed: value, end: true, errors: [] });
  });

  it('pasted as is: </script> runs the attacker\'s image handler and script, and the inventory no longer parses', async () => {
    const outcome = await inChromium(page(naive(BREAKOUT)));
    expect(outcome.ran).toEqual(expect.arrayContaining(['script', 'img']));
    expect(outcome.parsed).toBeUndefined();
  });

  it('pasted as is: <!--<script> swallows the rest of the page, our script included', async () => {
    const outcome = await inChromium(page(naive(SWALLOW)));
    expect(outcome).toMatchObject({ ran: [], end: false });
    expect(outcome.parsed).toBeUndefined();
  });
}, 60_000);
