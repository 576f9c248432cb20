import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
export const BIN = join(root, 'bin/crumbs-consent.mjs');
const BUILT = join(root, 'dist/log-server/cli.js');

/** Fails when dist/log-server/cli.js is missing or older than a source file: the CLI tests run the build. */
export function assertBuilt(): void {
  const source = join(root, 'src/log-server');
  const newest = Math.max(...readdirSync(source).map((f) => statSync(join(source, f)).mtimeMs));
  if (!existsSync(BUILT) || statSync(BUILT).mtimeMs < newest)
    throw new Error('dist/log-server/cli.js is missing or older than src/log-server: run `node build.mjs` first');
}

export interface RunningServer {
  child: ChildProcess;
  url: string;
  /** Every log line (parsed JSON) and stderr text so far. */
  logs: Record<string, unknown>[];
  stderr: string[];
  /** Resolves with the exit code (or signal) once the process ended. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** Starts `node bin/crumbs-consent.mjs log-server ...args` and resolves with its URL once it listens. */
export function spawnLogServer(args: string[], env: NodeJS.ProcessEnv = {}): Promise<RunningServer> {
  const child = spawn(process.execPath, [BIN, 'log-server', '--port', '0', ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  child.stderr!.setEncoding('utf8').on('data', (text: string) => stderr.push(text));
  return new Promise((resolve, reject) => {
    // Every line is read, so that a busy server never blocks on a full pipe.
    createInterface({ input: child.stdout! }).on('line', (line) => {
      let entry: Record<string, unknown>;
      try {
        entry = JSON.parse(line);
      } catch {
        entry = { text: line };
      }
      logs.push(entry);
      if (entry.msg === 'consent-log service listening') resolve({ child, url: entry.url as string, logs, stderr, exited });
    });
    void exited.then(({ code, signal }) => reject(new Error(`log-server exited (${code ?? signal}) before listening: ${stderr.join('')}`)));
  });
}
