/**
 * Parses JSON into objects without a prototype, so that nothing a script added to
 * `Object.prototype` before Crumbs ran (`Object.prototype.required = true`) can pass for a field of
 * an inventory or a stored decision: only what the text says is there. What it says is unchecked:
 * callers check it (the validator, the cookie decoder) or trust it by stamp or fingerprint.
 */
export const parseData = (text: string): unknown =>
  JSON.parse(text, (_key, value) => (value && typeof value == 'object' && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value));
