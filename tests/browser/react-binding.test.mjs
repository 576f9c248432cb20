// The README's React hook, verbatim, in a React app bundled as an npm user bundles it: an embed
// shows only once its service is granted, appears on Accept all without a reload, and is there at
// once on the next page load (navigation and reload), with the inventory fetched and inline.
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { readmeBlocks } from '../readme/extract.ts';
import { button, visible } from './helpers/page-objects.mjs';
import { demoInventory, ROOT, SITE, useSite } from './helpers/site.mjs';

const env = useSite();
const VIDEO = 'https://player.vimeo.com/video/76979871';

// The app: the hook comes from README.md, so the docs cannot drift from what is tested.
const APP = `
import { createElement as h } from 'react';
import { createRoot } from 'react-dom/client';
import { createCrumbs, mountUi } from 'crumbs-consent';
import { useConsent } from './use-consent.ts';

function Video({ crumbs }) {
  const { status, granted } = useConsent(crumbs);
  window.__renders = (window.__renders || 0) + 1;
  if (status !== 'ready') return h('p', { id: 'status' }, status);
  return granted.includes('vimeo')
    ? h('iframe', { src: '${VIDEO}', title: 'Video (Vimeo)', width: 640, height: 360 })
    : h('p', { id: 'status' }, 'The video needs your consent for Vimeo.');
}

const inline = document.getElementById('inventory');
const inventory = inline ? Promise.resolve(JSON.parse(inline.textContent)) : fetch('/cookies.json').then((r) => r.json());
inventory.then((json) => {
  window.crumbs = createCrumbs({ inventory: json, ui: mountUi });
  createRoot(document.getElementById('app')).render(h(Video, { crumbs: window.crumbs }));
});
`;

let out;
let work;
beforeAll(async () => {
  const hook = readmeBlocks().filter((b) => b.lang === 'ts' && b.code.includes('useSyncExternalStore'));
  expect(hook, 'one React hook in README.md').toHaveLength(1);
  work = mkdtempSync(join(tmpdir(), 'crumbs-react-'));
  mkdirSync(join(work, 'node_modules'));
  // The package as installed: its package.json exports decide what `crumbs-consent` resolves to.
  symlinkSync(ROOT, join(work, 'node_modules', 'crumbs-consent'), 'dir');
  writeFileSync(join(work, 'use-consent.ts'), hook[0].code);
  writeFileSync(join(work, 'app.js'), APP);
  out = join(work, 'out');
  await esbuild.build({
    entryPoints: [join(work, 'app.js')],
    bundle: true,
    splitting: true,
    format: 'esm',
    outdir: out,
    nodePaths: [join(ROOT, 'node_modules')],
    define: { 'process.env.NODE_ENV': '"production"' },
    minify: true,
    logLevel: 'error',
  });
});
afterAll(() => work && rmSync(work, { recursive: true, force: true }));

/** Serves the bundle under /app/ and two pages that run it. */
function serveApp(site, inventory) {
  for (const file of readdirSync(out, { recursive: true }).filter((f) => f.endsWith('.js')))
    site.serve('/app/' + file, { status: 200, contentType: 'text/javascript', body: readFileSync(join(out, file), 'utf8') });
  const data =
    inventory === 'inline'
      ? `<script type="application/json" id="inventory">${JSON.stringify(demoInventory()).replace(/</g, '\\u003c')}</script>`
      : '';
  const page = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>React shop</title>${data}</head><body><main id="app"></main><script type="module" src="/app/app.js"></script></body></html>`;
  for (const path of ['/react.html', '/react-next.html']) site.serve(path, { status: 200, contentType: 'text/html; charset=utf-8', body: page });
}

/** Opens a page of the app and waits until the instance has applied the stored choice. */
async function open(site, path) {
  await site.page.goto(SITE + path, { waitUntil: 'load' });
  await site.page.waitForFunction(() => window.crumbs != null);
  await site.page.evaluate(() => window.crumbs.ready.then(() => undefined));
}

/** Resolves when a frame shows the Vimeo stand-in player. */
async function expectPlayer(site) {
  const player = () => site.page.frames().find((frame) => frame.url() === VIDEO);
  await expect.poll(() => Boolean(player()), { message: 'a frame navigated to the video' }).toBe(true);
  await expect.poll(() => player().locator('body').textContent().catch(() => ''), { message: 'the player page inside the frame' }).toContain('Vimeo player stand-in');
}

describe('the React hook from the README', () => {
  for (const inventory of ['remote', 'inline']) {
    test(`${inventory} inventory: no video before consent; Accept all shows it without a reload; it is there on the next page and after a reload`, async () => {
      const site = await env.open();
      serveApp(site, inventory);
      await open(site, '/react.html');
      await expect.poll(() => site.page.locator('#status').textContent()).toBe('The video needs your consent for Vimeo.');
      expect(site.requestsTo('player.vimeo.com')).toEqual([]);
      const snapshot = await site.page.evaluate(() => {
        const crumbs = window.crumbs;
        return { same: crumbs.getSnapshot() === crumbs.getSnapshot(), frozen: Object.isFrozen(crumbs.getSnapshot()), ...crumbs.getSnapshot() };
      });
      expect(snapshot).toMatchObject({ same: true, frozen: true, status: 'ready', consent: null, granted: ['necessary', 'session', 'crumbs'] });

      // Same document before and after: no reload, React re-rendered from the store.
      await site.page.evaluate(() => (window.__samePage = true));
      await visible(site.banner(), 'the banner');
      await button(site.banner(), 'Accept all').click();
      await expectPlayer(site);
      expect(await site.page.evaluate(() => window.__samePage)).toBe(true);
      expect(await site.page.evaluate(() => window.crumbs.getSnapshot().granted.includes('vimeo'))).toBe(true);
      // A bounded number of renders: a fresh snapshot per call would loop (React warns and re-renders forever).
      expect(await site.page.evaluate(() => window.__renders)).toBeLessThan(10);

      await open(site, '/react-next.html');
      await expectPlayer(site);
      await site.page.reload({ waitUntil: 'load' });
      await site.page.waitForFunction(() => window.crumbs != null);
      await expectPlayer(site);
    });
  }

  test('Reject all keeps the video out, and reset() brings the question back in the component', async () => {
    const site = await env.open();
    serveApp(site, 'remote');
    await open(site, '/react.html');
    await button(site.banner(), 'Reject all').click();
    await expect.poll(() => site.page.evaluate(() => window.crumbs.getSnapshot().consent?.action)).toBe('reject-all');
    await expect.poll(() => site.page.locator('#status').textContent()).toBe('The video needs your consent for Vimeo.');
    await site.page.evaluate(() => window.crumbs.acceptAll());
    await expectPlayer(site);
    await site.page.evaluate(() => window.crumbs.reset());
    await expect.poll(() => site.page.locator('#status').textContent()).toBe('The video needs your consent for Vimeo.');
    expect(await site.page.evaluate(() => window.crumbs.getSnapshot().consent)).toBe(null);
    expect(site.page.frames().filter((frame) => frame.url() === VIDEO)).toEqual([]);
  });
});
