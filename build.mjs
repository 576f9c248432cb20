// Builds every output, prints raw / gzip / brotli sizes, and fails when a budget is passed.
//
//   dist/browser/           everything a browser fetches, and nothing else: a script-tag site copies
//                           this one folder
//     crumbs.js             script-tag core (IIFE), paid by every page view: no Preact, budget below
//     crumbs-ui.js          UI (ESM) + chunks/*: loaded only when needed; the banner and the
//                           placeholders are plain DOM, Preact comes with the dialog and the cookie
//                           declaration only; UI + styles + one language: budget 4.25 KB gzip
//     crumbs-banner.js      a first visit's banner before the engine (ESM, built on its own): for a stamped
//                           inline inventory, with crumbs-ui.js and English's banner texts (another
//                           language's chunk is fetched); the engine follows the banner's paint
//     crumbs-decide.js      decisions (ESM): loaded by crumbs.js only when an inventory is new to this
//                           browser, a decision is made, or the banner or dialog is shown
//     crumbs-validate.js    the inventory validator (ESM): loaded only for an inventory this browser has
//                           not validated and that carries no current stamp
//   dist/esm/**             npm ESM (Preact and js-cookie external)
//   dist/types/**           TypeScript declarations, with full relative specifiers (`./core/index.js`)
//                           so that they resolve under node16 / nodenext as well as bundler and node10
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import * as esbuild from 'esbuild';
import { addDeclarationExtensions } from './scripts/declaration-extensions.mjs';
import { internalNames } from './scripts/internal-names.mjs';

const root = dirname(new URL(import.meta.url).pathname);
const dist = join(root, 'dist');
const browserDir = join(dist, 'browser');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const KB = 1024;
// The core budget is 3 KB. What every page view of a returning visitor needs synchronously
// (Consent Mode, the gate, clean-up, vendor APIs, the settings button, the API) measures about 7.5 KB
// even with validation, decisions and the UI moved to files loaded on demand (README, "Size"); the
// budget sits just above that, so that any growth fails the build. Raised from 7.75 to 8.75 KB for
// what a real browser and a hostile neighbour demanded (issues 10 and 11): embeds activated once the
// parser is past them, the notice of a broken inventory, refusing disagreeing consent cookies,
// Trusted Types, decisions about 1,000 services that still fit in a cookie, prototype-free parsing,
// refusing javascript: embeds. 9 KB with issue 12's `subscribe`/`getSnapshot` (the store contract of
// React and Vue, 150 B); 9.1 KB with issue 13's vendor registry (one module per vendor API instead
// of one if-chain, 62 B) and issue 14's notice fingerprint check on stamped inventories; 9.25 KB with
// issue 13's engine split by job (state, one effect pipeline, start-up, API, triggers): 196 B, after
// shortening the internal state's property names (`mangle` below) won back 107 B of it.
/**
 * gzip budgets: `crumbs.js`, the only synchronous, render-blocking file (issue 13: at most 4 KB);
 * the engine a returning visitor loads after the first paint (`crumbs-engine.js`, one file since it
 * stopped sharing chunks: 10.5 KB before, 9 KB now);
 * the UI with its styles and one language's first chunk, the banner's and placeholders' texts (8 KB
 * while Preact drew the banner; 4.25 KB
 * since the banner is plain DOM).
 */
const BUDGET = { boot: 4 * KB, engine: 9 * KB, ui: 4.25 * KB };

/** `import css from './x.css'` yields the minified stylesheet as a string. */
const cssAsText = {
  name: 'css-as-text',
  setup(build) {
    build.onLoad({ filter: /\.css$/ }, async ({ path }) => {
      const { code } = await esbuild.transform(readFileSync(path, 'utf8'), { loader: 'css', minify: true });
      return { contents: code.trim(), loader: 'text' };
    });
  },
};

/** The core must never pull in UI code: fail the build on any Preact import. */
const noPreact = {
  name: 'no-preact',
  setup(build) {
    build.onResolve({ filter: /^preact/ }, ({ importer }) => ({
      errors: [{ text: `dist/browser/crumbs.js must not contain Preact (imported from ${relative(root, importer)})` }],
    }));
  },
};

