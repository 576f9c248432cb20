/**
 * Freezes an object graph, so that no holder of the inventory can change it for the others, and
 * takes the prototype from its plain objects, so that an optional field the inventory leaves out
 * (`consent.logUrl`) cannot be supplied by a script that added it to `Object.prototype`.
 * RegExps stay unfrozen: freezing them would make `lastIndex` read-only, which some callers touch.
 */
export const deepFreeze = <T>(o: T): T => {
  if (o && typeof o == 'object' && !(o instanceof RegExp)) {
    if (Object.getPrototypeOf(o) == Object.prototype) Object.setPrototypeOf(o, null);
    Object.values(Object.freeze(o)).forEach(deepFreeze);
  }
  return o;
};
