/**
 * Freezes an object graph, so that no holder of the inventory can change it for the others.
 * RegExps stay unfrozen: freezing them would make `lastIndex` read-only, which some callers touch.
 */
export const deepFreeze = <T>(o: T): T => {
  if (o && typeof o == 'object' && !(o instanceof RegExp)) Object.values(Object.freeze(o)).forEach(deepFreeze);
  return o;
};