const common = {
  bundle: true,
  // Browsers from 2022 on; older ones fail to parse crumbs.js, which fails closed (nothing gated runs).
  target: ['es2022', 'chrome100', 'firefox100', 'safari16'],
  define: { __CRUMBS_VERSION__: JSON.stringify(version) },
  jsx: 'automatic',
  jsxImportSource: 'preact',
  logLevel: 'warning',
  legalComments: 'none',
};

rmSync(dist, { recursive: true, force: true });

/**
 * Property names of the engine's internal state and steps (`EngineState`, `Runtime`), of what the
 * boot hands the engine (`EngineSetup`) and of a stored decision (`Decision`) that survive
 * minification and that every page view pays for: shortened in the browser files. Read from those
 * interfaces, less every name a public type or a DOM API uses (see scripts/internal-names.mjs).
 * `crumbs.js` and the files it loads share the state object and decisions, so each browser build
 * after the first goes on from the names chosen before it (`mangleCache`; see `browserBuild`).
 */
const mangle = {
  mangleProps: new RegExp('^(' + internalNames(root).mangle.join('|') + ')$'),
  mangleCache: {},
};
// Every browser file starts with V8's compile hint (`//# allFunctionsCalledOnLoad`, Chrome 136+;
// other engines read a comment): V8 then compiles every function when it compiles the file, on
// the thread that streams it, and keeps them in the code cache, instead of compiling each one
// lazily on the main thread at its first call, on every page view. Their functions run soon after
// they load (start-up, the banner, a placeholder), so little is compiled for nothing. Measured by a
// probe on a returning page view at 4x CPU (bench/peers' page, a placeholder on it, 4 rounds of 5
// warm loads, main-thread CPU of Crumbs' own events and microtasks, no profiler): median 140 ms
// without, 106 ms with. `crumbs.js` has it too: a returning page view gained nothing measurable
// (110 ms), but a first visit has no code cache, and there each lazy function was compiled on the
// main thread inside the parser's task: its evaluation took a median 27.7 ms without, 19.1 ms
// with (14 traced first visits each, alternating, 4x CPU, no profiler), and that task is the one a
// first visit's long task is made of.
const COMPILE_HINT = '//# allFunctionsCalledOnLoad';
const coreBuild = await esbuild.build({
  ...common,
  ...mangle,
  entryPoints: { crumbs: 'src/auto.ts' },
  outdir: browserDir,
  format: 'iife',
  minify: true,
  banner: { js: COMPILE_HINT },
  plugins: [noPreact],
});

// The browser files hand each other objects whose shortened names must agree (the engine's state
// and decisions with the decision code and the UI, the early banner's inventory with the engine):
// each build goes on from the names the one before it chose (`mangleCache`), so one after another.
const browserBuild = (previous, options) =>
  esbuild.build({
    ...common,
    mangleProps: mangle.mangleProps,
    mangleCache: previous.mangleCache,
    outdir: browserDir,
    format: 'esm',
    minify: true,
    banner: { js: COMPILE_HINT },
    ...options,
  });
