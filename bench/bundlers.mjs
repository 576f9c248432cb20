// What an npm user's visitors download on a first visit, bundled with each bundler's defaults, next
// to the script-tag first visit measured the same way in the same run.
//
//   npm run bench:bundlers        (builds, installs bench/ packages, then runs this; ~1 minute)
//
// A consumer project is written to a temporary folder: `main.js` is the README's npm example
// (`createCrumbs({ inventory, ui: mountUi })`), `crumbs-consent` is the package as `npm pack` ships
// it (extracted, with Preact and js-cookie linked). It is built with esbuild (bundle, splitting,
// minify), Vite (`vite build`, defaults) and webpack (`--mode production`, defaults). Each output is
// then loaded in headless Chromium with the demo's stamped inventory at /cookies.json, until the
// banner is visible; what counts is every script the page really fetched, gzip -9 (and brotli 11)
// of each body, so lazy chunks count only when a first visit loads them. Same for the script-tag
// page (crumbs.js with data-inventory).
//
// Writes bench/results/bundlers.json and prints a table. Not part of `npm test`.
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, extname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';
import { chromium } from 'playwright-core';
import CHROMIUM_FLAGS from '../src/audit/chromium-flags.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BENCH = join(ROOT, 'bench');
const benchRequire = createRequire(join(BENCH, 'package.json'));
const die = (message) => {
  console.error(`bench/bundlers: ${message}`);
  process.exit(2);
};
if (!existsSync(join(ROOT, 'dist/browser/crumbs.js'))) die('dist/ is not built: run `node build.mjs` first.');
if (!existsSync(join(BENCH, 'node_modules/vite'))) die('bench packages missing: run `npm ci --prefix bench`.');

