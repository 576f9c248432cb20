// Answers for the real vendor hosts, served from the stand-ins in tests/browser/vendors/. Every
// answer is local: a request for a host that is not listed here is not answered at all (see site.mjs).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const DIR = fileURLToPath(new URL('../vendors/', import.meta.url));
const read = (name) => readFileSync(join(DIR, name), 'utf8');
const JS = 'text/javascript; charset=utf-8';
const GIF = Buffer.from('R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7', 'base64');

/** A stand-in script, with the run recorder in front of it. */
const script = (name) => ({ status: 200, contentType: JS, body: read('record.js') + '\n' + read(name) });
const empty = { status: 204, body: '' };
const notFound = { status: 404, contentType: 'text/plain', body: 'not found (stand-in)' };

/** Hosts the stand-ins answer, each with a function from URL to response. */
const HOSTS = [
  [/^www\.googletagmanager\.com$/, (url) => (url.pathname === '/gtag/js' ? script('gtag.js') : notFound)],
  [/^([\w-]+\.)*google-analytics\.com$/, () => empty],
  [/^static\.hotjar\.com$/, (url) => (/^\/c\/hotjar-\d+\.js$/.test(url.pathname) ? script('hotjar.js') : notFound)],
  [/^script\.hotjar\.com$/, (url) => (/^\/modules\.[\w]+\.js$/.test(url.pathname) ? script('hotjar-modules.js') : notFound)],
  [/^connect\.facebook\.net$/, (url) => (/^\/[a-z]{2}_[A-Z]{2}\/fbevents\.js$/.test(url.pathname) ? script('fbevents.js') : notFound)],
  [/^www\.facebook\.com$/, (url) => (url.pathname.startsWith('/tr') ? { status: 200, contentType: 'image/gif', body: GIF } : notFound)],
  [
    /^player\.vimeo\.com$/,
    (url) =>
      url.pathname === '/api/player.js'
        ? script('vimeo-api.js')
        : /^\/video\/\d+$/.test(url.pathname)
          ? {
              status: 200,
              headers: {
                'content-type': 'text/html; charset=utf-8',
                // As player.vimeo.com does: its cookies live on .vimeo.com, a third party to the site.
                'set-cookie': 'vuid=pl' + Math.floor(Math.random() * 1e9) + '; Max-Age=63072000; Path=/; Domain=.vimeo.com; SameSite=None; Secure',
              },
              body: read('vimeo-player.html'),
            }
          : notFound,
  ],
];

/** Every vendor host name pattern the stand-ins cover. */
export const VENDOR_HOSTS = HOSTS.map(([pattern]) => pattern);

/**
 * The stand-in response for a vendor URL, or null when the host is not a known vendor.
 * @param {URL} url
 */
export function vendorResponse(url) {
  const entry = HOSTS.find(([pattern]) => pattern.test(url.hostname));
  return entry ? entry[1](url) : null;
}
