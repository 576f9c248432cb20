// Plumbing of the audit tests: every request of every context is answered locally. The demo site
// (through demo/serve.mjs, as the browser suite serves it) on https://www.crumbs-demo.test, the
// fixture sites of tests/audit/fixtures/<rule>/ on https://<rule>.audit.test (with the built widget
// at /crumbs/), and the vendor stand-ins of the browser suite. Anything else is aborted and recorded,
// so a test can assert that nothing left the machine.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DIST_DIR, siteResponse } from '../../demo/serve.mjs';
import { vendorResponse } from '../browser/helpers/vendors.mjs';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const FIXTURES = fileURLToPath(new URL('./fixtures/', import.meta.url));
export const DEMO = 'https://www.crumbs-demo.test/';
/** The URL of a fixture site: https://<name>.audit.test/ */
export const fixtureUrl = (name, path = '/') => `https://${name}.audit.test${path}`;

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.json': 'application/json; charset=utf-8', '.gif': 'image/gif' };

/** A file under `base`, or null (never outside it). */
function fileUnder(base, path) {
  const file = normalize(join(base, path));
  if (!file.startsWith(base.endsWith(sep) ? base : base + sep) || !existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/**
 * A fixture site's answer: /crumbs/* from the built widget, other paths from the fixture folder.
 * A fixture may put `headers.json` next to its pages: `{ "/": { "set-cookie": "..." } }`.
 */
function fixtureResponse(name, pathname) {
  const dir = join(FIXTURES, name);
  const path = pathname.endsWith('/') ? pathname + 'index.html' : pathname;
  const file = path.startsWith('/crumbs/') ? fileUnder(DIST_DIR, path.slice(8)) : fileUnder(dir, path.slice(1));
  if (!file || file.endsWith('headers.json')) return { status: 404, contentType: 'text/plain', body: 'not found' };
  const extra = existsSync(join(dir, 'headers.json')) ? JSON.parse(readFileSync(join(dir, 'headers.json'), 'utf8'))[pathname] ?? {} : {};
  return { status: 200, headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache', ...extra }, body: readFileSync(file) };
}

/**
 * A route handler for `audit({ route })` / `scan({ route })`, and the list of URLs it refused.
 * @returns {{ route: import('../../src/audit/collect-evidence').RouteHandler, leaks: string[] }}
 */
export function localNetwork() {
  const leaks = [];
  const route = async (route, request) => {
    const url = new URL(request.url());
    if (url.protocol === 'https:' && url.hostname === 'www.crumbs-demo.test') {
      const cookie = await request.headerValue('cookie').catch(() => null);
      const { status, headers, body } = siteResponse(url.pathname, { cookie: cookie ?? '', secure: true });
      return route.fulfill({ status, headers, body });
    }
    const fixture = /^([\w-]+)\.audit\.test$/.exec(url.hostname);
    if (url.protocol === 'https:' && fixture && existsSync(join(FIXTURES, fixture[1]))) return route.fulfill(fixtureResponse(fixture[1], url.pathname));
    const vendor = url.protocol === 'https:' ? vendorResponse(url) : null;
    if (vendor) return route.fulfill(vendor);
    leaks.push(url.href);
    return route.abort('blockedbyclient');
  };
  return { route, leaks };
}

/** Whether the built audit and widget exist (the suite needs `node build.mjs` first). */
export function assertBuilt() {
  for (const file of [join(DIST_DIR, 'crumbs.js'), join(ROOT, 'dist/audit/cli.js'), join(ROOT, 'dist/audit/scan-cli.js')])
    if (!existsSync(file)) throw new Error(`${file} is missing: run \`node build.mjs\` first`);
}
