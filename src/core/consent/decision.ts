import type { ConsentAction } from '../../types';

/**
 * A decision as stored in the consent cookie. Keys are one letter because every byte of the cookie
 * travels with every request to the site.
 */
export interface Decision {
  /** Format version. */
  readonly v: number;
  /** Random consent id. */
  readonly id: string;
  /** Decision time, seconds since the epoch. */
  readonly t: number;
  /** Inventory revision. */
  readonly r: number;
  /** Action. */
  readonly a: ConsentAction;
  /** Granted optional category ids. */
  readonly c: readonly string[];
  /** Per-service exceptions (1 granted, 0 denied). */
  readonly x: { readonly [serviceId: string]: 0 | 1 };
  /** Ids of the services shown to the visitor. */
  readonly s: readonly string[];
  /** Language of the notice. */
  readonly l: string;
  /** GPC signal present when deciding (1) or not (0). */
  readonly g: 0 | 1;
  /**
   * Granted Consent Mode types as indexes into the fixed type list (`"3"` = analytics_storage),
   * present when Consent Mode is on. Lets `crumbs.js` replay the decision to Google tags before a
   * remote inventory has arrived.
   */
  readonly m?: string;
  /**
   * 1 when the visitor answered the banner or the dialog. Absent after an "always allow" on a
   * placeholder alone: that decides about one service, and the banner still asks about the rest.
   */
  readonly p?: 1;
  /**
   * Fingerprint of the inventory the decision was made with. While the page serves that same
   * inventory, this browser has validated it already, and `crumbs.js` does not fetch the validator.
   */
  readonly h?: string;
  /**
   * Fingerprint of the notice the decision was given on (see `noticeFingerprint`): when the
   * inventory's consent-relevant content changes, the decision no longer counts. Absent in cookies
   * written before it existed, which then count as before.
   */
  readonly n?: string;
}

/**
 * The cookie format this version writes: 2 stores the shown services and exceptions as letters
 * (see `encodeDecision`). Version 1, with lists of ids, is still read.
 */
export const DECISION_VERSION = 2;
