import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

// Runs in the worker, as CommonJS: its own connection to the database file, checkpointing on a timer.
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file);
db.pragma('busy_timeout = 5000');
const checkpoint = () => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch (error) {
    parentPort.postMessage({ error: String(error) });
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.on('message', () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.postMessage({ stopped: true });
  parentPort.close();
});
`;

export interface Checkpointer {
  /** Runs a last checkpoint, closes the worker's connection and ends the worker. */
  stop(): Promise<void>;
}

/**
 * Copies the WAL into the database file (a SQLite checkpoint) from a worker thread, every
 * `everyMs`. SQLite's automatic checkpoint would run inside a commit on the event loop and hold every
 * request up while it fsyncs (measured: p99 above 100 ms on this machine); a PASSIVE checkpoint on
 * another connection runs beside the writer without blocking it. With `synchronous = NORMAL` it is
 * also what makes committed records durable against a power loss, so `everyMs` bounds what one
 * could lose.
 */
export function startCheckpointer(file: string, everyMs: number, onError: (message: string) => void): Checkpointer {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, file, everyMs } });
  worker.unref();
  const stopped = new Promise<void>((resolve) => {
    worker.on('message', (message: { error?: string; stopped?: boolean }) => {
      if (message.error) onError(message.error);
      if (message.stopped) resolve();
    });
    worker.once('error', (error) => {
      onError(String(error));
      resolve();
    });
    worker.once('exit', () => resolve());
  });
  return {
    async stop() {
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}
