// Under Trusted Types (`require-trusted-types-for 'script'`), a site that allows Crumbs' policy
// (`trusted-types crumbs`) gets the banner, its gated scripts after consent and its embeds for a
// returning visitor, with zero violations; a site that does not allow it is told, through an
// `error` event, that a granted element could not be activated.
import { describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { SITE, useSite } from './helpers/site.mjs';

const env = useSite();
const VIDEO = 'https://player.vimeo.com/video/76979871';
const NONCE = 'tt-nonce-3f9a';

// The gated script's attribute handler (`onload="void 0"`), allowed by its hash: Chromium 156
// checks an attribute handler against the policy as soon as the parser sets it (seen: a sleeping
// `<script type="text/plain" onload>` alone reports script-src-attr), so without the hash the
// page's own markup is a violation before Crumbs runs. Chromium 150 did not report it.
const HANDLER_HASH = "'sha256-yyjq/GGlTvm0YhdkNx72uPxcwaIXqWZBYZftmpA6pYU='";

const policy = (trustedTypes) =>
  [
    "default-src 'self'",
    `script-src 'self' 'nonce-${NONCE}' 'unsafe-hashes' ${HANDLER_HASH}`,
    "style-src 'self'",
    'frame-src https://player.vimeo.com',
    'object-src https://player.vimeo.com',
    "require-trusted-types-for 'script'",
    `trusted-types ${trustedTypes}`,
  ].join('; ');

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/crumbs/crumbs.js" data-inventory="/cookies.json"></script>
<title>Trusted Types</title>
<script type="text/plain" data-consent="google-analytics" nonce="${NONCE}" onload="void 0">window.ttInline = (window.ttInline || 0) + 1;</script>
<script type="text/plain" data-consent="google-analytics" src="/tt-vendor.js"></script>
</head><body><main><h1>Strict page</h1>
<embed data-consent="vimeo" data-src="${VIDEO}" type="text/html" width="320" height="180" title="Video (Vimeo)">
<p>After the embed.</p></main><footer><a href="#" data-crumbs-open>Cookie settings</a></footer></body></html>`;

async function open(trustedTypes) {
  const site = await env.open();
  site.serve('/tt.html', {
    status: 200,
    headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': policy(trustedTypes) },
    body: PAGE,
  });
  site.serve('/tt-vendor.js', { status: 200, contentType: 'text/javascript', body: 'window.ttExternal = (window.ttExternal || 0) + 1;' });
  await site.goto('/tt.html');
  return site;
}

// Chromium also reports an `object-src` check of the sleeping <embed>, which has no address yet
// (blocked URI ""): the page's own markup, the same with or without Crumbs.
const violations = (site) =>
  site.page.evaluate(() => window.__cspViolations.filter((v) => !(v.directive === 'object-src' && v.blocked === '')));
const errors = async (site) => (await site.state()).events.filter((e) => e.name === 'error').map((e) => e.detail.message);
const ran = (site) => site.page.evaluate(() => [window.ttInline, window.ttExternal]);

describe('Trusted Types', () => {
  test('with `trusted-types crumbs`: banner, gated scripts and the embed work, on the page and after a reload, with zero violations', async () => {
    const site = await open('crumbs');
    await visible(site.banner(), 'the banner');
    expect(await ran(site), 'nothing ran before consent').toEqual([undefined, undefined]);
    await button(site.banner(), 'Accept all').click();
    await expect.poll(() => ran(site), { message: 'the inline and the external gated script' }).toEqual([1, 1]);
    await expect.poll(() => site.page.frames().some((f) => f.url() === VIDEO), { message: 'the embed loaded' }).toBe(true);
    expect(await violations(site)).toEqual([]);
    expect(await errors(site)).toEqual([]);

    await site.page.reload();
    await site.ready();
    await expect.poll(() => ran(site)).toEqual([1, 1]);
    await expect.poll(() => site.page.frames().some((f) => f.url() === VIDEO)).toBe(true);
    await visible(site.settingsButton(), 'the settings button');
    expect(await violations(site)).toEqual([]);
    expect(await errors(site)).toEqual([]);
    expect(site.page.url()).toBe(SITE + '/tt.html');
  });

  test('without Crumbs allowed in `trusted-types`: a granted element that cannot run is reported, not swallowed', async () => {
    const site = await open('other');
    await visible(site.banner(), 'the banner');
    await button(site.banner(), 'Accept all').click();
    await expect.poll(() => errors(site), { message: 'error events' }).toContainEqual(expect.stringContaining('could not be activated'));
    expect(await ran(site), 'the browser refused the gated scripts').toEqual([undefined, undefined]);
  });
});
