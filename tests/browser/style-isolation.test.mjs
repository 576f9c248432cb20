// No page stylesheet changes how the banner, the dialog, the settings button and the placeholders
// look or behave: with the real stylesheets of Bootstrap 5 (reboot and full), Tailwind's preflight,
// normalize.css and a hostile sheet, every control has the box, font, colours and full opacity it
// has on the same page without the sheet, and a click at its centre reaches it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, test } from 'vitest';
import { button, visible } from './helpers/page-objects.mjs';
import { ROOT, useSite } from './helpers/site.mjs';

const env = useSite();
const sheet = (path) => readFileSync(join(ROOT, 'node_modules', path), 'utf8');

/** What a careless or hostile site ships: resets, `!important` on every property that hides or moves. */
const HOSTILE = `
html { font-size: 62.5% !important; }
* { font-size: 4px !important; letter-spacing: 3px !important; text-transform: uppercase !important; line-height: 1 !important; }
div, section, aside, button, a, p, h2, dialog, span, label, input {
  display: inline !important; opacity: .1 !important; width: 10px !important; height: 10px !important;
  min-height: 0 !important; padding: 0 !important; margin: 0 !important; border: 0 !important;
  color: #f0f !important; background: #ff0 !important; position: static !important;
  z-index: -1 !important; visibility: hidden !important; font-weight: 100 !important;
  transform: scale(.5) !important; filter: blur(2px) !important; pointer-events: none !important;
}
`;

const SHEETS = {
  'Bootstrap 5 reboot': () => sheet('bootstrap/dist/css/bootstrap-reboot.css'),
  'Bootstrap 5': () => sheet('bootstrap/dist/css/bootstrap.css'),
  "Tailwind's preflight": () => sheet('tailwindcss/preflight.css'),
  'normalize.css': () => sheet('normalize.css/normalize.css'),
  'a hostile sheet': () => HOSTILE,
};

/** A plain page (no wrapping divs, so the hostile sheet leaves the embed's own box alone). */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8">
<script src="/crumbs/crumbs.js" data-inventory="/cookies.json"></script>
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Isolation</title>
<link rel="stylesheet" href="/page.css"></head><body>
<h1>A page with a video</h1>
<figure><iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/76979871" width="640" height="360" title="Video (Vimeo)"></iframe></figure>
<footer><a href="#" data-crumbs-open>Cookie settings</a></footer>
</body></html>`;

/**
 * Runs in the page: what a person gets from one control. Opacity multiplies up the flat tree
 * (through shadow hosts); the hit test follows elementFromPoint into shadow roots.
 */
function inspect(element) {
  element.scrollIntoView({ block: 'center' });
  const box = element.getBoundingClientRect();
  const style = getComputedStyle(element);
  let opacity = 1;
  let shown = true;
  for (let node = element; node; node = node.parentElement || node.getRootNode().host) {
    const s = getComputedStyle(node);
    opacity *= Number(s.opacity);
    if (s.display === 'none' || s.filter !== 'none' || s.transform !== 'none') shown = false;
  }
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  let hit = document.elementFromPoint(x, y);
  while (hit && hit.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return {
    width: Math.round(box.width * 10) / 10,
    height: Math.round(box.height * 10) / 10,
    fontSize: style.fontSize,
    fontWeight: style.fontWeight,
    letterSpacing: style.letterSpacing,
    textTransform: style.textTransform,
    padding: style.padding,
    border: style.border,
    color: style.color,
    background: style.backgroundColor,
    visibility: style.visibility,
    opacity,
    shown,
    hit: hit === element || element.contains(hit),
  };
}

/** Opens the page with `css` as the page's stylesheet and measures every control of the widget. */
async function measureAll(css) {
  const site = await env.open();
  site.serve('/page.css', { status: 200, contentType: 'text/css; charset=utf-8', body: css });
  site.serve('/isolation.html', { status: 200, contentType: 'text/html; charset=utf-8', body: PAGE });
  await site.goto('/isolation.html');
  const { page } = site;
  const controls = {};
  const take = async (name, locator) => {
    await visible(locator, name);
    controls[name] = await locator.evaluate(inspect);
  };
  await visible(site.banner(), 'the banner');
  for (const name of ['Accept all', 'Reject all', 'Customise']) await take('banner: ' + name, button(site.banner(), name));
  for (const name of ['Load once', 'Always allow Vimeo']) await take('placeholder: ' + name, button(page, name));
  await button(site.banner(), 'Customise').click();
  await visible(site.dialog(), 'the dialog');
  for (const name of ['Accept all', 'Reject all', 'Save choices']) await take('dialog: ' + name, button(site.dialog(), name));
  await take('dialog: switch Analytics', site.dialog().getByRole('switch', { name: 'Analytics', exact: true }));
  await button(site.dialog(), 'Reject all').click();
  await take('settings button', site.settingsButton());
  return controls;
}

describe('page CSS cannot reach into the widget', () => {
  let baseline;
  beforeAll(async () => {
    baseline = await measureAll('/* no stylesheet */');
  });

  test('control: on the page without a sheet, every control is shown, opaque and hit-testable', () => {
    for (const [name, control] of Object.entries(baseline)) {
      expect({ name, ...control }).toMatchObject({ name, opacity: 1, shown: true, hit: true, visibility: 'visible' });
      expect(control.height, name).toBeGreaterThanOrEqual(24);
    }
  });

  for (const [label, css] of Object.entries(SHEETS)) {
    test(`${label}: same boxes (within 1 px), fonts, colours and opacity; every control hit-testable`, async () => {
      const controls = await measureAll(css());
      for (const [name, expected] of Object.entries(baseline)) {
        const got = controls[name];
        const summary = `${name} with ${label}: ${JSON.stringify(got)} vs ${JSON.stringify(expected)}`;
        expect(Math.abs(got.width - expected.width), summary).toBeLessThanOrEqual(1);
        expect(Math.abs(got.height - expected.height), summary).toBeLessThanOrEqual(1);
        const { width, height, ...rest } = got;
        const { width: _w, height: _h, ...expectedRest } = expected;
        expect(rest, summary).toEqual(expectedRest);
      }
    });
  }
});
