// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { main, startLogServer } from '../../src/log-server/cli';
import { openConsentStore } from '../../src/log-server/open-consent-store';
import { parseLogServerArgs } from '../../src/log-server/parse-log-server-args';
import { makeRecord, ORIGIN, TOKEN } from './helpers/records';
import { assertBuilt, BIN, spawnLogServer, type RunningServer } from './helpers/spawn-log-server';
import { STORE_KINDS, useDatabases } from './helpers/stores';

// Each test starts services, databases or processes: generous limits for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const databases = useDatabases();
const running: RunningServer[] = [];
afterEach(async () => {
  for (const server of running.splice(0)) {
    server.child.kill('SIGKILL');
    await server.exited;
  }
});
beforeAll(assertBuilt);

const ALL_TIME: [Date, Date] = [new Date(0), new Date(Date.UTC(9999, 0, 1))];

const postRecord = (url: string, record = makeRecord()) =>
  fetch(`${url}/records`, {
    method: 'POST',
    headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN },
    body: JSON.stringify(record),
  });

/**
 * Posts records from `concurrency` parallel senders until `stop()` says so, remembering the id of
 * every record answered 2xx; `onAck` runs after each acknowledgement.
 */
async function load(url: string, concurrency: number, onAck: (acked: Set<string>) => void) {
  const acked = new Set<string>();
  const failures: string[] = [];
  let stopped = false;
  const sender = async () => {
    while (!stopped) {
      const record = makeRecord();
      try {
        const response = await postRecord(url, record);
        await response.arrayBuffer();
        if (response.ok) {
          acked.add(record.recordId);
          onAck(acked);
        } else failures.push(`${response.status}`);
      } catch {
        // the server is gone: this record was never acknowledged
        failures.push('connection');
        return;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, sender));
  return { acked, failures, stop: () => (stopped = true) };
}

describe('log-server options', () => {
  test('reads every option, and the token from CRUMBS_LOG_TOKEN', () => {
    const parsed = parseLogServerArgs(
      ['--db', 'postgres://u@h/db', '--sqlite-sync', 'full', '--port=0', '--host', '::', '--origin', 'https://a.example', '--origin=http://localhost:8080',
        '--allow-no-origin', '--retention-days', '0', '--rate-limit', '120', '--trust-proxy', '--log-level', 'warn'],
      { CRUMBS_LOG_TOKEN: TOKEN },
    );
    expect(parsed).toEqual({
      help: false,
      options: {
        db: 'postgres://u@h/db', sqliteSync: 'full', port: 0, host: '::', origins: ['https://a.example', 'http://localhost:8080'], allowNoOrigin: true,
        retentionDays: 0, rateLimit: 120, trustProxy: true, logLevel: 'warn', token: TOKEN,
      },
    });
    expect(parseLogServerArgs([], {})).toEqual({ help: false, options: { db: './consent.sqlite', origins: [] } });
    expect(parseLogServerArgs(['--token', 'x'.repeat(16)], { CRUMBS_LOG_TOKEN: TOKEN })).toMatchObject({ options: { token: 'x'.repeat(16) } });
  });

  test.each([
    [['--port', 'eighty'], '--port must be a whole number from 0 to 65535'],
    [['--port', '70000'], '--port must be a whole number'],
    [['--port'], '--port needs a value'],
    [['--db', '--port', '1'], '--db needs a value'],
    [['--origin', 'https://a.example/path'], '--origin must be an origin'],
    [['--origin', 'a.example'], '--origin must be an origin'],
    [['--allow-no-origin'], '--allow-no-origin goes with --origin'],
    [['--token', 'short'], 'at least 16 characters'],
    [['--retention-days', '-1'], '--retention-days must be a whole number'],
    [['--rate-limit', '1.5'], '--rate-limit must be a whole number'],
    [['--log-level', 'loud'], '--log-level must be one of'],
    [['--sqlite-sync', 'off'], '--sqlite-sync must be normal or full'],
    [['--trust-proxy=yes'], '--trust-proxy takes no value'],
    [['--colour'], 'unknown option --colour'],
    [['serve'], 'unexpected argument "serve"'],
  ])('refuses %j: %s', (argv, message) => {
    const parsed = parseLogServerArgs(argv, {});
    expect('error' in parsed && parsed.error).toContain(message);
  });

  test('the real CLI exits 2 with the message and the usage for a bad option, 0 for --help, 1 when it cannot start', () => {
    const bad = spawnSync(process.execPath, [BIN, 'log-server', '--port', 'x'], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain('crumbs-consent log-server: --port must be a whole number');
    expect(bad.stderr).toContain('Usage: crumbs-consent log-server');
    const help = spawnSync(process.execPath, [BIN, 'log-server', '--help'], { encoding: 'utf8' });
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('--retention-days');
    const cannot = spawnSync(process.execPath, [BIN, 'log-server', '--db', '/nonexistent/folder/consent.sqlite'], { encoding: 'utf8' });
    expect(cannot.status).toBe(1);
    expect(cannot.stderr).toContain('cannot start');
  });
});

describe('startLogServer (as the demo runs it)', () => {
  test('listens on a free port, takes records from the allowed origin, and closes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'crumbs-log-'));
    const lines: string[] = [];
    const server = await startLogServer({ db: join(dir, 'consent.sqlite'), port: 0, origins: [ORIGIN], logStream: { write: (l) => void lines.push(l) } });
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect((await postRecord(server.url)).status).toBe(201);
      expect((await fetch(`${server.url}/health`)).status).toBe(200);
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
    await expect(fetch(`${server.url}/health`)).rejects.toThrow();
    expect(lines.join('')).toContain('consent-log service stopped');
    expect(typeof main).toBe('function');
  });
});

describe.each(STORE_KINDS)('the real CLI on %s', (kind) => {
  test.each(kind === 'sqlite' ? [[], ['--sqlite-sync', 'full']] : [[]])('kill -9 under load: every record answered 2xx is in the database %j', async (...extra) => {
    const db = await databases.database(kind);
    const server = await spawnLogServer(['--db', db, '--rate-limit', '0', '--origin', ORIGIN, ...extra]);
    running.push(server);
    const KILL_AFTER = 400;
    let killed = false;
    const result = await load(server.url, 24, (acked) => {
      if (acked.size >= KILL_AFTER && !killed) {
        killed = true;
        server.child.kill('SIGKILL');
      }
    });
    expect(await server.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Requests were in flight when it died: the kill really happened mid-load.
    expect(result.failures.filter((f) => f === 'connection').length).toBeGreaterThan(0);
    expect(result.failures.filter((f) => f !== 'connection')).toEqual([]);
    const store = await openConsentStore(db);
    try {
      const stored = new Set((await store.exportPage(...ALL_TIME, undefined, 1_000_000)).map((r) => r.recordId));
      const missing = [...result.acked].filter((id) => !stored.has(id));
      console.log(`kill -9 on ${kind} ${extra.join(' ')}: ${result.acked.size} acknowledged, ${stored.size} stored, ${missing.length} acknowledged but missing`);
      expect(result.acked.size).toBeGreaterThanOrEqual(KILL_AFTER);
      expect(missing).toEqual([]);
    } finally {
      await store.close();
    }
  }, 30_000);

  test('SIGTERM: stops taking connections, answers the requests in flight, closes the database, exits 0', async () => {
    const db = await databases.database(kind);
    const server = await spawnLogServer(['--db', db, '--rate-limit', '0', '--token', TOKEN]);
    running.push(server);
    let signalled = false;
    const result = await load(server.url, 16, (acked) => {
      if (acked.size >= 100 && !signalled) {
        signalled = true;
        server.child.kill('SIGTERM');
      }
    });
    const exit = await server.exited;
    expect(exit).toEqual({ code: 0, signal: null });
    expect(server.stderr.join('')).toContain('SIGTERM, stopping');
    expect(server.logs.some((l) => l.msg === 'consent-log service stopped')).toBe(true);
    // No request failed with an error: each was answered 2xx, or 503 while closing, or found the server gone.
    expect(result.failures.filter((f) => f !== 'connection' && f !== '503')).toEqual([]);
    const store = await openConsentStore(db);
    try {
      const stored = new Set((await store.exportPage(...ALL_TIME, undefined, 1_000_000)).map((r) => r.recordId));
      expect([...result.acked].filter((id) => !stored.has(id))).toEqual([]);
    } finally {
      await store.close();
    }
    // Its log lines carry no client address.
    expect(JSON.stringify(server.logs.filter((l) => l.msg === 'request'))).not.toContain('127.0.0.1');
  }, 30_000);
});
