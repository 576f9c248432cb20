// A Chromium trace of one page load (CDP Tracing), and the main-thread time it attributes to one
// widget's own scripts.
//
// Categories: devtools.timeline (EvaluateScript, FunctionCall, v8.compile, TimerFire, EventDispatch,
// ParseHTML...), toplevel (the tasks), loading (firstContentfulPaint), v8.execute and disabled-by-default-v8.compile
// (module compile/evaluate), and the V8 sampling profiler in the trace (ProfileChunk events), as
// DevTools' Performance panel records them.
//
// Attribution, for the renderer main thread of the page's own process:
//   1. Events that name a script URL (EvaluateScript, v8.compile, v8.compileModule, v8.evaluateModule,
//      v8.produceCache, v8.produceModuleCache, FunctionCall: a callback called by the browser, such as a
//      timer, an event listener, a load handler) count for the widget when the URL is one of its files
//      (or its inline script); the union of their intervals is taken, so nesting is never counted twice.
//      Everything that runs inside them counts, calls into the page's code and the DOM included.
//   2. Time outside those intervals in which a profiler sample has a frame of the widget's files on its
//      stack counts too: promise continuations (microtasks), which have no URL event, and code the
//      page's own scripts call into (Osano's inline `initialise(...)`). A sample counts until the next
//      one, cut at the end of its task.
export const TRACE_CATEGORIES = [
  '-*',
  'devtools.timeline',
  'disabled-by-default-devtools.timeline',
  'toplevel',
  'v8.execute',
  'disabled-by-default-v8.compile',
  'disabled-by-default-v8.cpu_profiler',
  'blink.user_timing',
  'loading',
].join(',');

/**
 * Without the V8 profiler (and its compile details): no samples, so only part (1) of the attribution
 * below; used for the one task that part covers whole, a classic script's evaluation (see `evaluates`).
 */
export const UNPROFILED_CATEGORIES = TRACE_CATEGORIES.split(',').filter((c) => !c.startsWith('disabled-by-default-v8')).join(',');

export async function startTrace(cdp, categories = TRACE_CATEGORIES) {
  const events = [];
  const onData = ({ value }) => events.push(...value);
  cdp.on('Tracing.dataCollected', onData);
  await cdp.send('Tracing.start', {
    transferMode: 'ReportEvents',
    traceConfig: { recordMode: 'recordAsMuchAsPossible', includedCategories: categories.split(',').filter((c) => c !== '-*'), excludedCategories: ['*'] },
  });
  return async () => {
    const done = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
    await cdp.send('Tracing.end');
    await done;
    cdp.off('Tracing.dataCollected', onData);
    return events;
  };
}

const URL_EVENTS = new Set([
  'EvaluateScript',
  'v8.compile',
  'v8.compileModule',
  'v8.evaluateModule',
  'v8.produceCache',
  'v8.produceModuleCache',
  'FunctionCall',
]);
const eventUrl = (e) => e.args?.data?.url ?? e.args?.fileName ?? e.args?.data?.fileName ?? e.args?.data?.scriptName ?? null;

/** Merges [start, end] intervals (µs) and returns the sorted union. */
function union(intervals) {
  const sorted = intervals.filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const out = [];
  for (const [a, b] of sorted) {
    const last = out[out.length - 1];
    if (last && a <= last[1]) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}
const overlap = (intervals, a, b) => intervals.reduce((sum, [x, y]) => sum + Math.max(0, Math.min(b, y) - Math.max(a, x)), 0);
/** The interval of a sorted union that holds `t`, or null. */
const spanAt = (intervals, t) => {
  let lo = 0;
  let hi = intervals.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (t < intervals[mid][0]) hi = mid - 1;
    else if (t >= intervals[mid][1]) lo = mid + 1;
    else return intervals[mid];
  }
  return null;
};
const inside = (intervals, t) => spanAt(intervals, t) != null;

