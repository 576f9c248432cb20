// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { attribute, outermostTasks } from '../../bench/peers/trace.mjs';

const PAGE = 'http://bench.test/page.html';
const WIDGET = 'http://bench.test/widget.js';
const thread = { pid: 1, tid: 7 };
const span = (name: string, ts: number, dur: number, args: object = {}) => ({ ...thread, ph: 'X', name, ts, dur, tdur: dur, args });

/**
 * One task as current Chromium traces it: `RunTask` wraps a short `ThreadControllerImpl::RunTask`
 * and the microtask checkpoint after it, where the widget's promise continuations run for `busyUs`
 * (sampled by the profiler every 1 ms, each sample in the widget's code).
 */
function taskWithMicrotasks(busyUs: number) {
  const start = 10_000;
  const samples = Math.floor(busyUs / 1000);
  return [
    span('ParseHTML', 0, 5_000, { beginData: { url: PAGE } }),
    span('RunTask', start, 1_000 + busyUs),
    span('ThreadControllerImpl::RunTask', start, 1_000),
    span('BlinkScheduler_PerformMicrotaskCheckpoint', start + 1_000, busyUs),
    span('RunMicrotasks', start + 1_000, busyUs),
    { ...thread, ph: 'P', name: 'Profile', id: '0x1', ts: 0, args: { data: { startTime: start + 1_000 } } },
    {
      ...thread,
      ph: 'P',
      name: 'ProfileChunk',
      id: '0x1',
      ts: 0,
      args: {
        data: {
          cpuProfile: { nodes: [{ id: 1, callFrame: { url: '' } }, { id: 2, parent: 1, callFrame: { url: WIDGET } }], samples: Array(samples).fill(2) },
          timeDeltas: [0, ...Array(samples - 1).fill(1000)],
        },
      },
    },
  ];
}

describe('attribute', () => {
  it("counts the widget's promise continuations in the microtask checkpoint that ends a task", () => {
    const result = attribute(taskWithMicrotasks(80_000), PAGE, (url: string) => url === WIDGET);
    // 80 samples, each standing for the 1 ms until the next; the last one for none.
    expect(result.scriptMs).toBeCloseTo(79, 0);
    expect(result.cpuMs).toBeCloseTo(79, 0);
  });

  it('measures a long task by its outermost event, microtask checkpoint included', () => {
    const result = attribute(taskWithMicrotasks(80_000), PAGE, (url: string) => url === WIDGET);
    expect(result.longTasks).toEqual([{ durationMs: 81, ownMs: 79, caused: true, evaluates: false }]);
  });
});

describe('outermostTasks', () => {
  it('keeps sibling tasks apart, each whole, and drops what is nested in one (a microsecond of rounding included)', () => {
    const tasks = outermostTasks([
      span('RunTask', 0, 100),
      span('ThreadControllerImpl::RunTask', 0, 40),
      span('ThreadControllerImpl::RunTask', 60, 41),
      span('RunTask', 200, 50),
      span('ThreadControllerImpl::RunTask', 200, 50),
    ]);
    expect(tasks.map((e) => [e.name, e.ts, e.dur])).toEqual([
      ['RunTask', 0, 100],
      ['RunTask', 200, 50],
    ]);
  });

  it('takes RunTask alone where a trace has no other task event (older Chromium)', () => {
    expect(outermostTasks([span('RunTask', 0, 10), span('RunTask', 20, 10)]).map((e) => e.ts)).toEqual([0, 20]);
  });
});
