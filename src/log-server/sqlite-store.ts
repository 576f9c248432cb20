import type { Database as SqliteDatabase, Statement } from 'better-sqlite3';
import type { ConsentStore, ExportCursor, StoredNotice, StoredRecord } from './consent-store.js';
import type { ConsentRecord } from './record-schema.js';
import { startCheckpointer, type Checkpointer } from './sqlite-checkpointer.js';

/** How often the WAL is checkpointed (see sqlite-checkpointer.ts). */
const CHECKPOINT_EVERY_MS = 1000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS consent_records (
  record_id   TEXT PRIMARY KEY,
  consent_id  TEXT NOT NULL,
  time_ms     INTEGER NOT NULL,
  received_ms INTEGER NOT NULL,
  notice_hash TEXT NOT NULL,
  record      TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_records_consent_id ON consent_records (consent_id, time_ms);
CREATE INDEX IF NOT EXISTS consent_records_time ON consent_records (time_ms, record_id);
CREATE INDEX IF NOT EXISTS consent_records_received ON consent_records (received_ms);
CREATE TRIGGER IF NOT EXISTS consent_records_append_only BEFORE UPDATE ON consent_records
BEGIN SELECT RAISE(ABORT, 'consent records are append-only'); END;
CREATE TABLE IF NOT EXISTS notices (
  notice_hash TEXT PRIMARY KEY,
  snapshot    TEXT NOT NULL,
  received_ms INTEGER NOT NULL
);
`;

const SELECT = `SELECT r.record, r.received_ms,
  EXISTS (SELECT 1 FROM notices n WHERE n.notice_hash = r.notice_hash) AS notice_known
  FROM consent_records r`;

interface Row {
  record: string;
  received_ms: number;
  notice_known: number;
}

const toStored = (row: Row): StoredRecord => ({
  ...(JSON.parse(row.record) as ConsentRecord),
  receivedAt: new Date(row.received_ms).toISOString(),
  noticeKnown: row.notice_known === 1,
});

interface Pending {
  record: ConsentRecord;
  receivedMs: number;
  resolve(stored: boolean): void;
  reject(error: unknown): void;
}

/**
 * How SQLite makes a commit durable (PRAGMA synchronous, in WAL mode):
 * - `normal` (default): a commit is written to the WAL file before it returns, and the WAL is
 *   fsynced at checkpoints. An acknowledged record survives the process being killed (kill -9, a
 *   crash, an OOM kill); a power loss or kernel crash may lose the records of the last moments
 *   before it (never the database's consistency).
 * - `full`: every commit also waits for an fsync of the WAL; an acknowledged record survives a power
 *   loss too, as far as the disk honours fsync. Costs throughput and tail latency (measured in
 *   docs/log-server.md), since better-sqlite3 waits for the fsync on the event loop.
 */
export type SqliteSync = 'normal' | 'full';

/**
 * Consent records in one SQLite file (better-sqlite3), created on first use, in WAL mode.
 *
 * Appends are group-committed: every record that arrives while the event loop is busy is inserted
 * in one transaction on the next turn, and all of them are acknowledged after that one commit. One
 * commit (and, with `full`, one fsync) per batch instead of per record is what lets one process take
 * thousands of records a second.
 */
export class SqliteStore implements ConsentStore {
  readonly kind = 'sqlite';
  private pending: Pending[] = [];
  private readonly insert: Statement;
  private readonly commitBatch: (batch: Pending[]) => boolean[];
  private readonly byConsentId: Statement;
  private readonly page: Statement;
  private readonly pageAfter: Statement;

  private constructor(
    private readonly db: SqliteDatabase,
    private readonly checkpointer: Checkpointer,
  ) {
    this.insert = db.prepare(
      `INSERT INTO consent_records (record_id, consent_id, time_ms, received_ms, notice_hash, record)
       VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (record_id) DO NOTHING`,
    );
    this.commitBatch = db.transaction((batch: Pending[]) =>
      batch.map(({ record: r, receivedMs }) =>
        this.insert.run(r.recordId, r.id, Date.parse(r.time), receivedMs, r.noticeHash, JSON.stringify(r)).changes === 1,
      ),
    );
    this.byConsentId = db.prepare(`${SELECT} WHERE r.consent_id = ? ORDER BY r.time_ms, r.received_ms, r.record_id`);
    const range = `${SELECT} WHERE r.time_ms >= ? AND r.time_ms < ?`;
    this.page = db.prepare(`${range} ORDER BY r.time_ms, r.record_id LIMIT ?`);
    this.pageAfter = db.prepare(`${range} AND (r.time_ms, r.record_id) > (?, ?) ORDER BY r.time_ms, r.record_id LIMIT ?`);
  }

  /** Opens (and creates when missing) the database file. better-sqlite3 is an optional dependency, loaded here. */
  static async open(file: string, sync: SqliteSync = 'normal'): Promise<SqliteStore> {
    let Database: typeof import('better-sqlite3');
    try {
      Database = (await import('better-sqlite3')).default;
    } catch (error) {
      throw new Error(`SQLite needs the better-sqlite3 package (npm install better-sqlite3): ${(error as Error).message}`);
    }
    const db = new Database(file);
    try {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${sync === 'full' ? 'FULL' : 'NORMAL'}`);
      // Two processes on one file (a restart overlapping the old one) wait for each other's writes.
      db.pragma('busy_timeout = 5000');
      // Checkpoints run in a worker (sqlite-checkpointer.ts), never inside a commit on the event loop.
      db.pragma('wal_autocheckpoint = 0');
      db.exec(SCHEMA);
    } catch (error) {
      db.close();
      throw error;
    }
    const checkpointer = startCheckpointer(file, CHECKPOINT_EVERY_MS, (message) =>
      process.emitWarning(`SQLite checkpoint failed: ${message}`),
    );
    return new SqliteStore(db, checkpointer);
  }

  append(record: ConsentRecord, receivedAt: Date): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.pending.push({ record, receivedMs: receivedAt.getTime(), resolve, reject });
      if (this.pending.length === 1) setImmediate(this.flush);
    });
  }

  /** Commits every pending record in one transaction, then settles their promises. */
  private readonly flush = (): void => {
    const batch = this.pending;
    if (!batch.length) return;
    this.pending = [];
    let stored: boolean[];
    try {
      stored = this.commitBatch(batch);
    } catch (error) {
      for (const p of batch) p.reject(error);
      return;
    }
    batch.forEach((p, i) => p.resolve(stored[i]!));
  };

  async history(consentId: string): Promise<StoredRecord[]> {
    return (this.byConsentId.all(consentId) as Row[]).map(toStored);
  }

  async exportPage(from: Date, to: Date, cursor: ExportCursor | undefined, limit: number): Promise<StoredRecord[]> {
    const rows = cursor
      ? this.pageAfter.all(from.getTime(), to.getTime(), cursor.timeMs, cursor.recordId, limit)
      : this.page.all(from.getTime(), to.getTime(), limit);
    return (rows as Row[]).map(toStored);
  }

  async putNotice(noticeHash: string, snapshot: string, receivedAt: Date): Promise<boolean> {
    const result = this.db
      .prepare('INSERT INTO notices (notice_hash, snapshot, received_ms) VALUES (?, ?, ?) ON CONFLICT (notice_hash) DO NOTHING')
      .run(noticeHash, snapshot, receivedAt.getTime());
    return result.changes === 1;
  }

  async getNotice(noticeHash: string): Promise<StoredNotice | undefined> {
    const row = this.db.prepare('SELECT snapshot, received_ms FROM notices WHERE notice_hash = ?').get(noticeHash) as
      | { snapshot: string; received_ms: number }
      | undefined;
    return row && { noticeHash, snapshot: row.snapshot, receivedAt: new Date(row.received_ms).toISOString() };
  }

  async deleteReceivedBefore(cutoff: Date): Promise<number> {
    return this.db.prepare('DELETE FROM consent_records WHERE received_ms < ?').run(cutoff.getTime()).changes;
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.flush();
    await this.checkpointer.stop();
    this.db.close();
  }
}
