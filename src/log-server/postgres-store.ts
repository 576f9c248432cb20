import type { Pool } from 'pg';
import type { ConsentStore, ExportCursor, StoredNotice, StoredRecord } from './consent-store.js';
import type { ConsentRecord } from './record-schema.js';

// `record` is json, not jsonb: it keeps the record's text as stored, key order included.
const SCHEMA = `
CREATE TABLE IF NOT EXISTS consent_records (
  record_id   uuid PRIMARY KEY,
  consent_id  uuid NOT NULL,
  time        timestamptz NOT NULL,
  received_at timestamptz NOT NULL,
  notice_hash text NOT NULL,
  record      json NOT NULL
);
CREATE INDEX IF NOT EXISTS consent_records_consent_id ON consent_records (consent_id, time);
CREATE INDEX IF NOT EXISTS consent_records_time ON consent_records (time, record_id);
CREATE INDEX IF NOT EXISTS consent_records_received ON consent_records (received_at);
CREATE OR REPLACE FUNCTION crumbs_consent_records_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'consent records are append-only'; END $$;
DROP TRIGGER IF EXISTS consent_records_append_only ON consent_records;
CREATE TRIGGER consent_records_append_only BEFORE UPDATE ON consent_records
  FOR EACH ROW EXECUTE FUNCTION crumbs_consent_records_append_only();
CREATE TABLE IF NOT EXISTS notices (
  notice_hash text PRIMARY KEY,
  snapshot    text NOT NULL,
  received_at timestamptz NOT NULL
);
`;

// Any fixed number: servers starting together on one database create the schema one at a time.
const SCHEMA_LOCK = 0x63727562;

const SELECT = `SELECT r.record, r.received_at,
  EXISTS (SELECT 1 FROM notices n WHERE n.notice_hash = r.notice_hash) AS notice_known
  FROM consent_records r`;

interface Row {
  record: ConsentRecord;
  received_at: Date;
  notice_known: boolean;
}

const toStored = (row: Row): StoredRecord => ({
  ...row.record,
  receivedAt: row.received_at.toISOString(),
  noticeKnown: row.notice_known,
});

/**
 * Consent records in PostgreSQL (pg's Pool). The tables are created when missing, so any number of
 * stateless servers can share one database. Each append is its own committed statement: with
 * PostgreSQL's default `synchronous_commit = on` it returns after the commit reached the WAL on disk
 * (PostgreSQL group-commits concurrent transactions itself).
 */
export class PostgresStore implements ConsentStore {
  readonly kind = 'postgres';

  private constructor(private readonly pool: Pool) {}

  /** Connects and creates the tables when missing. pg is an optional dependency, loaded here. */
  static async open(url: string, poolSize = 10): Promise<PostgresStore> {
    let PgPool: typeof Pool;
    try {
      PgPool = (await import('pg')).default.Pool;
    } catch (error) {
      throw new Error(`PostgreSQL needs the pg package (npm install pg): ${(error as Error).message}`);
    }
    const pool = new PgPool({ connectionString: url, max: poolSize });
    // An idle client that loses its connection must not crash the process; the next query reconnects.
    pool.on('error', () => {});
    try {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query('SELECT pg_advisory_xact_lock($1)', [SCHEMA_LOCK]);
        await client.query(SCHEMA);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end();
      throw error;
    }
    return new PostgresStore(pool);
  }

  async append(record: ConsentRecord, receivedAt: Date): Promise<boolean> {
    const result = await this.pool.query(
      `INSERT INTO consent_records (record_id, consent_id, time, received_at, notice_hash, record)
       VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (record_id) DO NOTHING`,
      [record.recordId, record.id, new Date(Date.parse(record.time)), receivedAt, record.noticeHash, JSON.stringify(record)],
    );
    return result.rowCount === 1;
  }

  async history(consentId: string): Promise<StoredRecord[]> {
    const { rows } = await this.pool.query<Row>(
      `${SELECT} WHERE r.consent_id = $1 ORDER BY r.time, r.received_at, r.record_id`,
      [consentId],
    );
    return rows.map(toStored);
  }

  async exportPage(from: Date, to: Date, cursor: ExportCursor | undefined, limit: number): Promise<StoredRecord[]> {
    const range = `${SELECT} WHERE r.time >= $1 AND r.time < $2`;
    const { rows } = cursor
      ? await this.pool.query<Row>(`${range} AND (r.time, r.record_id) > ($3, $4) ORDER BY r.time, r.record_id LIMIT $5`, [
          from,
          to,
          new Date(cursor.timeMs),
          cursor.recordId,
          limit,
        ])
      : await this.pool.query<Row>(`${range} ORDER BY r.time, r.record_id LIMIT $3`, [from, to, limit]);
    return rows.map(toStored);
  }

  async putNotice(noticeHash: string, snapshot: string, receivedAt: Date): Promise<boolean> {
    const result = await this.pool.query(
      'INSERT INTO notices (notice_hash, snapshot, received_at) VALUES ($1, $2, $3) ON CONFLICT (notice_hash) DO NOTHING',
      [noticeHash, snapshot, receivedAt],
    );
    return result.rowCount === 1;
  }

  async getNotice(noticeHash: string): Promise<StoredNotice | undefined> {
    const { rows } = await this.pool.query<{ snapshot: string; received_at: Date }>(
      'SELECT snapshot, received_at FROM notices WHERE notice_hash = $1',
      [noticeHash],
    );
    const row = rows[0];
    return row && { noticeHash, snapshot: row.snapshot, receivedAt: row.received_at.toISOString() };
  }

  async deleteReceivedBefore(cutoff: Date): Promise<number> {
    const result = await this.pool.query('DELETE FROM consent_records WHERE received_at < $1', [cutoff]);
    return result.rowCount ?? 0;
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  async close(): Promise<void> {
    if (!this.pool.ended) await this.pool.end();
  }
}
