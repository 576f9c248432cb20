import { ClientKeys } from './client-keys.js';
import { createLogApp } from './create-log-app.js';
import { openConsentStore } from './open-consent-store.js';
import { scheduleRetention } from './schedule-retention.js';
import type { SqliteSync } from './sqlite-store.js';

export interface LogServerOptions {
  /** A SQLite file path, or a `postgres://` URL. */
  db: string;
  /** SQLite only: `normal` (default) survives kill -9; `full` also fsyncs every commit, to survive a power loss. */
  sqliteSync?: SqliteSync;
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Origins allowed to post records; none allows every origin. */
  origins?: readonly string[];
  /** With `origins`: accept posts without an Origin header too. */
  allowNoOrigin?: boolean;
  /** Bearer token of the read side (at least 16 characters); without one the read side answers 503. */
  token?: string;
  /** Records received longer ago than this are deleted (hourly); 0 keeps them forever. Default 400. */
  retentionDays?: number;
  /** Requests per minute per client; 0 turns it off. Default 600. */
  rateLimit?: number;
  /** Take client addresses from X-Forwarded-For (behind a reverse proxy or load balancer). */
  trustProxy?: boolean;
  /** Log level (pino's), or false for no logs. Default 'info'. */
  logLevel?: string | false;
  /** Where the JSON log lines go. Default stdout. */
  logStream?: { write(line: string): void };
}

export interface LogServer {
  /** Base URL, e.g. `http://127.0.0.1:8787`; records go to `${url}/records`. */
  url: string;
  /** Stops accepting, finishes the requests in flight, commits and closes the database. */
  close(): Promise<void>;
}

/** How long a shutdown waits for the requests in flight. */
const SHUTDOWN_GRACE_MS = 10_000;

export const DEFAULTS = { db: './consent.sqlite', port: 8787, host: '127.0.0.1', retentionDays: 400, rateLimit: 600 } as const;

/** Opens the database and starts the consent-log service; resolves once it listens. */
export async function startLogServer(options: LogServerOptions): Promise<LogServer> {
  const store = await openConsentStore(options.db, { sqliteSync: options.sqliteSync ?? 'normal' });
  const clientKeys = new ClientKeys();
  const logLevel = options.logLevel ?? 'info';
  let app;
  try {
    app = await createLogApp({
      store,
      origins: options.origins ?? [],
      allowNoOrigin: options.allowNoOrigin ?? false,
      token: options.token,
      rateLimit: options.rateLimit ?? DEFAULTS.rateLimit,
      clientKeys,
      trustProxy: options.trustProxy ?? false,
      logger: logLevel === false ? false : { level: logLevel, ...(options.logStream ? { stream: options.logStream } : {}) },
    });
    await app.listen({ port: options.port ?? DEFAULTS.port, host: options.host ?? DEFAULTS.host });
  } catch (error) {
    clientKeys.stop();
    await app?.close();
    await store.close();
    throw error;
  }
  const retention = scheduleRetention(store, options.retentionDays ?? DEFAULTS.retentionDays, app.log);
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const host = options.host ?? DEFAULTS.host;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  app.log.info(
    { url, db: store.kind, origins: options.origins?.length ? options.origins : 'any', readSide: Boolean(options.token) },
    'consent-log service listening',
  );
  if (!options.origins?.length) app.log.warn('no --origin given: records are accepted from every origin');
  if (!options.token) app.log.warn('no --token or CRUMBS_LOG_TOKEN: the read side is off (answers 503)');

  let closing: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closing ??= (async () => {
        await retention.stop();
        clientKeys.stop();
        // In-flight requests get this long to finish; then their connections are cut.
        const deadline = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        deadline.unref();
        await app.close();
        clearTimeout(deadline);
        await store.close();
        app.log.info('consent-log service stopped');
      })()),
  };
}
