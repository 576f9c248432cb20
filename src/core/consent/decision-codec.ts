import { hashString } from '../hash';
import { parseData } from '../parse-data';
import { DECISION_VERSION, type Decision } from './decision';

const ACTIONS = ['accept-all', 'reject-all', 'save', 'revoke', 'embed'];
const ID = /^[\w-]{1,64}$/;
const CONSENT_ID = /^[\w-]{8,64}$/;
// One letter per service of the inventory, in its order: not shown, shown (follows its category),
// shown and denied, shown and granted (an exception to the category).
const STATES = '.-01';

const isIdList = (value: unknown) =>
  Array.isArray(value) && value.length <= 4096 && value.every((id) => typeof id == 'string' && ID.test(id));
const isFlag = (value: unknown) => value === 0 || value === 1;
/** The fingerprint of an inventory's service list: the services a compact decision refers to. */
const servicesHash = (serviceIds: readonly unknown[]) => hashString(serviceIds.join(' '));
/** Sorted: moving a service within the inventory changes nothing the visitor was asked about. */
const sorted = (serviceIds: readonly unknown[]) => [...serviceIds].sort() as string[];

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
  const { x, ...rest } = decision;
  const letters = serviceIds.map((id) => STATES[decision.s.includes(id) ? (Object.hasOwn(x, id) ? 2 + x[id]! : 1) : 0]).join('');
  const body = JSON.stringify({ ...rest, s: servicesHash(serviceIds) + ':' + letters });
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
export function decodeDecision(text: string | undefined, inventoryIds: readonly unknown[] = []): Decision | null {
  if (!text || text.length > 4096) return null;
  const serviceIds = sorted(inventoryIds);
  try {
    const parsed = parseData(text);
    const k: unknown = parsed.k;
    delete parsed.k;
    const raw: Omit<Decision, 's'> & { s?: unknown } = parsed;
    const compact = /^([0-9a-f]{8}):([.01-]*)$/.exec(raw.s as string);
    let decision = raw as Decision;
    if (compact) {
      const s: string[] = [];
      const x: Record<string, 0 | 1> = {};
      if (compact[1] == servicesHash(serviceIds) && compact[2]!.length == serviceIds.length)
        serviceIds.forEach((id, i) => {
          const state = STATES.indexOf(compact[2]![i]!);
          if (state) s.push(id as string);
          if (state > 1) x[id as string] = (state - 2) as 0 | 1;
        });
      decision = Object.setPrototypeOf({ ...raw, s, x }, null);
    }
    // Object.keys and Object.values throw on a null `x`: the catch makes that "no decision" too.
    // Version 1 wrote lists of ids; version 2 letters.
    return (compact ? decision.v === DECISION_VERSION : decision.v === 1) &&
      CONSENT_ID.test(decision.id) &&
      [decision.t, decision.r].every(Number.isInteger) &&
      ACTIONS.includes(decision.a) &&
      [decision.c, decision.s, Object.keys(decision.x)].every(isIdList) &&
      typeof decision.x == 'object' &&
      !Array.isArray(decision.x) &&
      Object.values(decision.x).every(isFlag) &&
      typeof decision.l == 'string' &&
      decision.l.length < 36 &&
      isFlag(decision.g) &&
      // `m` and `p` are optional: an absent one passes as the empty list and as 1.
      /^[0-6]{0,7}$/.test(decision.m ?? '') &&
      (decision.p ?? 1) === 1 &&
      (decision.h == null || /^[0-9a-f]{8}$/.test(decision.h)) &&
      (decision.n == null || /^[0-9a-f]{8}$/.test(decision.n)) &&
      k === hashString(JSON.stringify(raw))
      ? decision
      : null;
  } catch {
    return null;
  }
}
