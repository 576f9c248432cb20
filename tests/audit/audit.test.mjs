// `crumbs-consent audit` in a real Chromium: the demo site audits clean, each fixture site under
// fixtures/<rule>/ is caught by the rule it is named after (and by no other), and the audit says
// clearly when it cannot run. Every request is answered locally (helpers.mjs): nothing leaves the
// machine. The audits run side by side in one browser, before the tests read their results.
import { createServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { audit, main } from '../../dist/audit/cli.js';
import { launch } from '../browser/helpers/launch.mjs';
import { join } from 'node:path';
import { DIST_DIR } from '../../demo/serve.mjs';
import { assertBuilt, DEMO, FIXTURES as FIXTURES_DIR, fixtureUrl, localNetwork } from './helpers.mjs';

const FIXTURES = ['request-without-consent', 'undeclared-cookie', 'storage-without-consent', 'cookie-after-revoke'];
let browser;
const results = {};

/** Runs one audit with local routing; resolves with its result (or error) and the refused URLs. */
async function run(url, options = {}) {
  const { route, leaks } = localNetwork();
  try {
    return { result: await audit({ url, route, browser, parallel: 2, timeout: 60_000, ...options }), leaks };
  } catch (error) {
    return { error, leaks };
  }
}

/** The result of a named audit; its error, when it failed, is the test's failure. */
function resultOf(name) {
  const { result, error } = results[name];
  if (error) throw error;
  return result;
}

const violationRules = (result) => [...new Set(result.findings.filter((f) => f.severity == 'violation').map((f) => f.rule))];

beforeAll(async () => {
  assertBuilt();
  browser = await launch();
  const runs = {
    demo: run(DEMO, { pages: 2 }),
    ...Object.fromEntries(FIXTURES.map((f) => [f, run(fixtureUrl(f), { pages: 1 })])),
    'no-crumbs': run(fixtureUrl('no-crumbs'), { pages: 1 }),
    // A clean site whose second page has a tag that keeps the main thread busy before its embed.
    'embed-after-busy-tag': run(fixtureUrl('embed-after-busy-tag'), { pages: 2 }),
    // --inventory: the same undeclared-cookie site, checked against an inventory that declares it.
    'given-inventory': run(fixtureUrl('undeclared-cookie'), { pages: 1, inventory: join(FIXTURES_DIR, 'undeclared-cookie/complete-inventory.json') }),
  };
  for (const [name, done] of Object.entries(runs)) results[name] = await done;
  // About 50 s on a quiet machine (seven audits side by side); the margin is for a busy CI runner.
}, 180_000);

afterAll(async () => {
  await browser?.close();
});

describe('audit', () => {
  it('passes the demo site: exit 0, no violation, nothing left the machine', () => {
    const { result, error, leaks } = results.demo;
    expect(error).toBeUndefined();
    expect(leaks).toEqual([]);
    expect(result.findings.filter((f) => f.severity == 'violation')).toEqual([]);
    expect(result.exitCode).toBe(0);
    // It did look: two pages, seven phases, and the vendors ran after accept all.
    expect(result.run.pages).toEqual([DEMO, DEMO + 'article.html']);
    expect(result.run.phases.map((p) => p.id)).toEqual(['no-decision', 'reject-all', 'accept-all', 'only-analytics', 'only-functionality', 'only-targeting', 'revoke']);
    const accepted = result.run.phases.find((p) => p.id == 'accept-all').evidence;
    expect(accepted.requests.map((r) => r.host)).toContain('www.googletagmanager.com');
    expect(accepted.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['_ga', '_fbp', 'vuid']));
    // Declared cookies the stand-ins never set are information only.
    expect(result.findings.some((f) => f.rule == 'declared-never-seen' && f.subject == 'GAPS (accounts.google.com)')).toBe(true);
  });

  it('records what an embed sets that Crumbs held back behind a busy tag (the network was quiet meanwhile)', () => {
    const result = resultOf('embed-after-busy-tag');
    expect(result.run.pages).toEqual([fixtureUrl('embed-after-busy-tag'), fixtureUrl('embed-after-busy-tag', '/video.html')]);
    for (const id of ['accept-all', 'revoke']) {
      const evidence = result.run.phases.find((p) => p.id == id).evidence;
      expect(evidence.cookies.filter((c) => c.name == 'vuid').map((c) => c.page), id).toEqual([fixtureUrl('embed-after-busy-tag', '/video.html')]);
    }
    expect(result.findings.filter((f) => f.severity == 'violation')).toEqual([]);
    expect(result.findings.some((f) => f.rule == 'declared-never-seen' && f.subject.startsWith('vuid'))).toBe(false);
    expect(result.exitCode).toBe(0);
  });

  it('catches an ungated Google tag: request-without-consent with the request and its initiator, exit 1', () => {
    const result = resultOf('request-without-consent');
    const { leaks } = results['request-without-consent'];
    expect(leaks).toEqual([]);
    expect(result.exitCode).toBe(1);
    const finding = result.findings.find((f) => f.rule == 'request-without-consent' && f.phase == 'no decision' && f.subject == 'www.googletagmanager.com');
    expect(finding, JSON.stringify(result.findings, null, 1)).toBeDefined();
    expect(finding.service).toBe('google-analytics');
    expect(finding.evidence).toEqual(['script https://www.googletagmanager.com/gtag/js?id=G-FIXTURE1', `started by HTML of ${fixtureUrl('request-without-consent')}`]);
    // The tag then sets its cookies before consent: the same mistake, seen from the cookie jar.
    expect(result.findings.find((f) => f.rule == 'cookie-without-consent' && f.subject.startsWith('_ga ')).evidence[0]).toMatch(/^document\.cookie by https:\/\/www\.googletagmanager\.com\/gtag\/js\?id=G-FIXTURE1:\d+$/);
    expect(violationRules(result).sort()).toEqual(['cookie-without-consent', 'request-without-consent']);
    // Before any decision, after reject all, and when only the other category is granted.
    expect(new Set(result.findings.filter((f) => f.rule == 'request-without-consent').map((f) => f.phase))).toEqual(new Set(['no decision', 'reject all', 'functionality only']));
  });

  it('catches a cookie the inventory does not declare: undeclared-cookie with the script that set it, exit 1', () => {
    const result = resultOf('undeclared-cookie');
    expect(result.exitCode).toBe(1);
    expect(violationRules(result)).toEqual(['undeclared-cookie']);
    const finding = result.findings.find((f) => f.rule == 'undeclared-cookie');
    expect(finding.subject).toBe('ab_variant (undeclared-cookie.audit.test)');
    expect(finding.evidence).toEqual([`document.cookie by an inline script that Crumbs activated (${fixtureUrl('undeclared-cookie')})`]);
  });

  it('catches a storage key written before consent: storage-without-consent naming the script, exit 1', () => {
    const result = resultOf('storage-without-consent');
    expect(result.exitCode).toBe(1);
    expect(violationRules(result)).toEqual(['storage-without-consent']);
    const finding = result.findings.find((f) => f.phase == 'no decision');
    expect(finding).toMatchObject({ subject: 'localStorage visitor_id', service: 'site-stats' });
    expect(finding.evidence).toEqual([`localStorage.setItem by ${fixtureUrl('storage-without-consent', '/app.js')}:2`]);
  });

  it('catches a cookie that survives revoke: cookie-after-revoke saying why (HttpOnly), exit 1', () => {
    const result = resultOf('cookie-after-revoke');
    expect(result.exitCode).toBe(1);
    expect(violationRules(result)).toEqual(['cookie-after-revoke']);
    const finding = result.findings.find((f) => f.rule == 'cookie-after-revoke');
    expect(finding).toMatchObject({ subject: 'trk_id (cookie-after-revoke.audit.test)', phase: 'accept, revoke, reload', service: 'site-stats' });
    expect(finding.evidence[0]).toMatch(/HttpOnly \(no script can delete it: the server must\)/);
    // No Set-Cookie line: Chromium does not report the Set-Cookie header of a response fulfilled by
    // the test's routing (it does for real responses), so the evidence is the cookie's HttpOnly flag.
  });
});

