import type { ConsentRecord } from './record-schema.js';

/** A record as the read side returns it: what the widget sent, when it arrived, and whether its notice is on file. */
export interface StoredRecord extends ConsentRecord {
  /** Server time the record was stored, ISO 8601 UTC. */
  receivedAt: string;
  /** Whether the server holds the notice snapshot the record's `noticeHash` stands for (`POST /notices`). */
  noticeKnown: boolean;
}

/** A notice snapshot on file. */
export interface StoredNotice {
  noticeHash: string;
  snapshot: string;
  receivedAt: string;
}

/** Where an export page ends: the next page starts after this record (records are ordered by time, then record id). */
export interface ExportCursor {
  timeMs: number;
  recordId: string;
}

/**
 * Where consent records and notice snapshots live. Append-only: records are inserted once and
 * deleted only by retention; nothing updates them.
 */
export interface ConsentStore {
  readonly kind: 'sqlite' | 'postgres';
  /**
   * Stores a record unless one with its `recordId` is stored already. Resolves only once the record
   * is committed durably (the caller acknowledges it then), with `true` when it was new.
   */
  append(record: ConsentRecord, receivedAt: Date): Promise<boolean>;
  /** Every record of one consent id, oldest first. */
  history(consentId: string): Promise<StoredRecord[]>;
  /** Up to `limit` records with `from <= time < to`, ordered by time then record id, after `cursor`. */
  exportPage(from: Date, to: Date, cursor: ExportCursor | undefined, limit: number): Promise<StoredRecord[]>;
  /** Stores a notice snapshot unless its hash is on file; `true` when it was new. */
  putNotice(noticeHash: string, snapshot: string, receivedAt: Date): Promise<boolean>;
  getNotice(noticeHash: string): Promise<StoredNotice | undefined>;
  /** Deletes the records received before `cutoff`; resolves with how many. */
  deleteReceivedBefore(cutoff: Date): Promise<number>;
  /** Rejects when the database cannot be reached. */
  ping(): Promise<void>;
  /** Commits what is pending and closes the database. */
  close(): Promise<void>;
}

/** The export cursor of a record returned by `exportPage`. */
export const cursorOf = (record: StoredRecord): ExportCursor => ({ timeMs: Date.parse(record.time), recordId: record.recordId });