const work = mkdtempSync(join(tmpdir(), 'crumbs-bundlers-'));
const SITE = 'https://shop.bundlers.test';
const gzip = (body) => gzipSync(body, { level: 9 }).length;
const brotli = (body) => brotliCompressSync(body, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length;

/** The package as npm pack ships it, in node_modules/crumbs-consent of a consumer project. */
function consumerProject() {
  const project = join(work, 'project');
  const modules = join(project, 'node_modules');
  mkdirSync(modules, { recursive: true });
  const tarball = execFileSync('npm', ['pack', '--ignore-scripts', '--pack-destination', work], { cwd: ROOT, encoding: 'utf8' })
    .trim()
    .split('\n')
    .pop();
  mkdirSync(join(modules, 'crumbs-consent'));
  execFileSync('tar', ['-xzf', join(work, tarball), '-C', join(modules, 'crumbs-consent'), '--strip-components=1']);
  for (const dependency of ['preact', 'js-cookie']) symlinkSync(join(ROOT, 'node_modules', dependency), join(modules, dependency), 'dir');
  // The README's npm example, as a site's entry module; a .then chain so no bundler needs top-level await.
  writeFileSync(
    join(project, 'main.js'),
    `import { createCrumbs, mountUi } from 'crumbs-consent';
fetch('/cookies.json')
  .then((response) => response.json())
  .then((inventory) => {
    window.crumbs = createCrumbs({ inventory, ui: mountUi });
  });
`,
  );
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  return project;
}

const page = (script) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Shop</title>${script}</head><body><main><h1>Shop</h1><p>Products.</p></main></body></html>`;

/** Each bundler's build of the consumer project: the folder to serve, with index.html. */
const BUNDLERS = {
  async esbuild(project) {
    const out = join(project, 'out-esbuild');
    await esbuild.build({
      entryPoints: [join(project, 'main.js')],
      bundle: true,
      splitting: true,
      format: 'esm',
      minify: true,
      outdir: out,
      absWorkingDir: project,
      logLevel: 'error',
    });
    writeFileSync(join(out, 'index.html'), page('<script type="module" src="/main.js"></script>'));
    return out;
  },
  async vite(project) {
    const { build } = await import(pathToFileURL(benchRequire.resolve('vite')).href);
    writeFileSync(join(project, 'index.html'), page('<script type="module" src="/main.js"></script>'));
    const out = join(project, 'out-vite');
    await build({ root: project, logLevel: 'error', configFile: false, build: { outDir: out, emptyOutDir: true } });
    return out;
  },
  async webpack(project) {
    const out = join(project, 'out-webpack');
    const cli = join(dirname(benchRequire.resolve('webpack-cli/package.json')), 'bin/cli.js');
    execFileSync(process.execPath, [cli, '--mode', 'production', '--entry', './main.js', '--output-path', out], {
      cwd: project,
      stdio: ['ignore', 'ignore', 'inherit'],
    });
    writeFileSync(join(out, 'index.html'), page('<script src="/main.js"></script>'));
    return out;
  },
  async 'script tag'() {
    const out = join(work, 'script-tag');
    cpSync(join(ROOT, 'dist/browser'), join(out, 'crumbs'), { recursive: true });
    writeFileSync(join(out, 'index.html'), page('<script src="/crumbs/crumbs.js" data-inventory="/cookies.json"></script>'));
    return out;
  },
};

const TYPES = { '.html': 'text/html', '.js': 'text/javascript', '.json': 'application/json' };
const inventory = readFileSync(join(ROOT, 'demo/cookies.json'));

/** Loads the built site until the banner shows; returns the scripts it fetched. */
async function firstVisit(browser, folder) {
  const context = await browser.newContext();
  const fetched = [];
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== SITE) return route.abort();
    if (url.pathname === '/cookies.json') return route.fulfill({ body: inventory, contentType: 'application/json' });
    const file = join(folder, url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname));
    if (!file.startsWith(folder) || !existsSync(file) || !statSync(file).isFile()) return route.fulfill({ status: 404, body: 'not found' });
    const body = readFileSync(file);
    if (extname(file) === '.js') fetched.push({ file: relative(folder, file), raw: body.length, gzip: gzip(body), brotli: brotli(body) });
    return route.fulfill({ body, contentType: TYPES[extname(file)] ?? 'application/octet-stream' });
  });
  const tab = await context.newPage();
  const errors = [];
  tab.on('pageerror', (error) => errors.push(error.message));
  await tab.goto(SITE + '/');
  const banner = tab.getByRole('region').filter({ has: tab.getByRole('button', { name: 'Reject all', exact: true }) });
  try {
    await banner.waitFor({ state: 'visible', timeout: 15_000 });
  } catch {
    throw new Error(`no banner on ${folder}: ${errors.join('; ') || 'no page error'}`);
  }
  await context.close();
  return fetched;
}

const sum = (files, key) => files.reduce((total, f) => total + f[key], 0);
const results = {};
try {
  const project = consumerProject();
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
  });
  try {
    for (const [name, bundle] of Object.entries(BUNDLERS)) {
      const folder = await bundle(project);
      const fetched = await firstVisit(browser, folder);
      const emitted = readdirSync(folder, { recursive: true }).filter((f) => f.endsWith('.js'));
      results[name] = { files: fetched, emittedScripts: emitted.length, gzip: sum(fetched, 'gzip'), brotli: sum(fetched, 'brotli'), raw: sum(fetched, 'raw') };
    }
  } finally {
    await browser.close();
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

const baseline = results['script tag'].gzip;
const GOAL = baseline + 1024;
const pad = (value, width) => String(value).padStart(width);
console.log(`\nFirst visit (banner visible), every script fetched, bytes. Goal: npm first load <= script tag + 1 KB = ${GOAL} B gzip.\n`);
console.log(`${'build'.padEnd(12)}${pad('scripts', 9)}${pad('of', 5)}${pad('raw', 9)}${pad('gzip', 8)}${pad('brotli', 8)}${pad('vs tag', 9)}  goal`);
for (const [name, r] of Object.entries(results)) {
  const delta = r.gzip - baseline;
  const verdict = name === 'script tag' ? '' : r.gzip <= GOAL ? 'HOLDS' : 'MISSES';
  console.log(
    `${name.padEnd(12)}${pad(r.files.length, 9)}${pad(r.emittedScripts, 5)}${pad(r.raw, 9)}${pad(r.gzip, 8)}${pad(r.brotli, 8)}${pad((delta >= 0 ? '+' : '') + delta, 9)}  ${verdict}`,
  );
}
for (const [name, r] of Object.entries(results))
  console.log(`\n${name}: ${r.files.map((f) => `${f.file} ${f.gzip}`).join(', ')}`);
mkdirSync(join(BENCH, 'results'), { recursive: true });
const report = { date: new Date().toISOString(), node: process.version, goalGzip: GOAL, results };
writeFileSync(join(BENCH, 'results/bundlers.json'), JSON.stringify(report, null, 2) + '\n');
console.log('\nwrote bench/results/bundlers.json');
if (Object.entries(results).some(([name, r]) => name !== 'script tag' && r.gzip > GOAL)) process.exitCode = 1;
