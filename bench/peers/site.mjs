// The benchmark's site, in memory: one article page per widget (same content, same 4 categories and
// 3 services), a control page without any banner, the widgets' own files, and stand-in vendor tags on
// fake hosts that record when they run. Every response is { body, type, cache, owner }: `owner` is
// the widget a file belongs to (its bytes and script time count for it), `null` for the site's own
// files and the stand-in tags.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const SITE = 'http://bench.crumbs.test';
export const HOSTS = ['bench.crumbs.test', 'www.googletagmanager.test', 'static.hotjar.test', 'player.vimeo.test'];

// Cache headers as a site would send them: HTML revalidated on every view; the site's assets and the
// widgets' self-hosted files (unversioned URLs, as each widget's docs show them) cached for a day,
// with an ETag; vendor tags as Google's gtag.js (15 minutes).
const CACHE_HTML = 'no-cache';
const CACHE_ASSET = 'public, max-age=86400';
const CACHE_TAG = 'public, max-age=900';

const TYPES = { html: 'text/html; charset=utf-8', js: 'text/javascript; charset=utf-8', css: 'text/css; charset=utf-8', svg: 'image/svg+xml', json: 'application/json' };

/**
 * A stand-in vendor tag: records when it ran, first one wins `__firstTag`; the second tag to run
 * tells the bench (a console message, as the banner does), which therefore runs nothing in the page
 * while it waits.
 */
const tag = (name) =>
  `(function(){var t=performance.now();(window.__tags=window.__tags||[]).push([${JSON.stringify(name)},t]);` +
  `if(window.__firstTag==null)window.__firstTag=t;window.${name === 'ga' ? 'gtagLoaded' : 'hjLoaded'}=true;` +
  `if(window.__tags.length==2)console.debug('__bench:tags');})();`;

const SITE_CSS = `*,*::before,*::after{box-sizing:border-box}
body{margin:0;font:17px/1.6 Georgia,"Times New Roman",serif;color:#1d1d1f;background:#fbfaf7}
header.site{background:#23395d;color:#fff;padding:.8rem 1.5rem;display:flex;gap:2rem;align-items:center}
header.site a{color:#fff;text-decoration:none;font:600 15px/1 system-ui,sans-serif}
header.site nav{display:flex;gap:1.2rem}
main{max-width:42rem;margin:2rem auto;padding:0 1.25rem}
h1{font-size:2.2rem;line-height:1.2;margin:.2rem 0 .6rem}
.meta{font:14px/1.4 system-ui,sans-serif;color:#666}
figure{margin:1.5rem 0}
figure img{display:block;width:100%;height:auto;border-radius:6px}
figcaption{font:13px/1.4 system-ui,sans-serif;color:#666;margin-top:.4rem}
.video{aspect-ratio:16/9;width:100%;background:#ddd;border:0;display:block}
footer.site{border-top:1px solid #ddd;margin-top:3rem;padding:1.5rem;font:14px/1.4 system-ui,sans-serif;color:#666;text-align:center}
`;

const HERO_SVG = `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="600" viewBox="0 0 1200 600">
<defs><linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#8ec5fc"/><stop offset="1" stop-color="#e0c3fc"/></linearGradient></defs>
<rect width="1200" height="600" fill="url(#sky)"/>
<circle cx="940" cy="140" r="70" fill="#ffe08a"/>
<path d="M0 430 L180 300 L330 410 L520 250 L700 420 L880 310 L1200 460 L1200 600 L0 600 Z" fill="#4a6b52"/>
<path d="M0 500 L240 400 L460 480 L700 390 L960 500 L1200 430 L1200 600 L0 600 Z" fill="#2f4a38"/>
</svg>`;