describe('audit --inventory', () => {
  it('checks against the given inventory instead of the page\'s', () => {
    const { result, error } = results['given-inventory'];
    expect(error).toBeUndefined();
    expect(result.run.inventorySource).toMatch(/complete-inventory\.json$/);
    // ab_variant is declared there, so it is no undeclared-cookie; but the page's Crumbs still runs
    // with the page's inventory, which does not declare it, so nothing deletes it on revoke: the
    // audit shows what deploying the given inventory would fix and what it would not.
    expect(violationRules(result)).toEqual(['cookie-after-revoke']);
    expect(result.findings[0]).toMatchObject({ subject: 'ab_variant (undeclared-cookie.audit.test)', service: 'site-stats' });
  });
});

/** Runs the CLI's main with stdout and stderr captured. */
async function cli(args) {
  let stderr = '';
  let stdout = '';
  const err = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += chunk), true));
  const out = vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((stdout += chunk), true));
  try {
    return { status: await main(args), stderr, stdout };
  } finally {
    err.mockRestore();
    out.mockRestore();
  }
}

describe('audit --json', () => {
  it('writes the findings and the exit status as JSON, for a real site on loopback (no routing)', async () => {
    // The undeclared-cookie fixture served over HTTP on localhost (a secure context, as https is),
    // with the built widget at /crumbs/: the CLI exactly as a CI job runs it.
    const server = createHttpServer((request, response) => {
      const path = new URL(request.url, 'http://localhost').pathname;
      const file = path.startsWith('/crumbs/') ? join(DIST_DIR, path.slice(8)) : join(FIXTURES_DIR, 'undeclared-cookie', path == '/' ? 'index.html' : path.slice(1));
      try {
        const body = readFileSync(file);
        response.writeHead(200, { 'content-type': file.endsWith('.html') ? 'text/html' : file.endsWith('.json') ? 'application/json' : 'text/javascript' }).end(body);
      } catch {
        response.writeHead(404).end();
      }
    });
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const dir = mkdtempSync(join(tmpdir(), 'crumbs-audit-json-'));
    try {
      const url = `http://localhost:${server.address().port}/`;
      const { status, stdout } = await cli([url, '--pages', '1', '--json', join(dir, 'audit.json')]);
      expect(status).toBe(1);
      expect(stdout).toContain('undeclared-cookie');
      const report = JSON.parse(readFileSync(join(dir, 'audit.json'), 'utf8'));
      expect(report).toMatchObject({ url, inventory: `${url}cookies.json`, exitCode: 1, violations: 1 });
      expect(report.phases.map((p) => p.id)).toContain('reject-all');
      const violations = report.findings.filter((f) => f.severity == 'violation');
      expect(violations.map((f) => [f.rule, f.subject])).toEqual([['undeclared-cookie', 'ab_variant (localhost)']]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
      await new Promise((resolve) => server.close(resolve));
    }
  }, 120_000);
});

describe('audit: exit status 2 when it cannot run', () => {

  it('says so when the page has no Crumbs', () => {
    const { error } = results['no-crumbs'];
    expect(error?.name).toBe('AuditError');
    expect(error.message).toMatch(/^no Crumbs on https:\/\/no-crumbs\.audit\.test\/: window\.Crumbs is not a Crumbs instance/);
  });

  it('exits 2 when Chromium is missing, naming the path and the fix', async () => {
    const { status, stderr } = await cli([DEMO, '--chromium', '/nonexistent/chromium']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/Chromium not found at \/nonexistent\/chromium: install it .*--chromium <path>/);
  });

  it('exits 2 when the URL is unreachable', async () => {
    // A loopback port that was free a moment ago: refused at once, and nothing leaves the machine.
    const server = createServer();
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    await new Promise((resolve) => server.close(resolve));
    const { status, stderr } = await cli([`http://127.0.0.1:${port}/`, '--timeout', '5000']);
    expect(status).toBe(2);
    expect(stderr).toContain(`cannot load http://127.0.0.1:${port}/: page.goto: net::ERR_CONNECTION_REFUSED`);
  });

  it('exits 2 on bad options, with the usage', async () => {
    const { status, stderr } = await cli([DEMO, '--pages', 'many']);
    expect(status).toBe(2);
    expect(stderr).toMatch(/--pages must be a positive whole number, got "many"[\s\S]*Usage: crumbs-consent audit <url>/);
  });
});
