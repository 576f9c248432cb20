import { afterEach, describe, expect, test, vi } from 'vitest';
import { nextTask } from '../../src/core/next-task';

describe('nextTask', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.useRealTimers();
  });

  test('yields through scheduler.yield() where the browser has it, called on the scheduler', async () => {
    const scheduler = {
      yield: vi.fn(function (this: unknown) {
        expect(this, 'called as a method').toBe(scheduler);
        return Promise.resolve();
      }),
    };
    vi.stubGlobal('scheduler', scheduler);
    vi.useFakeTimers();
    // No timer to run: the promise settles through the scheduler alone.
    await nextTask();
    expect(scheduler.yield).toHaveBeenCalledTimes(1);
    expect(vi.getTimerCount(), 'no timer queued').toBe(0);
  });

  test('falls back to a timer without scheduler.yield()', async () => {
    vi.stubGlobal('scheduler', {});
    vi.useFakeTimers();
    let done = false;
    const waiting = nextTask().then(() => (done = true));
    await Promise.resolve();
    expect(done, 'not within the current task').toBe(false);
    expect(vi.getTimerCount()).toBe(1);
    await vi.runAllTimersAsync();
    await waiting;
    expect(done).toBe(true);
  });
});