const PARAGRAPHS = [
  'The first loaf of the season is never the best one. The starter has been sleeping in the fridge since spring, the flour is from a new sack, and the kitchen is colder than the recipe assumes. Still, it is the loaf everyone remembers.',
  'We spent three weeks baking the same country bread every morning, changing one thing at a time: hydration, the length of the bulk ferment, the temperature of the water, and how long the dough rested in the cold before baking.',
  'Hydration mattered less than we thought. Between 72 and 78 per cent the crumb barely changed; what changed was how forgiving the dough was to shape. At 78 per cent, every small mistake in the fold showed up as a flat loaf.',
  'The bulk ferment mattered most. Stopping when the dough had grown by half, rather than doubled, gave a tighter but more even crumb and a crust that stayed crisp for a day. Doubling gave the open holes of the photographs and a loaf that was stale by dinner.',
  'Cold retarding overnight made the biggest difference to flavour, and the smallest to effort. Twelve hours at four degrees gave a mild sourness that nobody in the test kitchen disliked, and it moved the bake to the morning, when the oven was free.',
  'Our recommendation for a first loaf is therefore modest: 75 per cent hydration, a bulk ferment to one and a half times the volume, and a night in the fridge. The video below shows the shaping, which is the one step that takes practice.',
  'Next week: rye, and why it refuses to behave like wheat no matter what you do to it.',
];

/** The page every widget gets: same content; `head`, `gated` and `end` are the widget's parts. */
function page({ title, head = '', gated = '', end = '' }) {
  const paragraphs = PARAGRAPHS.map((text) => `<p>${text}</p>`);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}<title>${title}</title>
<link rel="stylesheet" href="/assets/site.css">
</head>
<body>
<header class="site"><a href="/">The Bench Bakery</a><nav><a href="/recipes">Recipes</a><a href="/journal">Journal</a><a href="/about">About</a></nav></header>
<main>
<article>
<h1>Three weeks of country bread</h1>
<p class="meta">By Ada Baker &middot; 5 December 2026 &middot; 6 min read</p>
${paragraphs.slice(0, 2).join('\n')}
<figure><img src="/assets/hero.svg" width="1200" height="600" alt="Hills under a morning sky"><figcaption>The test kitchen at dawn.</figcaption></figure>
${paragraphs.slice(2, 6).join('\n')}
${gated}
${paragraphs.slice(6).join('\n')}
</article>
</main>
<footer class="site">&copy; 2026 The Bench Bakery &middot; <a href="/privacy.html">Privacy</a></footer>
${end}</body>
</html>
`;
}

const GA = 'http://www.googletagmanager.test/gtag/js?id=G-BENCH';
const HOTJAR = 'http://static.hotjar.test/c/hotjar-1234.js?sv=6';
const VIMEO = 'http://player.vimeo.test/video/76979871';
const GTAG_INLINE = `window.dataLayer=window.dataLayer||[];function gtag(){dataLayer.push(arguments);}gtag('js',new Date());gtag('config','G-BENCH');`;
const HOTJAR_INLINE = `(function(h,o,t,j,a,r){h.hj=h.hj||function(){(h.hj.q=h.hj.q||[]).push(arguments)};h._hjSettings={hjid:1234,hjsv:6};a=o.getElementsByTagName('head')[0];r=o.createElement('script');r.async=1;r.src=${JSON.stringify(HOTJAR)};a.appendChild(r);})(window,document);`;

/** Vanilla-cookieconsent's config, as its docs' "getting started" writes it (cookieconsent-config.js). */
const VANILLA_CONFIG = `import './cookieconsent.umd.js';

