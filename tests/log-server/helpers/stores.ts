import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { ConsentStore } from '../../../src/log-server/consent-store';
import { openConsentStore } from '../../../src/log-server/open-consent-store';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.mjs';

export type StoreKind = 'sqlite' | 'postgres';
export const STORE_KINDS: StoreKind[] = ['sqlite', 'postgres'];

type Cluster = PostgresCluster;

/**
 * Gives a test file fresh databases: a SQLite file in a temporary folder, or a new database on a
 * throw-away PostgreSQL server started once for the file (beforeAll) and removed after it. Without
 * PostgreSQL installed, beforeAll fails and so does every test that needs it, saying what to install.
 */
export function useDatabases() {
  let dir = '';
  let cluster: Cluster | undefined;
  let clusterError: unknown;
  let counter = 0;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'crumbs-log-'));
    try {
      cluster = await startPostgresCluster({ fsync: false });
    } catch (error) {
      clusterError = error;
    }
  }, 60_000);
  afterAll(async () => {
    await cluster?.stop();
    rmSync(dir, { recursive: true, force: true });
  });
  /** The `--db` value of a new, empty database. */
  const database = async (kind: StoreKind): Promise<string> => {
    counter++;
    if (kind === 'sqlite') return join(dir, `consent-${counter}.sqlite`);
    if (!cluster) throw clusterError ?? new Error('PostgreSQL cluster did not start');
    return cluster.createDatabase(`consent_${counter}`);
  };
  /** A new store on a new database; the caller closes it. */
  const store = async (kind: StoreKind): Promise<ConsentStore> => openConsentStore(await database(kind));
  return { database, store };
}
