/**
 * Resolves in a task of its own (after the current task and its microtasks): work that follows it
 * does not lengthen the task that asked for it. Start-up's steps would otherwise add up to one long
 * task (over 50 ms at 4x CPU, measured), which holds up the visitor's next input.
 *
 * Where the browser has `scheduler.yield()` (Chromium 129, Firefox 142), the rest runs before
 * other tasks already waiting, as if it had not yielded, instead of behind them all, as a timer's
 * would: a first visit's banner is two such steps from its module's evaluation, and each timer
 * waited 2-39 ms at 4x CPU for the page's own tasks after its first paint (marked in a probe).
 */
export const nextTask = (): Promise<void> =>
  (globalThis as { scheduler?: { yield?(): Promise<void> } }).scheduler?.yield?.() ?? new Promise((resolve) => setTimeout(resolve));