CookieConsent.run({
  categories: {
    necessary: { enabled: true, readOnly: true },
    analytics: {
      autoClear: { cookies: [{ name: /^_ga/ }, { name: /^_hj/ }] },
      services: { ga: { label: 'Google Analytics' }, hotjar: { label: 'Hotjar' } }
    },
    functionality: { services: { vimeo: { label: 'Vimeo' } } },
    targeting: {}
  },
  language: {
    default: 'en',
    translations: {
      en: {
        consentModal: {
          title: 'We use cookies',
          description: 'We use cookies to measure visits and to play embedded videos. You can accept all, keep only the necessary ones, or choose.',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          showPreferencesBtn: 'Manage preferences'
        },
        preferencesModal: {
          title: 'Cookie preferences',
          acceptAllBtn: 'Accept all',
          acceptNecessaryBtn: 'Reject all',
          savePreferencesBtn: 'Save preferences',
          closeIconLabel: 'Close',
          sections: [
            { title: 'Strictly necessary', description: 'Needed for the site to work.', linkedCategory: 'necessary' },
            { title: 'Analytics', description: 'Counts visits and records anonymous heatmaps.', linkedCategory: 'analytics' },
            { title: 'Functionality', description: 'Plays embedded videos.', linkedCategory: 'functionality' },
            { title: 'Targeting', description: 'Personalised advertising.', linkedCategory: 'targeting' }
          ]
        }
      }
    }
  }
});
`;

/** Osano cookieconsent 3: one opt-in for everything; the site loads its tags itself on "allow". */
const OSANO_INIT = `window.cookieconsent.initialise({
  palette: { popup: { background: '#23395d' }, button: { background: '#f1d600' } },
  type: 'opt-in',
  content: { message: 'We use cookies to measure visits and to play embedded videos.', allow: 'Accept all', deny: 'Reject all', link: 'Privacy', href: '/privacy.html' },
  onInitialise: function (status) { if (this.hasConsented()) loadTags(); },
  onStatusChange: function (status, chosenBefore) { if (this.hasConsented()) loadTags(); }
});
function loadTags() {
  var s = document.createElement('script'); s.async = true; s.src = ${JSON.stringify(GA)}; document.head.appendChild(s);
  ${GTAG_INLINE}
  ${HOTJAR_INLINE}
  var v = document.querySelector('iframe[data-src]'); if (v) v.src = v.getAttribute('data-src');
}`;

const IFRAME = (attrs) => `<iframe class="video" ${attrs} width="640" height="360" title="Shaping the loaf"></iframe>`;

/**
 * Builds the site. `crumbs` is { dir, inlineBlock } (dist/browser and the CLI's --inline output),
 * `benchModules` the bench/node_modules folder.
 * Returns { files: Map<url, response>, pages: { [widget]: {...} } }.
 */
export function buildSite({ crumbs, benchModules }) {
  const files = new Map();
  const put = (url, body, { type, cache = CACHE_ASSET, owner = null } = {}) => {
    const buffer = Buffer.isBuffer(body) ? body : Buffer.from(body);
    const ext = type ?? url.split(/[?#]/)[0].split('.').pop();
    files.set(url, { body: buffer, type: TYPES[ext] ?? TYPES.js, cache, owner });
  };
  put(`${SITE}/assets/site.css`, SITE_CSS);
  put(`${SITE}/assets/hero.svg`, HERO_SVG);
  put(GA, tag('ga'), { type: 'js', cache: CACHE_TAG });
  put(HOTJAR, tag('hotjar'), { type: 'js', cache: CACHE_TAG });
  put(VIMEO, '<!doctype html><title>Vimeo</title><body style="margin:0;background:#111;color:#eee;font:16px sans-serif;display:grid;place-items:center;height:100vh">Video</body>', { type: 'html', cache: CACHE_HTML });
  put(`${SITE}/privacy.html`, page({ title: 'Privacy' }), { type: 'html', cache: CACHE_HTML });

  // Crumbs: every file of dist/browser/ under /crumbs/ (what the README tells a site to copy).
  for (const rel of crumbs.files) put(`${SITE}/crumbs/${rel}`, readFileSync(join(crumbs.dir, rel)), { type: 'js', owner: 'crumbs' });
  const vcc = join(benchModules, 'vanilla-cookieconsent', 'dist');
  put(`${SITE}/vendor/cookieconsent/cookieconsent.umd.js`, readFileSync(join(vcc, 'cookieconsent.umd.js')), { owner: 'vanilla' });
  put(`${SITE}/vendor/cookieconsent/cookieconsent.css`, readFileSync(join(vcc, 'cookieconsent.css')), { owner: 'vanilla' });
  put(`${SITE}/vendor/cookieconsent/cookieconsent-config.js`, VANILLA_CONFIG, { owner: 'vanilla' });
  const osano = join(benchModules, 'cookieconsent', 'build');
  put(`${SITE}/vendor/osano/cookieconsent.min.js`, readFileSync(join(osano, 'cookieconsent.min.js')), { owner: 'osano' });
  put(`${SITE}/vendor/osano/cookieconsent.min.css`, readFileSync(join(osano, 'cookieconsent.min.css')), { owner: 'osano' });

  const osanoInit = `<script>${OSANO_INIT}\n//# sourceURL=${SITE}/inline/osano-init.js\n</script>\n`;
  const pages = {
    control: {
      label: 'no banner (control)',
      html: page({ title: 'Control', gated: IFRAME('data-src="' + VIMEO + '"') }),
      inline: [],
      renderBlocking: [],
    },
    vanilla: {
      label: 'vanilla-cookieconsent 3.1.0',
      // Docs (cookieconsent.orestbida.com, "Getting started"): the CSS in <head>, and a module script
      // whose config file imports the UMD bundle and calls CookieConsent.run; gated scripts carry
      // type="text/plain" data-category (data-service for a service). Iframes need iframemanager or
      // a gated script: here a gated inline script sets the Vimeo frame's src.
      html: page({
        title: 'vanilla-cookieconsent',
        head: `<link rel="stylesheet" href="/vendor/cookieconsent/cookieconsent.css">\n<script type="module" src="/vendor/cookieconsent/cookieconsent-config.js"></script>\n`,
        gated:
          `<script type="text/plain" data-category="analytics" data-service="ga" async src="${GA}"></script>\n` +
          `<script type="text/plain" data-category="analytics" data-service="ga">${GTAG_INLINE}</script>\n` +
          `<script type="text/plain" data-category="analytics" data-service="hotjar">${HOTJAR_INLINE}</script>\n` +
          IFRAME(`data-src="${VIMEO}"`) +
          `\n<script type="text/plain" data-category="functionality" data-service="vimeo">document.querySelector('iframe[data-src]').src=document.querySelector('iframe[data-src]').getAttribute('data-src');</script>`,
      }),
      inline: [],
      renderBlocking: [`${SITE}/vendor/cookieconsent/cookieconsent.css`],
      banner: '#cc-main .cm',
      accept: '#cc-main .cm__btn[data-role="all"]',
      reject: '#cc-main .cm__btn[data-role="necessary"]',
      cookie: 'cc_cookie',
    },
    osano: {
      label: 'Osano cookieconsent 3.1.1 (one opt-in, no per-category blocking)',
      // Its examples: the CSS in <head>, the script and window.cookieconsent.initialise({...}) at the
      // end of <body>; type 'opt-in'; the site loads its tags in onInitialise/onStatusChange.
      html: page({
        title: 'Osano cookieconsent',
        head: `<link rel="stylesheet" href="/vendor/osano/cookieconsent.min.css">\n`,
        gated: IFRAME(`data-src="${VIMEO}"`),
        end: `<script src="/vendor/osano/cookieconsent.min.js"></script>\n${osanoInit}`,
      }),
      inline: [OSANO_INIT],
      renderBlocking: [`${SITE}/vendor/osano/cookieconsent.min.css`],
      banner: '.cc-window',
      accept: '.cc-window .cc-allow',
      reject: '.cc-window .cc-deny',
      cookie: 'cookieconsent_status',
    },
    crumbs: {
      label: 'Crumbs (this build)',
      // README, "Install on a site": the stamped inventory inline (the CLI's --inline block) and
      // crumbs.js, the first scripts in <head>; gated tags type="text/plain" data-consent.
      html: page({
        title: 'Crumbs',
        head: `${crumbs.inlineBlock}\n<script src="/crumbs/crumbs.js"></script>\n`,
        gated:
          `<script type="text/plain" data-consent="google-analytics" async src="${GA}"></script>\n` +
          `<script type="text/plain" data-consent="google-analytics">${GTAG_INLINE}</script>\n` +
          `<script type="text/plain" data-consent="hotjar">${HOTJAR_INLINE}</script>\n` +
          IFRAME(`data-consent="vimeo" data-src="${VIMEO}"`),
      }),
      inline: [crumbs.inlineBlock],
      renderBlocking: [`${SITE}/crumbs/crumbs.js`],
      banner: '#crumbs-root >>> .crumbs-banner',
      accept: '#crumbs-root .crumbs-banner .crumbs-actions button >> nth=0',
      reject: '#crumbs-root .crumbs-banner .crumbs-actions button >> nth=1',
      cookie: 'crumbs_consent',
    },
  };
  // Not a widget: the least any consent manager can do between the click and the first tag. A
  // plain button, drawn with the page, whose click only inserts the same tags (as Osano's page
  // does on "allow"). Its "accept -> first tag" is the floor of that metric on this machine.
  pages.floor = {
    label: 'floor: a button that only inserts the tags',
    html: page({
      title: 'Floor',
      gated: IFRAME(`data-src="${VIMEO}"`),
      end:
        `<button id="floor-accept" style="position:fixed;bottom:16px;left:16px;font:16px system-ui;padding:.6em 1.2em">Accept all</button>\n` +
        `<script>document.getElementById('floor-accept').onclick=function(){this.remove();` +
        `var s=document.createElement('script');s.async=true;s.src=${JSON.stringify(GA)};document.head.appendChild(s);` +
        `${GTAG_INLINE}${HOTJAR_INLINE}var v=document.querySelector('iframe[data-src]');v.src=v.getAttribute('data-src');};</script>\n`,
    }),
    inline: [],
    renderBlocking: [],
    banner: '#floor-accept',
    accept: '#floor-accept',
  };
  // Not a widget either: the least a synchronous script first in <head> costs the first paint (the
  // parser waits for it, from the HTTP cache or the network), whatever it does. One statement, cached
  // as the widgets' files are. Its FCP against the no-banner page is the floor of that metric for
  // any consent manager that must run before the page's tags, as the README asks of crumbs.js.
  put(`${SITE}/floor/sync.js`, 'window.__syncFloor = performance.now();\n', { owner: 'syncFloor' });
  pages.syncFloor = {
    label: 'floor: a synchronous script in <head> that does nothing',
    html: page({ title: 'Sync floor', head: '<script src="/floor/sync.js"></script>\n', gated: IFRAME('data-src="' + VIMEO + '"') }),
    inline: [],
    renderBlocking: [`${SITE}/floor/sync.js`],
  };
  // Not a widget either: a returning page view's duties on this page (the stored choice, clean-up,
  // a settings button, the embed's placeholder), written by hand for it alone (see
  // return-floor.js). Its script time is the floor of "returning: own script ms" on this machine.
  put(`${SITE}/floor/returning.js`, readFileSync(new URL('./return-floor.js', import.meta.url)), { owner: 'returnFloor' });
  pages.returnFloor = {
    label: 'floor: a returning page view\'s duties, by hand for this page',
    html: page({
      title: 'Returning floor',
      head: `${crumbs.inlineBlock}\n<script src="/floor/returning.js"></script>\n`,
      gated: IFRAME(`data-consent="vimeo" data-src="${VIMEO}"`),
    }),
    inline: [],
    renderBlocking: [`${SITE}/floor/returning.js`],
  };
  // Not a widget either: a first visit's banner drawn by a module script and nothing else (see
  // banner-floor.js). Its "banner visible - FCP" is the floor of that metric for a banner that does
  // not hold up the first paint.
  put(`${SITE}/floor/banner.js`, readFileSync(new URL('./banner-floor.js', import.meta.url)), { owner: 'bannerFloor' });
  pages.bannerFloor = {
    label: 'floor: a banner drawn by a module script, nothing else',
    html: page({ title: 'Banner floor', head: '<script type="module" src="/floor/banner.js"></script>\n', gated: IFRAME('data-src="' + VIMEO + '"') }),
    inline: [],
    renderBlocking: [],
  };
  for (const [id, p] of Object.entries(pages)) {
    p.id = id;
    p.url = `${SITE}/${id}.html`;
    put(p.url, p.html, { type: 'html', cache: CACHE_HTML });
  }
  return { files, pages };
}
