import type { FastifyBaseLogger } from 'fastify';
import type { ConsentStore } from './consent-store.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const HOUR_MS = 60 * 60 * 1000;

export interface Retention {
  /** Deletes the records past retention now; resolves with how many. */
  runNow(): Promise<number>;
  /** Stops the schedule and waits for a run in progress. */
  stop(): Promise<void>;
}

/**
 * Deletes records received more than `days` days ago: once at start, then every hour. Counted from
 * `receivedAt` (the server's clock), not from the record's own `time`. `days` 0 keeps records forever.
 */
export function scheduleRetention(
  store: ConsentStore,
  days: number,
  log: FastifyBaseLogger,
  { everyMs = HOUR_MS, now = () => Date.now() }: { everyMs?: number; now?: () => number } = {},
): Retention {
  let running: Promise<number> | undefined;
  const runNow = (): Promise<number> => {
    if (days <= 0) return Promise.resolve(0);
    running ??= store
      .deleteReceivedBefore(new Date(now() - days * DAY_MS))
      .then((deleted) => {
        if (deleted) log.info({ deleted, retentionDays: days }, 'retention: deleted old consent records');
        return deleted;
      })
      .catch((error: unknown) => {
        log.error({ err: error }, 'retention: could not delete old consent records');
        return 0;
      })
      .finally(() => (running = undefined));
    return running;
  };
  const timer = days > 0 ? setInterval(runNow, everyMs) : undefined;
  timer?.unref();
  if (days > 0) void runNow();
  return {
    runNow,
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
