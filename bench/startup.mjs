#!/usr/bin/env node
// Start-up cost of the script-tag build, as a visitor's browser pays it. Run after a build:
//
//   node build.mjs && node bench/startup.mjs          (RUNS=30 WARMUP=3 override the counts)
//
// Loads demo/index.html in headless Chromium (playwright-core, the binary the browser tests use) in
// three cases, each in a fresh browser context (no HTTP cache, no cookies but those we set):
//
//   first visit   no consent cookie: crumbs.js fetches the inventory, crumbs-decide.js and the UI
//                 (banner); the demo inventory is stamped, so not the validator
//   returning     a "reject all" decision made on this very inventory: its fingerprint matches, so the
//                 inventory is trusted and neither crumbs-decide.js nor the UI is fetched
//   inv. changed  the same decision, but the inventory's text changed (one description): fingerprint
//                 differs and the stamp is stale, so crumbs-validate.js and crumbs-decide.js are
//                 fetched; same revision, so no banner
//
// The decision is "reject all" so that no vendor code runs in any case: only Crumbs' own work is
// measured. Every file (demo/ and dist/browser/) is read once into memory at start and answered through
// Playwright's `context.route`: nothing touches the network, and a rebuild while this runs does not
// change what is measured. Routing disables Chromium's HTTP cache, so a "returning visitor" here
// downloads crumbs.js again; with a warm cache they would revalidate it (304) instead.
//
// Then, in Node, `validateInventory` (dist/esm/index.js) on demo/cookies.json.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { cpus, loadavg, platform, release } from 'node:os';
import { join, relative, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { performance } from 'node:perf_hooks';
import CHROMIUM_FLAGS from '../src/audit/chromium-flags.json' with { type: 'json' };

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const DIST = join(ROOT, 'dist', 'browser');
const DEMO = join(ROOT, 'demo');
const RUNS = Number(process.env.RUNS) || 30;
const WARMUP = process.env.WARMUP != null ? Number(process.env.WARMUP) : 3;
// Page loads stop early (after at least 10 runs per case) once this much time has gone, so that a
// busy machine still gets its answer in about a minute; the output then says how many runs it got.
const BUDGET_MS = (Number(process.env.BUDGET_S) || 52) * 1000;
const NODE_RUNS = 1000;
const SITE = 'https://www.crumbs-demo.test';
const PAGE = '/';
// The audit's flags (one list for the audit, the tests and the benches), QUIC off: every request is routed.
const CHROMIUM_ARGS = [...CHROMIUM_FLAGS, '--disable-quic'];

function die(message) {
  console.error('bench/startup.mjs: ' + message);
  process.exit(1);
}

// ---- preconditions -------------------------------------------------------------------------------
for (const file of ['crumbs.js', 'crumbs-engine.js', 'crumbs-decide.js', 'crumbs-validate.js', 'crumbs-ui.js', 'chunks', '../esm/index.js']) {
  if (!existsSync(join(DIST, file))) die(`dist/browser/${file} is missing: run \`node build.mjs\` first.`);
}
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!existsSync(executablePath)) die(`no Chromium at ${executablePath} (set CHROMIUM_PATH).`);
let chromium;
try {
  ({ chromium } = await import('playwright-core'));
} catch (error) {
  die('playwright-core is not installed (it is a devDependency): ' + error.message);
}
const { siteResponse } = await import(pathToFileURL(join(DEMO, 'serve.mjs')).href);

// ---- the site, in memory -------------------------------------------------------------------------
const walk = (dir) =>
  readdirSync(dir).flatMap((name) => {
    const file = join(dir, name);
    return statSync(file).isDirectory() ? walk(file) : [file];
  });
/** URL path -> { status, headers, body, gzip } for every file the site can serve. */
const FILES = new Map();
for (const file of walk(DEMO)) {
  const path = '/' + relative(DEMO, file).split(sep).join('/');
  const response = siteResponse(path, { secure: true });
  if (response.status === 200) FILES.set(path, response);
}
for (const file of walk(DIST)) {
  const rel = relative(DIST, file).split(sep).join('/');
  if (!rel.endsWith('.js') || rel.startsWith('esm/') || rel.startsWith('types/')) continue;
  FILES.set('/crumbs/' + rel, siteResponse('/crumbs/' + rel, { secure: true }));
}
for (const response of FILES.values()) response.gzip = gzipSync(response.body, { level: 9 }).length;

