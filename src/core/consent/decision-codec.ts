import { hashString } from '../hash';
import { parseData } from '../parse-data';
import { DECISION_VERSION, type Decision } from './decision';

const ACTIONS: readonly unknown[] = ['accept-all', 'reject-all', 'save', 'revoke', 'embed'];
const ID = /^[\w-]{1,64}$/;
const CONSENT_ID = /^[\w-]{8,64}$/;
// One letter per service of the inventory, in its order: not shown, shown (follows its category),
// shown and denied, shown and granted (an exception to the category).
const STATES = '.-01';

const isIdList = (value: unknown) =>
  Array.isArray(value) && value.length <= 4096 && value.every((id) => typeof id == 'string' && ID.test(id));
const isFlag = (value: unknown) => value === 0 || value === 1;
const isText = (value: unknown, pattern: RegExp) => typeof value == 'string' && pattern.test(value);
const HASH = /^[0-9a-f]{8}$/;
/** A decision as read from a cookie, before its fields are checked. */
type Unchecked = { -readonly [Name in keyof Decision]-?: unknown };
/** The fingerprint of an inventory's service list: the services a compact decision refers to. */
const servicesHash = (serviceIds: readonly unknown[]) => hashString(serviceIds.join(' '));
/** Sorted: moving a service within the inventory changes nothing the visitor was asked about. */
const sorted = (serviceIds: readonly unknown[]) => [...serviceIds].sort() as string[];
/**
 * The consent cookie's key for each field of a decision: short, because the cookie travels with
 * every request to the site. Nothing outside this module knows them. In the order they are written,
 * which is the order earlier versions wrote them in. `x` is read from version 1 cookies only;
 * version 2 folds the exceptions into `s`.
 */
const KEYS: { readonly [Name in keyof Decision]-?: string } = {
  formatVersion: 'v',
  id: 'id',
  decidedAt: 't',
  inventoryRevision: 'r',
  actionTaken: 'a',
  grantedCategories: 'c',
  serviceExceptions: 'x',
  shownServices: 's',
  noticeLang: 'l',
  gpcPresent: 'g',
  answered: 'p',
  inventoryFingerprint: 'h',
  noticeFingerprint: 'n',
  consentModeTypes: 'm',
};
const NAMES = Object.keys(KEYS) as (keyof Decision)[];

/**
 * Serialises a decision with a checksum (`k`) over its content, so a hand-edited cookie is noticed.
 * The checksum is no signature: it keeps out accidents and casual edits, not a determined visitor,
 * who is deciding about their own browser anyway.
 *
 * The shown services and the exceptions go as one letter per service of the inventory (ids sorted), after the
 * fingerprint of its service list (`"s":"1f2e3d4c:--0-"`), instead of lists of ids: a decision
 * about 1,000 services still fits in a cookie (about 1.2 KB), and one about 10 takes 20 letters.
 * @param inventoryIds - the inventory's service ids
 */
export function encodeDecision(decision: Decision, inventoryIds: readonly string[]): string {
  const serviceIds = sorted(inventoryIds);
  const { serviceExceptions, shownServices } = decision;
  const letters = serviceIds
    .map((id) => STATES[shownServices.includes(id) ? (Object.hasOwn(serviceExceptions, id) ? 2 + serviceExceptions[id]! : 1) : 0])
    .join('');
  // An absent field is undefined here, which JSON leaves out.
  const wire = Object.fromEntries(NAMES.map((name) => [KEYS[name], decision[name]]));
  const body = JSON.stringify({ ...wire, x: undefined, s: servicesHash(serviceIds) + ':' + letters });
  return body.slice(0, -1) + ',"k":"' + hashString(body) + '"}';
}

/**
 * Reads a cookie value back. Anything unexpected (garbage, wrong types, unknown format version, a
 * checksum that does not match) yields null, which the caller treats as "no decision". Never throws.
 * A decision made on another list of services (one added or removed since; a move does not count) comes back with
 * no service shown, so none is granted and the banner asks again; as it does without `serviceIds`
 * (a remote inventory not yet arrived), which is enough for the Consent Mode replay.
 * @param inventoryIds - the inventory's service ids, as written in it
 */
export function decodeDecision(text: string | null | undefined, inventoryIds: readonly unknown[] = []): Decision | null {
  if (!text || text.length > 4096) return null;
  const serviceIds = sorted(inventoryIds);
  try {
    // Not an object (`5`, `null`): reading `k` throws, and the catch says no decision.
    const raw = parseData(text) as Record<string, unknown>;
    const k: unknown = raw.k;
    delete raw.k;
    // Every field an own property, undefined where the cookie has none: nothing a script added to
    // `Object.prototype` can pass for one.
    const decision = Object.fromEntries(NAMES.map((name) => [name, raw[KEYS[name]]])) as Unchecked;
    const compact = typeof decision.shownServices == 'string' ? /^([0-9a-f]{8}):([.01-]*)$/.exec(decision.shownServices) : null;
    if (compact) {
      const shown: string[] = [];
      const exceptions: Record<string, 0 | 1> = {};
      if (compact[1] == servicesHash(serviceIds) && compact[2]!.length == serviceIds.length)
        serviceIds.forEach((id, i) => {
          const state = STATES.indexOf(compact[2]![i]!);
          if (state) shown.push(id);
          if (state > 1) exceptions[id] = (state - 2) as 0 | 1;
        });
      decision.shownServices = shown;
      decision.serviceExceptions = exceptions;
    }
    const exceptions = decision.serviceExceptions;
    // Version 1 wrote lists of ids; version 2 letters.
    return (compact ? decision.formatVersion === DECISION_VERSION : decision.formatVersion === 1) &&
      isText(decision.id, CONSENT_ID) &&
      [decision.decidedAt, decision.inventoryRevision].every(Number.isInteger) &&
      ACTIONS.includes(decision.actionTaken) &&
      typeof exceptions == 'object' &&
      !!exceptions &&
      !Array.isArray(exceptions) &&
      [decision.grantedCategories, decision.shownServices, Object.keys(exceptions)].every(isIdList) &&
      Object.values(exceptions).every(isFlag) &&
      typeof decision.noticeLang == 'string' &&
      decision.noticeLang.length < 36 &&
      isFlag(decision.gpcPresent) &&
      // Consent Mode types and `answered` are optional: an absent one passes as the empty list and as 1.
      isText(decision.consentModeTypes ?? '', /^[0-6]{0,7}$/) &&
      (decision.answered ?? 1) === 1 &&
      (decision.inventoryFingerprint == null || isText(decision.inventoryFingerprint, HASH)) &&
      (decision.noticeFingerprint == null || isText(decision.noticeFingerprint, HASH)) &&
      k === hashString(JSON.stringify(raw))
      ? (decision as Decision)
      : null;
  } catch {
    return null;
  }
}