/**
 * The main thread's tasks, whole: the outermost of `RunTask` and `ThreadControllerImpl::RunTask`.
 * In current Chromium `RunTask` wraps `ThreadControllerImpl::RunTask` and also the microtask
 * checkpoint that ends the task (`BlinkScheduler_PerformMicrotaskCheckpoint`), where promise
 * continuations run: measured, a returning Crumbs page's engine start-up ran 80-105 ms there, after
 * an inner task of under 1 ms. Older Chromium has only `RunTask`.
 */
export function outermostTasks(main) {
  const candidates = main
    .filter((e) => (e.name === 'RunTask' || e.name === 'ThreadControllerImpl::RunTask') && e.ph === 'X' && e.dur)
    .sort((a, b) => a.ts - b.ts || b.dur - a.dur);
  const out = [];
  for (const e of candidates) {
    const last = out[out.length - 1];
    // Inside the last one kept, to a microsecond of rounding (the trace's clock unit).
    if (last && e.ts >= last.ts && e.ts + e.dur <= last.ts + last.dur + 1) continue;
    out.push(e);
  }
  return out;
}

/**
 * @param events - the trace
 * @param pageUrl - the page's URL (finds the renderer main thread: its ParseHTML)
 * @param owns - (url, event) => true when that script URL (or inline script event) is the widget's
 * @param until - µs on the trace clock; ignore what starts after (null: everything)
 * @returns { scriptMs, profilerReparseMs, byEventMs, bySampleMs, cpuMs, beforeFcpMs, longTasks: [{ durationMs, ownMs, caused }], mainFound, samples }
 */
