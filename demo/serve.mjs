#!/usr/bin/env node
// Serves the demo site: demo/ at /, the built widget (dist/browser/) at /crumbs/, on http://localhost:8080
// (PORT overrides; when the port is taken the next free one is used). Plain node:http, no
// dependencies. /csp.html is served with a strict Content-Security-Policy header.
//
//   node build.mjs && node demo/serve.mjs
//
// The browser tests import `siteResponse` from here, so they serve exactly what this server serves.
//
// Run as a program, it also starts the consent-log service (dist/log-server, SQLite in a temporary
// folder) and passes /consent/* to it, where the demo inventory's `consent.logUrl` sends records.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const DEMO_DIR = dirname(fileURLToPath(import.meta.url));
export const DIST_DIR = join(DEMO_DIR, '..', 'dist', 'browser');

/** The policy of /csp.html: no 'unsafe-inline', no 'unsafe-eval', only the vendors the site uses. */
export const STRICT_CSP = [
  "default-src 'self'",
  "script-src 'self' https://www.googletagmanager.com https://static.hotjar.com https://script.hotjar.com https://connect.facebook.net",
  "style-src 'self'",
  "img-src 'self' https:",
  "font-src 'self'",
  'frame-src https://player.vimeo.com',
  "connect-src 'self' https: wss://*.hotjar.com",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** Maps a URL path to a file under `base`, refusing anything that would leave it. */
function fileUnder(base, relativePath) {
  const file = normalize(join(base, relativePath));
  if (file !== base && !file.startsWith(base + sep)) return null;
  if (!existsSync(file) || !statSync(file).isFile()) return null;
  return file;
}

/**
 * Puts the shared page parts (demo/partials/<name>.html) in place of `<!--#include <name> -->`
 * comments, so that the header and footer are written once. `current="<href>"` marks that link of
 * the main navigation as the current page. A missing part is an error naming it.
 * @param {string} html a page of the demo
 */
export function renderPage(html) {
  return html.replace(/<!--#include ([\w-]+)(?: current="([^"]*)")? -->/g, (marker, name, current) => {
    const file = join(DEMO_DIR, 'partials', name + '.html');
    if (!existsSync(file)) throw new Error(`demo: ${marker} names no file demo/partials/${name}.html`);
    const part = readFileSync(file, 'utf8').trimEnd();
    return current ? part.replace(`<a href="${current}">`, `<a href="${current}" aria-current="page">`) : part;
  });
}

/**
 * What the site answers for a path: `{ status, headers, body }`.
 * @param {string} pathname URL path, e.g. `/`, `/article.html`, `/crumbs/crumbs.js`
 * @param {{ cookie?: string, secure?: boolean }} [request] the request's Cookie header and scheme
 */
export function siteResponse(pathname, request = {}) {
  let path;
  try {
    path = decodeURIComponent(pathname);
  } catch {
    return notFound();
  }
  if (path.endsWith('/')) path += 'index.html';
  const file = path.startsWith('/crumbs/')
    ? fileUnder(DIST_DIR, path.slice('/crumbs/'.length))
    : fileUnder(DEMO_DIR, path.slice(1));
  if (!file || file.endsWith('serve.mjs') || file.endsWith('README.md') || path.startsWith('/partials/')) return notFound(path);
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  const headers = { 'content-type': type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' };
  if (type.startsWith('text/html')) {
    if (path === '/csp.html') headers['content-security-policy'] = STRICT_CSP;
    // The strictly necessary session cookie of the cookie policy (seed 004's "Session"), set by the
    // server as a real site would: HttpOnly, so no script (Crumbs included) can read or delete it.
    if (!/(?:^|;\s*)Session=/.test(request.cookie ?? '')) {
      headers['set-cookie'] =
        'Session=' + randomBytes(12).toString('hex') + '; Path=/; HttpOnly; SameSite=Lax' + (request.secure ? '; Secure' : '');
    }
  }
  const body = type.startsWith('text/html') ? Buffer.from(renderPage(readFileSync(file, 'utf8'))) : readFileSync(file);
  return { status: 200, headers, body };
}

function notFound(path = '') {
  const missingDist = path.startsWith('/crumbs/') && !existsSync(join(DIST_DIR, 'crumbs.js'));
  return {
    status: 404,
    headers: { 'content-type': 'text/plain; charset=utf-8' },
    body: Buffer.from(missingDist ? 'dist/browser/ is not built: run `node build.mjs` first.\n' : 'Not found\n'),
  };
}

/**
 * Passes a request under /consent/ to the consent-log service at `logUrl` (`/consent/records` to
 * `/records`), as a reverse proxy in front of a real site would. Without a service: 503.
 */
async function toLogService(req, res, url, logUrl) {
  if (!logUrl) {
    res.writeHead(503, { 'content-type': 'application/json' });
    return res.end(JSON.stringify({ error: 'the consent-log service is not running' }));
  }
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  const headers = {};
  for (const name of ['content-type', 'authorization', 'origin', 'accept']) if (req.headers[name]) headers[name] = req.headers[name];
  try {
    const answer = await fetch(logUrl + url.pathname.slice('/consent'.length) + url.search, {
      method: req.method,
      headers,
      body: ['GET', 'HEAD'].includes(req.method) ? undefined : Buffer.concat(chunks),
    });
    res.writeHead(answer.status, { 'content-type': answer.headers.get('content-type') ?? 'text/plain' });
    res.end(Buffer.from(await answer.arrayBuffer()));
  } catch (error) {
    res.writeHead(502, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `the consent-log service did not answer: ${error.message}` }));
  }
}

