import { hashString } from '../hash';
import { DECISION_VERSION, type Decision } from './decision';

const ACTIONS = ['accept-all', 'reject-all', 'save', 'revoke', 'embed'];
const ID = /^[\w-]{1,64}$/;
const CONSENT_ID = /^[\w-]{8,64}$/;

const isIdList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.length <= 500 && value.every((id) => typeof id == 'string' && ID.test(id));

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
    const { k, ...decision } = JSON.parse(text) as Decision & { k?: unknown };
    const d = decision as Decision;
    const valid =
      d.v === DECISION_VERSION &&
      CONSENT_ID.test(d.id) &&
      Number.isInteger(d.t) &&
      Number.isInteger(d.r) &&
      ACTIONS.includes(d.a) &&
      isIdList(d.c) &&
      isIdList(d.s) &&
      typeof d.x == 'object' &&
      !Array.isArray(d.x) &&
      isIdList(Object.keys(d.x)) &&
      Object.values(d.x).every((flag) => flag === 0 || flag === 1) &&
      typeof d.l == 'string' &&
      d.l.length < 36 &&
      (d.g === 0 || d.g === 1) &&
      (d.m == null || /^[0-6]{0,7}$/.test(d.m)) &&
      (d.p == null || d.p === 1) &&
      (d.h == null || /^[0-9a-f]{8}$/.test(d.h)) &&
      k === hashString(JSON.stringify(d));
    return valid ? d : null;
  } catch {
    return null;
  }
}
