export interface PostgresCluster {
  /** URL of the cluster's `postgres` database (user postgres, trust authentication). */
  url: string;
  port: number;
  dir: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(name: string): Promise<string>;
  /** Stops the server and removes its folder. */
  stop(): Promise<void>;
}
export function findPostgresBin(): string;
export function freePort(): Promise<number>;
export function startPostgresCluster(options?: { fsync?: boolean; maxConnections?: number }): Promise<PostgresCluster>;
