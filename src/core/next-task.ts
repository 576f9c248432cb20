/**
 * Resolves in a task of its own (after the current task and its microtasks): work that follows it
 * does not lengthen the task that asked for it. Start-up's steps would otherwise add up to one long
 * task (over 50 ms at 4x CPU, measured), which holds up the visitor's next input.
 */
export const nextTask = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));