// What "executing crumbs.js" means here: from its first statement to its last, marked by
// `performance.mark` calls added at both ends of the served file (otherwise byte-identical; the bytes
// table counts the file as built). Marks in inline scripts around the <script> tag would also count the
// wait for the file to reach the renderer (Playwright's route round trip, off-thread streaming), which
// is 5-20 ms here and not our code. Parsing happens off the main thread (script streaming); lazy
// compilation of functions during the run is included. The page gets one inline script after the tag,
// which marks when `Crumbs.ready` resolves.
const CRUMBS_TAG = /<script src="\/crumbs\/crumbs\.js"[^>]*><\/script>/;
const html = FILES.get('/index.html');
const source = html.body.toString('utf8');
if (!CRUMBS_TAG.test(source)) die('demo/index.html has no <script src="/crumbs/crumbs.js"> tag to measure.');
html.body = Buffer.from(
  source.replace(
    CRUMBS_TAG,
    (tag) => `${tag}<script>window.Crumbs&&Crumbs.ready.then(function(){performance.mark('bench:ready')})</script>`,
  ),
);
const core = FILES.get('/crumbs/crumbs.js');
core.counted = { raw: core.body.length, gzip: core.gzip };
core.body = Buffer.concat([
  Buffer.from("performance.mark('bench:start');\n"),
  core.body,
  Buffer.from("\n;performance.mark('bench:end');\n"),
]);

// The changed inventory: one service description edited. Its fingerprint differs from the one in
// the consent cookie; its revision does not, so the stored decision still holds (no banner).
const inventoryJson = JSON.parse(FILES.get('/cookies.json').body.toString('utf8'));
const changedJson = structuredClone(inventoryJson);
changedJson.services[0].description += ' (Edited.)';
const CHANGED_INVENTORY = {
  ...FILES.get('/cookies.json'),
  body: Buffer.from(JSON.stringify(changedJson, null, 2) + '\n'),
};
CHANGED_INVENTORY.gzip = gzipSync(CHANGED_INVENTORY.body, { level: 9 }).length;