/**
 * Starts the server on `port`, or the next free port, and resolves with the URL.
 * @param logUrl - base URL of a consent-log service to pass /consent/* to
 */
export function serve(port = Number(process.env.PORT) || 8080, attempts = 20, logUrl = undefined) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/consent/')) return void toLogService(req, res, url, logUrl);
    const { status, headers, body } = siteResponse(url.pathname, { cookie: req.headers.cookie });
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.on('error', (error) => {
      if (error.code === 'EADDRINUSE' && attempts > 1) {
        console.error(`port ${port} is taken, trying ${port + 1}`);
        resolve(serve(port + 1, attempts - 1, logUrl));
      } else reject(error);
    });
    server.listen(port, () => resolve({ server, url: `http://localhost:${port}/` }));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(join(DIST_DIR, 'crumbs.js'))) console.warn('warning: dist/browser/ is not built yet; run `node build.mjs` first.');
  const { logServer, token, folder } = await startDemoLog();
  const { server, url } = await serve(undefined, undefined, logServer?.url);
  console.log(`Crumbs demo: ${url}`);
  console.log(`  ${url}article.html   article with a gated Vimeo embed`);
  console.log(`  ${url}cookies.html   cookie policy with the generated cookie table`);
  console.log(`  ${url}spa.html       content added after load, like an SPA route`);
  console.log(`  ${url}csp.html       the home page under a strict Content-Security-Policy`);
  console.log(`  ${url}consent-mode/advanced.html, remote.html, gtm.html   the README's Consent Mode snippets`);
  if (logServer) {
    console.log(`Consent log: ${logServer.url} (SQLite in ${folder}), behind ${url}consent/`);
    console.log(`  decisions are posted to ${url}consent/records; look one up by the consent id the dialog shows:`);
    console.log(`  curl -H 'Authorization: Bearer ${token}' ${url}consent/consents/<consent id>`);
  }
  console.log('Press Ctrl+C to stop.');
  const stop = async () => {
    server.close();
    await logServer?.close();
    if (folder) rmSync(folder, { recursive: true, force: true });
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

/**
 * What a deploy step does (`crumbs-consent notice cookies.json --all --upload`): stores the notice
 * snapshot of every language and layer, so that each record says its notice is known.
 */
async function uploadNotices(logUrl, token) {
  const core = await import(pathToFileURL(join(DEMO_DIR, '..', 'dist', 'esm', 'core', 'index.js')).href);
  const inventory = core.parseInventory(JSON.parse(readFileSync(join(DEMO_DIR, 'cookies.json'), 'utf8')));
  for (const lang of core.BUNDLED_LANGUAGES)
    for (const layer of ['banner', 'dialog', 'placeholder', 'api']) {
      const response = await fetch(logUrl + '/notices', {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(core.snapshotNotice(inventory, lang, layer)),
      });
      if (!response.ok) throw new Error(`POST /notices answered ${response.status}: ${await response.text()}`);
    }
}

/**
 * The demo's consent-log service: SQLite in a temporary folder, records from any origin (the
 * service only ever sees the demo's own proxy), a fresh read token, quiet logs. Without a built
 * service, or without its SQLite driver, the demo runs and says so.
 */
async function startDemoLog() {
  const module = join(DEMO_DIR, '..', 'dist', 'log-server', 'start-log-server.js');
  if (!existsSync(module)) {
    console.warn('warning: dist/log-server/ is not built: the demo runs without its consent log (`node build.mjs`).');
    return {};
  }
  const folder = mkdtempSync(join(tmpdir(), 'crumbs-demo-log-'));
  const token = randomBytes(16).toString('hex');
  try {
    const { startLogServer } = await import(pathToFileURL(module).href);
    const logServer = await startLogServer({ db: join(folder, 'consent.sqlite'), port: 0, token, logLevel: 'warn' });
    await uploadNotices(logServer.url, token);
    return { logServer, token, folder };
  } catch (error) {
    rmSync(folder, { recursive: true, force: true });
    console.warn(`warning: the consent log did not start (${error.message}); the demo runs without it.`);
    return {};
  }
}
