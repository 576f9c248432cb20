/**
 * One macrotask: time for whatever would follow, were it to. Only before asserting that something
 * did not happen (an absence cannot be awaited); what does happen is awaited (`vi.waitFor`, the
 * API's promises).
 */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
