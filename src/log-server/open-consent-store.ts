import type { ConsentStore } from './consent-store.js';
import { PostgresStore } from './postgres-store.js';
import { SqliteStore, type SqliteSync } from './sqlite-store.js';

/** Whether `--db` names a PostgreSQL database rather than a SQLite file. */
export const isPostgresUrl = (db: string): boolean => /^postgres(ql)?:\/\//i.test(db);

/**
 * Opens the store `--db` names: a `postgres://` or `postgresql://` URL, or else a SQLite file path
 * (`sqliteSync` applies to SQLite only).
 */
export function openConsentStore(db: string, { sqliteSync }: { sqliteSync?: SqliteSync } = {}): Promise<ConsentStore> {
  return isPostgresUrl(db) ? PostgresStore.open(db) : SqliteStore.open(db, sqliteSync);
}
