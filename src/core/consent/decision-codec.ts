import { hashString } from '../hash';
import { DECISION_VERSION, type Decision } from './decision';

const ACTIONS = ['accept-all', 'reject-all', 'save', 'revoke', 'embed'];
const ID = /^[\w-]{1,64}$/;
const CONSENT_ID = /^[\w-]{8,64}$/;

const isIdList = (value: unknown) =>
  Array.isArray(value) && value.length <= 500 && value.every((id) => typeof id == 'string' && ID.test(id));
const isFlag = (value: unknown) => value === 0 || value === 1;

/**
 * Serialises a decision with a checksum (`k`) over its content, so a hand-edited cookie is noticed.
 * The checksum is no signature: it keeps out accidents and casual edits, not a determined visitor,
 * who is deciding about their own browser anyway.
 */
export function encodeDecision(decision: Decision): string {
  const body = JSON.stringify(decision);
  return body.slice(0, -1) + ',"k":"' + hashString(body) + '"}';
}

/**
 * Reads a cookie value back. Anything unexpected (garbage, wrong types, unknown format version, a
 * checksum that does not match) yields null, which the caller treats as "no decision". Never throws.
 */
export function decodeDecision(text: string | undefined): Decision | null {
  if (!text || text.length > 4096) return null;
  try {
    const { k, ...decision }: Decision & { k?: unknown } = JSON.parse(text);
    // Object.keys and Object.values throw on a null `x`: the catch makes that "no decision" too.
    return decision.v === DECISION_VERSION &&
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
      k === hashString(JSON.stringify(decision))
      ? decision
      : null;
  } catch {
    return null;
  }
}
