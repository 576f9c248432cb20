#!/usr/bin/env node
// Serves the demo site: demo/ at /, the built widget (dist/browser/) at /crumbs/, on http://localhost:8080
// (PORT overrides; when the port is taken the next free one is used). Plain node:http, no
// dependencies. /csp.html is served with a strict Content-Security-Policy header.
//
//   node build.mjs && node demo/serve.mjs
//
// The browser tests import `siteResponse` from here, so they serve exactly what this server serves.
import { createServer } from 'node:http';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, statSync } from 'node:fs';
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

/** Starts the server on `port`, or the next free port, and resolves with the URL. */
export function serve(port = Number(process.env.PORT) || 8080, attempts = 20) {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const { status, headers, body } = siteResponse(url.pathname, { cookie: req.headers.cookie });
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.on('error', (error) => {
      if (error.code === 'EADDRINUSE' && attempts > 1) {
        console.error(`port ${port} is taken, trying ${port + 1}`);
        resolve(serve(port + 1, attempts - 1));
      } else reject(error);
    });
    server.listen(port, () => resolve({ server, url: `http://localhost:${port}/` }));
  });
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (!existsSync(join(DIST_DIR, 'crumbs.js'))) console.warn('warning: dist/browser/ is not built yet; run `node build.mjs` first.');
  const { url } = await serve();
  console.log(`Crumbs demo: ${url}`);
  console.log(`  ${url}article.html   article with a gated Vimeo embed`);
  console.log(`  ${url}cookies.html   cookie policy with the generated cookie table`);
  console.log(`  ${url}spa.html       content added after load, like an SPA route`);
  console.log(`  ${url}csp.html       the home page under a strict Content-Security-Policy`);
  console.log(`  ${url}consent-mode/advanced.html, remote.html, gtm.html   the README's Consent Mode snippets`);
  console.log('Press Ctrl+C to stop.');
}
