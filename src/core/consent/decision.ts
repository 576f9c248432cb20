import type { ConsentAction } from '../../types';

/**
 * A decision as the engine holds it. The consent cookie stores it under one-letter keys, because
 * every byte of the cookie travels with every request to the site; only `decision-codec` knows them.
 * The browser build shortens these field names (scripts/internal-names.mjs reads them from here),
 * except those a public type or a DOM API also uses (`id`): a new field is shortened by itself
 * when its name is not one of those.
 */
export interface Decision {
  /** Format version. */
  readonly formatVersion: number;
  /** Random consent id. */
  readonly id: string;
  /** Decision time, seconds since the epoch. */
  readonly decidedAt: number;
  /** Inventory revision. */
  readonly inventoryRevision: number;
  /** Action. */
  readonly actionTaken: ConsentAction;
  /** Granted optional category ids. */
  readonly grantedCategories: readonly string[];
  /** Per-service exceptions (1 granted, 0 denied). */
  readonly serviceExceptions: { readonly [serviceId: string]: 0 | 1 };
  /** Ids of the services shown to the visitor. */
  readonly shownServices: readonly string[];
  /** Language of the notice. */
  readonly noticeLang: string;
  /** GPC signal present when deciding (1) or not (0). */
  readonly gpcPresent: 0 | 1;
  /**
   * Granted Consent Mode types as indexes into the fixed type list (`"3"` = analytics_storage),
   * present when Consent Mode is on. Lets `crumbs.js` replay the decision to Google tags before a
   * remote inventory has arrived.
   */
  readonly consentModeTypes?: string;
  /**
   * 1 when the visitor answered the banner or the dialog. Absent after an "always allow" on a
   * placeholder alone: that decides about one service, and the banner still asks about the rest.
   */
  readonly answered?: 1;
  /**
   * Fingerprint of the inventory the decision was made with. While the page serves that same
   * inventory, this browser has validated it already, and `crumbs.js` does not fetch the validator.
   */
  readonly inventoryFingerprint?: string;
  /**
   * Fingerprint of the notice the decision was given on (see `noticeFingerprint`): when the
   * inventory's consent-relevant content changes, the decision no longer counts. Absent in cookies
   * written before it existed, which then count as before.
   */
  readonly noticeFingerprint?: string;
}

/**
 * The cookie format this version writes: 2 stores the shown services and exceptions as letters
 * (see `encodeDecision`). Version 1, with lists of ids, is still read.
 */
export const DECISION_VERSION = 2;
