// `crumbs-consent scan` in a real Chromium: a fixture site with GA4, Hotjar and Vimeo stand-ins and
// an unknown first-party cookie gives the expected draft, which the validator refuses until the
// unknown service is classified; the demo site's scan drafts the demo inventory back. Every request
// is answered locally (helpers.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { diffInventory, draftProblems, main, scan } from '../../dist/audit/scan-cli.js';
import { launch } from '../browser/helpers/launch.mjs';
import { assertBuilt, DEMO, fixtureUrl, localNetwork, ROOT } from './helpers.mjs';

let browser;
const results = {};

beforeAll(async () => {
  assertBuilt();
  browser = await launch();
  const go = async (url, pages) => {
    const { route, leaks } = localNetwork();
    return { result: await scan({ url, pages, route, browser }), leaks };
  };
  [results.fixture, results.demo] = await Promise.all([go(fixtureUrl('scan-site'), 1), go(DEMO, 3)]);
}, 120_000);

afterAll(async () => {
  await browser?.close();
});

const byId = (draft) => Object.fromEntries(draft.services.map((s) => [s.id, s]));

describe('scan', () => {
  it('drafts the fixture site: known services with their suggested category, the unknown cookie as "unknown"', () => {
    const { result, leaks } = results.fixture;
    expect(leaks).toEqual([]);
    expect(result.crumbs).toBe(true);
    const services = byId(result.draft);
    expect(Object.keys(services)).toEqual(['crumbs', 'google-analytics', 'hotjar', 'vimeo', 'unknown-scan-site-audit-test']);
    expect(services['google-analytics']).toMatchObject({ category: 'analytics', hosts: ['www.googletagmanager.com', 'region1.google-analytics.com'] });
    // Durations as the tags asked for them (max-age), in a policy's words; names as documented.
    expect(services['google-analytics'].cookies.map((c) => [c.name, c.duration])).toEqual(
      expect.arrayContaining([['_ga', '2 years'], ['_ga_*', '2 years'], ['_gid', '24 hours']]),
    );
    expect(services.hotjar.cookies.map((c) => c.name)).toEqual(expect.arrayContaining(['_hjSessionUser*', '_hjSession*', '_hjid']));
    expect(services.hotjar.cookies.find((c) => c.name == '_hjRecordingLastActivity')).toMatchObject({ storage: 'sessionStorage', duration: 'session' });
    expect(services.vimeo).toMatchObject({ category: 'functionality', hosts: ['player.vimeo.com'] });
    expect(services.vimeo.cookies.find((c) => c.name == 'vuid')).toMatchObject({ domain: '.vimeo.com', duration: '2 years' });
    expect(services['unknown-scan-site-audit-test']).toMatchObject({
      category: 'unknown',
      cookies: [{ name: 'cart_token', duration: '14 days', description: 'Found by crumbs-consent scan: say what it does.' }],
    });
    expect(services.crumbs.cookies.map((c) => c.name)).toEqual(['__Host-crumbs_consent']);
  });

  it('the validator refuses the draft until the unknown service is classified, then accepts it', () => {
    const { draft } = results.fixture.result;
    const refused = draftProblems(draft);
    expect(refused.valid).toBe(false);
    expect(refused.lines).toEqual([expect.stringMatching(/^error {2}services\[4\]\.category: unknown category "unknown" \(known: necessary, analytics, functionality, targeting\)$/)]);
    const decided = structuredClone(draft);
    decided.services.find((s) => s.category == 'unknown').category = 'necessary';
    const accepted = draftProblems(decided);
    expect(accepted.valid).toBe(true);
    // A necessary service should say why: a warning, not an error.
    expect(accepted.lines).toEqual(['warning  services[4].justification: missing for a service in required category "necessary"']);
  });

  it('drafts the demo inventory back from the demo site', () => {
    const { result, leaks } = results.demo;
    expect(leaks).toEqual([]);
    const demo = JSON.parse(readFileSync(join(ROOT, 'demo/cookies.json'), 'utf8'));
    const diff = diffInventory(demo, result.observations);
    // Every cookie the demo really sets is declared, with a duration that agrees with its expiry.
    expect(diff.filter((d) => d.change != 'gone')).toEqual([]);
    // The same services, in the same categories (the server's Session cookie excepted: no table knows it).
    const services = byId(result.draft);
    for (const id of ['google-analytics', 'hotjar', 'vimeo', 'meta-pixel']) expect(services[id]?.category).toBe(demo.services.find((s) => s.id == id).category);
    expect(services['unknown-crumbs-demo-test'].cookies.map((c) => c.name)).toEqual(['Session']);
    // What the demo declares but its stand-ins never set (see the report of issue 15).
    expect(diff.filter((d) => d.change == 'gone').length).toBeGreaterThan(20);
  });
});

describe('scan: exit status 2 when it cannot run', () => {
  it('says which Chromium is missing and how to get one', async () => {
    let stderr = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((stderr += chunk), true));
    try {
      expect(await main([DEMO, '--chromium', '/nonexistent/chromium'])).toBe(2);
    } finally {
      spy.mockRestore();
    }
    expect(stderr).toMatch(/^crumbs-consent scan: Chromium not found at \/nonexistent\/chromium: install it/m);
  });
});
