/**
 * Calls `fn`; anything it throws is reported once as ours and never reaches the host page, and the
 * call returns `fallback` instead.
 */
export function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback: R): (...args: A) => R;
export function guard<A extends unknown[], R>(fn: (...args: A) => R): (...args: A) => R | undefined;
export function guard<A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) {
  return (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (error) {
      console.error('[crumbs]', error);
      return fallback;
    }
  };
}
