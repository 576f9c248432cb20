/** Calls `fn`; anything it throws is reported once as ours and never reaches the host page. */
export const guard =
  <A extends unknown[], R>(fn: (...args: A) => R, fallback?: R) =>
  (...args: A): R | undefined => {
    try {
      return fn(...args);
    } catch (error) {
      console.error('[crumbs]', error);
      return fallback;
    }
  };