export function attribute(events, pageUrl, owns, until = null) {
  const parse = events.find((e) => e.name === 'ParseHTML' && e.args?.beginData?.url === pageUrl);
  if (!parse) return { scriptMs: null, mainFound: false };
  const { pid, tid } = parse;
  const main = events.filter((e) => e.pid === pid && e.tid === tid && (until == null || e.ts <= until));

  // 1. URL events of the widget.
  const own = [];
  for (const e of main) {
    if (!URL_EVENTS.has(e.name) || e.ph !== 'X' || !e.dur) continue;
    const url = eventUrl(e);
    if (url && owns(url, e)) own.push([e.ts, e.ts + e.dur]);
  }
  const byEvent = union(own);
  const byEventUs = byEvent.reduce((sum, [a, b]) => sum + b - a, 0);

  // 2. Samples of the V8 profiler on that thread, outside the intervals of 1.
  const profiles = new Map(); // id -> { start, nodes: Map, parent: Map, samples: [], deltas: [] }
  for (const e of events) {
    if (e.pid !== pid) continue;
    if (e.name === 'Profile' && e.tid === tid) profiles.set(e.id, { start: e.args.data.startTime, nodes: new Map(), samples: [], deltas: [] });
  }
  for (const e of events) {
    if (e.name !== 'ProfileChunk' || e.pid !== pid || !profiles.has(e.id)) continue;
    const p = profiles.get(e.id);
    const cpu = e.args.data.cpuProfile ?? {};
    for (const node of cpu.nodes ?? []) p.nodes.set(node.id, node);
    p.samples.push(...(cpu.samples ?? []));
    p.deltas.push(...(e.args.data.timeDeltas ?? []));
  }
  // A sample stands for the time until the next one, but never beyond the task it was taken in:
  // the profiler takes no sample while the thread is idle, so the last sample of a task would
  // otherwise stand for the whole idle gap after it (measured: 168 ms of "script" in warm loads
  // whose CPU time was 47 ms, for a widget whose work comes in many small tasks).
  const tasks = outermostTasks(main);
  const taskSpans = union(tasks.map((e) => [e.ts, e.ts + e.dur]));
  const taskEnd = (t) => spanAt(taskSpans, t)?.[1] ?? null;
  let bySampleUs = 0;
  let samples = 0;
  const sampleOwned = []; // [t, dt] of owned samples, for long-task attribution
  for (const p of profiles.values()) {
    const memo = new Map();
    const ownerOf = (id) => {
      if (memo.has(id)) return memo.get(id);
      const node = p.nodes.get(id);
      const url = node?.callFrame?.url;
      const result = !node ? false : url && owns(url, null) ? true : node.parent != null ? ownerOf(node.parent) : false;
      memo.set(id, result);
      return result;
    };
    let t = p.start;
    for (let i = 0; i < p.samples.length; i++) {
      t += p.deltas[i] ?? 0;
      samples++;
      const end = taskEnd(t);
      const dt = end == null ? 0 : Math.min(p.deltas[i + 1] ?? 0, end - t);
      if (until != null && t > until) break;
      if (!ownerOf(p.samples[i]) || inside(byEvent, t)) continue;
      bySampleUs += dt;
      sampleOwned.push([t, t + dt]);
    }
  }
  const ownAll = union([...byEvent, ...sampleOwned]);

  // The same time in CPU terms: each task's share of the widget's wall time, scaled by the task's
  // thread time over its wall time. Time the thread was not running (descheduled by a busy machine)
  // drops out: less noisy than wall time on a shared machine. Own time outside any task is not counted.
  let cpuUs = 0;
  for (const e of tasks) {
    if (e.tdur == null) continue;
    const ownUs = overlap(ownAll, e.ts, e.ts + e.dur);
    if (ownUs) cpuUs += ownUs * Math.min(1, e.tdur / e.dur);
  }
  // The profiler's own work inside that time: with the V8 profiler on, V8 re-parses functions
  // compiled without source positions to map samples to lines (V8.CollectSourcePositions). No
  // visitor's browser does that (see bench/README.md for the figures).
  const reparse = union(main.filter((e) => e.name === 'V8.CollectSourcePositions' && e.ph === 'X' && e.dur).map((e) => [e.ts, e.ts + e.dur]));
  const reparseUs = reparse.reduce((sum, [a, b]) => sum + overlap(ownAll, a, b), 0);
  // What of it ran before first contentful paint (the trace's firstContentfulPaint of the page).
  const fcp = events.find((e) => e.name === 'firstContentfulPaint' && e.pid === pid);
  const beforeFcpUs = fcp ? overlap(ownAll, 0, fcp.ts) : null;

  // Long tasks: main-thread tasks of 50 ms or more; "caused" when the widget's share is what makes it
  // long (the task minus the widget's time would be under 50 ms). `evaluates`: the task runs a
  // classic script of the widget (`EvaluateScript`): the parser's task of a synchronous script, the
  // one a profiler lengthens (see bench/README.md), and one whose whole widget share is URL events.
  const evaluations = main.filter((e) => e.name === 'EvaluateScript' && e.ph === 'X' && e.dur && eventUrl(e) && owns(eventUrl(e), e));
  const longTasks = [];
  for (const e of tasks) {
    if (!(e.dur >= 50_000)) continue;
    const ownUs = overlap(ownAll, e.ts, e.ts + e.dur);
    const evaluates = evaluations.some((x) => x.ts >= e.ts && x.ts < e.ts + e.dur);
    longTasks.push({ durationMs: e.dur / 1000, ownMs: ownUs / 1000, caused: e.dur - ownUs < 50_000, evaluates });
  }
  return {
    mainFound: true,
    scriptMs: (byEventUs + bySampleUs) / 1000,
    profilerReparseMs: reparseUs / 1000,
    byEventMs: byEventUs / 1000,
    bySampleMs: bySampleUs / 1000,
    cpuMs: cpuUs / 1000,
    beforeFcpMs: beforeFcpUs == null ? null : beforeFcpUs / 1000,
    samples,
    longTasks,
    navigationStart: events.find((e) => e.name === 'navigationStart' && e.pid === pid)?.ts ?? null,
  };
}