// ---- one page load -------------------------------------------------------------------------------
// The engine (crumbs-engine.js, which a returning visitor loads after the first paint) and the chunks
// it imports statically count with crumbs.js as "core".
const CORE_FILES = new Set(['crumbs.js', 'crumbs-engine.js']);
for (const [, chunk] of readFileSync(join(DIST, 'crumbs-engine.js'), 'utf8').matchAll(/from\s*"\.\/(chunks\/[\w-]+\.js)"/g)) CORE_FILES.add(chunk);
const DECIDE_FILES = new Set(['crumbs-decide.js', 'crumbs-validate.js']);
// Chunks the two import statically (code they share) count with them, not with the UI.
for (const file of [...DECIDE_FILES]) {
  for (const [, chunk] of readFileSync(join(DIST, file), 'utf8').matchAll(/from\s*"\.\/(chunks\/[\w-]+\.js)"/g)) DECIDE_FILES.add(chunk);
}
const bucketOf = (url) => {
  const at = url.indexOf('/crumbs/');
  if (at < 0) return null;
  const file = url.slice(at + '/crumbs/'.length).split(/[?#]/)[0];
  return CORE_FILES.has(file) ? 'core' : DECIDE_FILES.has(file) ? 'decide' : 'ui';
};

/**
 * Main-thread time of our code, from a V8 CPU profile (CDP Profiler, 50 µs sampling) of the page.
 * A sample counts for Crumbs when any frame of its stack is in a file under /crumbs/; it goes to
 * the innermost such file (core, crumbs-decide.js, or UI incl. chunks). Stacks rooted in our code include
 * the DOM and built-in calls made from it (cookie reads, JSON, querySelectorAll) and every
 * asynchronous continuation (inventory arrival, crumbs-decide.js, gate, UI mount), which the marks in
 * crumbs.js cannot see; samples of other scripts, idle, GC and parsing the HTML never count.
 */
function crumbsTime(profile) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const memo = new Map();
  const owner = (id) => {
    if (memo.has(id)) return memo.get(id);
    const bucket = bucketOf(byId.get(id).callFrame.url) ?? (parent.has(id) ? owner(parent.get(id)) : null);
    memo.set(id, bucket);
    return bucket;
  };
  const ms = { core: 0, decide: 0, ui: 0 };
  const { samples, timeDeltas } = profile;
  for (let i = 0; i < samples.length; i++) {
    // timeDeltas[i] is the gap before sample i; a sample stands for the interval after it.
    const next = i + 1 < samples.length ? timeDeltas[i + 1] : 0;
    const bucket = owner(samples[i]);
    if (bucket) ms[bucket] += next / 1000;
  }
  return ms;
}

async function load(browser, scenario, { profile }) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
  if (scenario.cookies) await context.addCookies(scenario.cookies);
  const fetched = [];
  const leaks = [];
  let inflight = 0;
  await context.route('**/*', (route, request) => {
    const url = new URL(request.url());
    let response = url.origin === SITE ? FILES.get(url.pathname === '/' ? '/index.html' : url.pathname) : undefined;
    if (url.origin === SITE && url.pathname === '/cookies.json' && scenario.inventory) response = scenario.inventory;
    if (!response) {
      leaks.push(url.href);
      return route.abort('blockedbyclient');
    }
    fetched.push({ path: url.pathname, ...(response.counted ?? { raw: response.body.length, gzip: response.gzip }) });
    return route.fulfill({ status: response.status, headers: response.headers, body: response.body });
  });
  const page = await context.newPage();
  const pageErrors = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  page.on('request', () => inflight++);
  const done = () => inflight--;
  page.on('requestfinished', done);
  page.on('requestfailed', done);

  let cdp;
  if (profile) {
    cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 50 });
    await cdp.send('Profiler.start');
  }
  await page.goto(SITE + PAGE, { waitUntil: 'commit' });
  // Done when `ready` has resolved and, on a first visit, the banner is up (the UI arrives after
  // `ready`); then a short settle, so that a request the case should not make would still be seen.
  await page.waitForFunction(
    (banner) =>
      performance.getEntriesByName('bench:ready').length > 0 &&
      (!banner || !!document.getElementById('crumbs-root')?.shadowRoot?.querySelector('[role="region"]')),
    scenario.banner,
    { timeout: 10_000, polling: 5 },
  ).catch(() => {
    throw new Error(`${scenario.name}: Crumbs.ready${scenario.banner ? ' or the banner' : ''} did not come within 10 s`);
  });
  await page.waitForTimeout(20);
  for (let waited = 0; inflight > 0 && waited < 2000; waited += 10) await page.waitForTimeout(10);
  const marks = await page.evaluate(() => {
    const at = (name) => performance.getEntriesByName(name)[0]?.startTime;
    return {
      start: at('bench:start'),
      end: at('bench:end'),
      ready: at('bench:ready'),
      banner: !!document.getElementById('crumbs-root')?.shadowRoot?.querySelector('[role="region"]'),
      consent: window.Crumbs?.getConsent()?.action ?? null,
    };
  });
  const cpu = profile ? crumbsTime((await cdp.send('Profiler.stop')).profile) : null;
  await context.close();
  if (pageErrors.length) throw new Error(`${scenario.name}: page error: ${pageErrors.join(' | ')}`);
  const crumbsFiles = fetched.filter((f) => f.path.startsWith('/crumbs/'));
  return {
    sync: marks.end - marks.start,
    ready: marks.ready,
    cpu,
    raw: crumbsFiles.reduce((sum, f) => sum + f.raw, 0),
    gzip: crumbsFiles.reduce((sum, f) => sum + f.gzip, 0),
    files: crumbsFiles.map((f) => f.path.slice('/crumbs/'.length)),
    inventory: fetched.find((f) => f.path === '/cookies.json'),
    banner: marks.banner,
    consent: marks.consent,
    leaks,
  };
}

// ---- statistics and output -----------------------------------------------------------------------
const quantile = (values, q) => {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  return sorted[lo] + (sorted[Math.min(lo + 1, sorted.length - 1)] - sorted[lo]) * (at - lo);
};
const fmt = (values, digits = 2) => `${quantile(values, 0.5).toFixed(digits)} / ${quantile(values, 0.9).toFixed(digits)}`;
const table = (header, rows) => {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join('  ');
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
};