// The engine on its own: every page view of a returning visitor loads it, and no other file. Split
// with the decision code, the validator and the UI it was five files, 10,620 B gzip (the chunk
// boundaries cost compression and module glue); alone, one of 8,899 B (measured when it was split
// off). The few core modules it has in common with them (the cookie codec, the normaliser, the
// vendor and Consent Mode tables) come twice on a first visit, which still loaded 782 B less in
// all. They are pure functions and constants: a second copy holds no state (the one module with
// page-wide state, the Trusted Types policy, is the gate's, which only the engine has).
const engineBuild = await browserBuild(coreBuild, { entryPoints: { 'crumbs-engine': 'src/script/engine-entry.ts' }, metafile: true });
const uiBuild = await browserBuild(engineBuild, {
  entryPoints: {
    'crumbs-ui': 'src/ui/index.ts',
    'crumbs-decide': 'src/core/create-decisions.ts',
    'crumbs-validate': 'src/core/inventory/validate-inventory.ts',
  },
  chunkNames: 'chunks/[name]-[hash]',
  splitting: true,
  metafile: true,
  plugins: [cssAsText],
});
// A first visit's banner before the engine (src/script/banner-entry.ts): on its own, so that the
// UI's chunks do not split further around the few core modules it shares with them.
// It imports the UI as the `crumbs-ui.js` next to it, by the URL `crumbs.js` gives that file (the
// version query included): one module in the page, whichever of the two loads it first.
const uiNextToIt = {
  name: 'ui-next-to-it',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/ui\/index$/ }, () => ({ path: `./crumbs-ui.js?v=${version}`, external: true }));
  },
};
await browserBuild(uiBuild, { entryPoints: { 'crumbs-banner': 'src/script/banner-entry.ts' }, plugins: [uiNextToIt] });
await esbuild.build({
  ...common,
  entryPoints: ['src/index.ts', 'src/core/index.ts'],
  outbase: 'src',
  outdir: join(dist, 'esm'),
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  splitting: true,
  // The same internal names shortened: an npm user's bundle pays for them as the script tag would.
  mangleProps: mangle.mangleProps,
  external: ['preact', 'preact/*', 'js-cookie'],
  plugins: [cssAsText],
});

// Node-only tools (the consent-log service, audit and scan): never shipped to browsers. Their npm
// dependencies stay external; they may import core modules, which esbuild inlines.
const nodeEntries = ['src/log-server/cli.ts', 'src/log-server/start-log-server.ts', 'src/audit/cli.ts', 'src/audit/scan-cli.ts'].filter((f) => existsSync(join(root, f)));
if (nodeEntries.length)
  await esbuild.build({
    ...common,
    entryPoints: nodeEntries,
    outbase: 'src',
    outdir: dist,
    chunkNames: 'node-chunks/[name]-[hash]',
    platform: 'node',
    target: 'node20',
    format: 'esm',
    splitting: true,
    packages: 'external',
    sourcemap: true,
  });

execFileSync(join(root, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: root, stdio: 'inherit' });
addDeclarationExtensions(join(dist, 'types'));

// ---- sizes and budgets ----
const measure = (file) => {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
};
const files = Object.keys(uiBuild.metafile.outputs)
  .map((f) => join(root, f))
  .concat(['crumbs.js', 'crumbs-engine.js', 'crumbs-banner.js'].map((f) => join(browserDir, f)));
const rows = [...new Set(files)].filter((f) => f.endsWith('.js')).sort();
const esmFiles = execFileSync('find', [join(dist, 'esm'), '-name', '*.js'], { encoding: 'utf8' }).trim().split('\n');

const pad = (s, n) => String(s).padStart(n);
console.log(`\n${'output'.padEnd(44)}${pad('raw', 9)}${pad('gzip', 9)}${pad('brotli', 9)}`);
for (const file of [...rows, ...esmFiles.sort()]) {
  const { raw, gzip, brotli } = measure(file);
  console.log(`${relative(root, file).padEnd(44)}${pad(raw, 9)}${pad(gzip, 9)}${pad(brotli, 9)}`);
}

// The UI a first visitor downloads: crumbs-ui.js, the chunks it imports statically, and the largest language.
const outputs = uiBuild.metafile.outputs;
const staticClosure = (file, seen = new Set()) => {
  if (seen.has(file)) return seen;
  seen.add(file);
  for (const imp of outputs[file].imports) if (imp.kind === 'import-statement') staticClosure(imp.path, seen);
  return seen;
};
const uiMain = Object.keys(outputs).find((f) => f.endsWith('crumbs-ui.js'));
const mainSet = staticClosure(uiMain);
const languageChunks = Object.keys(outputs).filter((f) => /\/chunks\/[a-z]{2}-[\w]+\.js$/.test(f));
const gz = (f) => measure(join(root, f)).gzip;
const uiBase = [...mainSet].reduce((sum, f) => sum + gz(f), 0);
const largestLanguage = Math.max(0, ...languageChunks.map(gz));
const bootGzip = measure(join(browserDir, 'crumbs.js')).gzip;
const uiGzip = uiBase + largestLanguage;

