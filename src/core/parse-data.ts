/**
 * Parses JSON into objects without a prototype, so that nothing a script added to
 * `Object.prototype` before Crumbs ran (`Object.prototype.required = true`) can pass for a field of
 * an inventory or a stored decision: only what the text says is there.
 */
export const parseData = (text: string): any =>
  JSON.parse(text, (_key, value) => (value && typeof value == 'object' && !Array.isArray(value) ? Object.setPrototypeOf(value, null) : value));