// ---- run -----------------------------------------------------------------------------------------
const started = performance.now();
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const cpu = cpus();
  console.log(`Crumbs start-up benchmark (bench/startup.mjs)`);
  console.log(`Chromium ${browser.version()} (headless), playwright-core, Node ${process.version}`);
  console.log(`Machine: ${cpu[0]?.model?.trim() ?? 'unknown CPU'} x ${cpu.length}, ${platform()} ${release()}`);
  // Page-load times are wall clock on the renderer's main thread: other work on the machine inflates them.
  const load1 = loadavg()[0];
  console.log(
    `Load average (1 min) at start: ${load1.toFixed(2)}` +
      (load1 > cpu.length * 0.75 ? ` on ${cpu.length} CPUs: the machine is busy, expect inflated, noisy times` : ''),
  );
  console.log(
    `Page ${PAGE} of the demo; every file served from memory through context.route (network ~0, no HTTP cache);` +
      ` ${RUNS} runs per case after ${WARMUP} warm-ups, cases interleaved.`,
  );

  // The consent cookie of a "reject all" decision on the demo inventory, made in a real first visit.
  const first = { name: 'first visit', files: ['crumbs.js', 'crumbs-engine.js', 'crumbs-decide.js', 'crumbs-ui.js'], banner: true, consent: null };
  const decided = await (async () => {
    const context = await browser.newContext();
    await context.route('**/*', (route, request) => {
      const url = new URL(request.url());
      const response = url.origin === SITE ? FILES.get(url.pathname === '/' ? '/index.html' : url.pathname) : undefined;
      return response ? route.fulfill({ status: response.status, headers: response.headers, body: response.body }) : route.abort('blockedbyclient');
    });
    const page = await context.newPage();
    await page.goto(SITE + PAGE, { waitUntil: 'load' });
    await page.evaluate(() => window.Crumbs.ready);
    await page.evaluate(() => window.Crumbs.rejectAll());
    await page.waitForFunction(() => window.Crumbs.getConsent() != null, null, { timeout: 10_000 });
    const cookies = (await context.cookies()).filter((c) => c.name === (inventoryJson.consent?.cookieName ?? 'crumbs_consent'));
    await context.close();
    if (!cookies.length) die('no consent cookie after "reject all" on the demo page.');
    return cookies;
  })();
  const SCENARIOS = [
    first,
    { name: 'returning', cookies: decided, files: ['crumbs.js', 'crumbs-engine.js'], banner: false, consent: 'reject-all' },
    {
      name: 'inv. changed',
      cookies: decided,
      inventory: CHANGED_INVENTORY,
      // A description changed: the notice changed, so the stored decision no longer counts and the
      // banner asks again (issue 14), with the UI.
      files: ['crumbs.js', 'crumbs-engine.js', 'crumbs-decide.js', 'crumbs-validate.js', 'crumbs-ui.js'],
      banner: true,
      consent: null,
    },
  ];

  // Each case is loaded twice per round: once plain (marks, ready, bytes) and once under the CPU
  // profiler (which slows the page a little, so its runs do not feed the timings of the marks).
  // Rounds go through the cases in turn, so that a change in machine load touches them all alike.
  const results = new Map(SCENARIOS.map((s) => [s, { plain: [], profiled: [] }]));
  let runs = 0;
  for (let round = 0; round < WARMUP + RUNS; round++) {
    if (round >= WARMUP + 10 && performance.now() - started > BUDGET_MS) break;
    for (const scenario of SCENARIOS) {
      const plain = await load(browser, scenario, { profile: false });
      if (round < WARMUP) continue;
      const profiled = await load(browser, scenario, { profile: true });
      results.get(scenario).plain.push(plain);
      results.get(scenario).profiled.push(profiled);
    }
    if (round >= WARMUP) runs++;
  }

  const surprises = [];
  const rows = [];
  const bytes = [];
  for (const scenario of SCENARIOS) {
    const { plain, profiled } = results.get(scenario);
    const sample = plain[0];
    const cpuOf = (key) => profiled.map((r) => (key ? r.cpu[key] : r.cpu.core + r.cpu.decide + r.cpu.ui));
    rows.push([
      scenario.name,
      fmt(plain.map((r) => r.sync)),
      fmt(cpuOf()),
      fmt(cpuOf('core')),
      fmt(cpuOf('decide')),
      fmt(cpuOf('ui')),
      fmt(plain.map((r) => r.ready), 1),
    ]);
    const uiFiles = sample.files.filter((f) => bucketOf('/crumbs/' + f) === 'ui').length;
    bytes.push([
      scenario.name,
      sample.raw,
      sample.gzip,
      `${sample.inventory?.raw ?? 0} / ${sample.inventory?.gzip ?? 0}`,
      sample.files.filter((f) => bucketOf('/crumbs/' + f) !== 'ui').join(' + ') + (uiFiles ? ` + UI (${uiFiles} files)` : ''),
    ]);
    // Each case must be what it claims to be, in every run.
    for (const r of [...plain, ...profiled]) {
      const got = new Set(r.files);
      const missing = scenario.files.filter((f) => !got.has(f));
      const extra = scenario.banner ? [] : r.files.filter((f) => !scenario.files.includes(f) && bucketOf('/crumbs/' + f) == 'ui');
      const noProfile = r.cpu && r.cpu.core === 0;
      if (missing.length || extra.length || r.banner !== scenario.banner || r.consent !== scenario.consent || r.leaks.length || noProfile) {
        surprises.push(
          `${scenario.name}: fetched ${r.files.join(', ')}; banner ${r.banner}; consent ${r.consent};` +
            ` leaks ${r.leaks.join(', ') || 'none'}${noProfile ? '; the CPU profile saw no crumbs.js' : ''}`,
        );
        break;
      }
    }
    if (new Set(plain.map((r) => r.raw)).size > 1) surprises.push(`${scenario.name}: bytes differ between runs`);
  }

  const cut = runs < RUNS ? ` (stopped at the ${BUDGET_MS / 1000} s budget; ${RUNS} asked)` : '';
  console.log(`\nMain-thread time of Crumbs in the page, ms (median / p90 of ${runs} runs per case${cut}):`);
  console.log(
    table(['case', 'crumbs.js run', 'crumbs total', 'core', 'decide', 'UI', 'nav start -> ready'], rows),
  );
  console.log(
    '  crumbs.js run: the synchronous run of the script tag, first to last statement (performance.mark).\n' +
      '  crumbs total = core + decide + UI: all JS stacks in /crumbs/ files, async work included (CDP CPU\n' +
      '  profile, 50 us sampling, separate runs). nav start -> ready: when Crumbs.ready resolved\n' +
      '  (performance.mark, relative to navigation start), with files from memory (network ~0).',
  );
  console.log('\nBytes of Crumbs files transferred per page view (uncompressed as served; gzip -9 for reference):');
  console.log(table(['case', 'crumbs raw B', 'crumbs gzip B', 'cookies.json raw / gzip B', 'files'], bytes));

  // ---- Node: validateInventory ----
  const { validateInventory } = await import(pathToFileURL(join(ROOT, 'dist/esm/index.js')).href);
  const text = FILES.get('/cookies.json').body.toString('utf8');
  const check = validateInventory(JSON.parse(text));
  if (!check.inventory) die('validateInventory rejects demo/cookies.json: ' + JSON.stringify(check.errors).slice(0, 300));
  const times = [];
  for (let i = 0; i < 100 + NODE_RUNS; i++) {
    const json = JSON.parse(text); // a fresh object each time, outside the timing
    const t0 = performance.now();
    validateInventory(json);
    const t1 = performance.now();
    if (i >= 100) times.push(t1 - t0);
  }
  console.log(`\nNode ${process.version}, validateInventory(demo/cookies.json, ${text.length} B) from dist/esm, ${NODE_RUNS} runs after 100 warm-ups:`);
  console.log(`  median ${quantile(times, 0.5).toFixed(3)} ms, p90 ${quantile(times, 0.9).toFixed(3)} ms`);
  console.log('  (normalizeInventory, all a returning visitor runs instead, is not exported: not measured here.)');

  if (surprises.length) console.log('\nUNEXPECTED:\n  ' + surprises.join('\n  '));
  console.log(`\nTotal ${((performance.now() - started) / 1000).toFixed(1)} s; load average (1 min) at the end: ${loadavg()[0].toFixed(2)}.`);
} finally {
  await browser.close();
}