const entry = (name) => Object.keys(outputs).find((f) => f.endsWith(name));
const closureGzip = (...mains) => [...new Set(mains.flatMap((m) => [...staticClosure(m)]))].reduce((sum, f) => sum + gz(f), 0);
const engineGzip = measure(join(browserDir, 'crumbs-engine.js')).gzip;
// Chunks shared by the files a first visit loads are counted once.
const firstVisit = (...mains) => bootGzip + engineGzip + closureGzip(...mains) + largestLanguage;
const decideGzip = closureGzip(uiMain, entry('crumbs-decide.js')) - closureGzip(uiMain);
const validatorGzip = gz(entry('crumbs-validate.js'));
const bannerGzip = measure(join(browserDir, 'crumbs-banner.js')).gzip;
const stamped = firstVisit(uiMain, entry('crumbs-decide.js')) + bannerGzip;
const unstamped = firstVisit(uiMain, entry('crumbs-decide.js'), entry('crumbs-validate.js'));
console.log(
  `\nfirst visit, stamped inventory: crumbs.js ${bootGzip} B + engine ${engineGzip} B + UI and decisions ${stamped - bootGzip - engineGzip - largestLanguage} B` +
    ` (decisions ${decideGzip} B of it) + language ≤ ${largestLanguage} B = ${stamped} B gzip; unstamped: + validator ${validatorGzip} B = ${unstamped} B gzip`,
);
// crumbs-banner.js brings English's banner texts: another language's chunk comes on top.
const beforeBanner = bootGzip + bannerGzip + closureGzip(uiMain);
console.log(
  `first visit, stamped inline inventory, before the banner: crumbs.js ${bootGzip} B + crumbs-banner.js ${bannerGzip} B (English's texts in it) + UI ${beforeBanner - bootGzip - bannerGzip} B = ${beforeBanner} B gzip in English; another language + its first chunk ≤ ${largestLanguage} B = ${beforeBanner + largestLanguage} B (the engine and the decision code follow the banner)`,
);
console.log(`returning visitor with a stored decision: crumbs.js ${bootGzip} B before the first paint, engine ${engineGzip} B after it = ${bootGzip + engineGzip} B gzip`);
const over = [];
if (bootGzip > BUDGET.boot) over.push(`dist/browser/crumbs.js is ${bootGzip} B gzip, budget ${BUDGET.boot} B`);
if (engineGzip > BUDGET.engine) over.push(`crumbs-engine.js is ${engineGzip} B gzip, budget ${BUDGET.engine} B`);
if (uiGzip > BUDGET.ui) over.push(`UI + styles + one language is ${uiGzip} B gzip, budget ${BUDGET.ui} B`);
// What the banner and the placeholders need must not bring Preact: only the dialog and the cookie
// declaration are drawn by it.
const withPreact = (file) => [...staticClosure(file)].filter((f) => Object.keys(outputs[f].inputs).some((input) => input.includes('node_modules/preact')));
const engineInputs = Object.values(engineBuild.metafile.outputs).flatMap((output) => Object.keys(output.inputs));
if (engineInputs.some((input) => input.includes('node_modules/preact'))) over.push('dist/browser/crumbs-engine.js brings Preact');
for (const file of [uiMain, Object.keys(outputs).find((f) => /\/chunks\/placeholders-\w+\.js$/.test(f))])
  if (!file) over.push('the placeholder chunk is missing from the build');
  else if (withPreact(file).length) over.push(`${relative(root, file)} brings Preact (${withPreact(file).map((f) => relative(root, f)).join(', ')})`);
if (over.length) {
  console.error('\nOVER BUDGET:\n  ' + over.join('\n  '));
  process.exit(1);
}
console.log(`budgets ok: crumbs.js ${bootGzip}/${BUDGET.boot} B, engine ${engineGzip}/${BUDGET.engine} B, UI ${uiGzip}/${BUDGET.ui} B gzip`);
