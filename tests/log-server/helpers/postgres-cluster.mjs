// A throw-away PostgreSQL server for the consent-log tests and benchmark: its own data directory in
// a temporary folder, a free port on 127.0.0.1, trust authentication, removed again by stop().
// Plain .mjs so that both vitest and `node bench/log-server.mjs` can import it.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, chownSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The newest Debian PostgreSQL bin folder (/usr/lib/postgresql/<major>/bin), or CRUMBS_PG_BIN. */
export function findPostgresBin() {
  const fromEnv = process.env.CRUMBS_PG_BIN;
  if (fromEnv) {
    if (!existsSync(join(fromEnv, 'initdb'))) throw new Error(`CRUMBS_PG_BIN=${fromEnv} holds no initdb`);
    return fromEnv;
  }
  const root = '/usr/lib/postgresql';
  const majors = existsSync(root)
    ? readdirSync(root)
        .filter((v) => /^\d+$/.test(v) && existsSync(join(root, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!majors.length)
    throw new Error(
      'PostgreSQL is not installed: the consent-log tests need a real PostgreSQL server. Install Debian\'s ' +
        'postgresql package (sudo apt-get install -y postgresql) or set CRUMBS_PG_BIN to a folder holding initdb and pg_ctl.',
    );
  return join(root, majors[0], 'bin');
}

/** A port that was free a moment ago (the kernel's pick for port 0). */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const asRoot = process.getuid?.() === 0;

/**
 * Runs a PostgreSQL binary. PostgreSQL refuses to run as root, so under root it runs as the
 * `postgres` OS user (which Debian's package creates).
 */
function run(bin, args) {
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', bin, ...args]] : [bin, args];
  const result = spawnSync(command, argv, { encoding: 'utf8' });
  if (result.status !== 0)
    throw new Error(`${[command, ...argv].join(' ')} failed (${result.status ?? result.signal}): ${result.stderr || result.stdout}`);
  return result.stdout;
}

/**
 * Starts a PostgreSQL cluster of its own. `fsync: false` makes initdb and commits faster for tests
 * that do not measure durability of the database server itself (the kill -9 tests kill the log
 * server, not PostgreSQL); the benchmark keeps fsync on, as in production.
 * @param {{ fsync?: boolean, maxConnections?: number }} [options]
 * @returns {Promise<{ url: string, port: number, dir: string, createDatabase(name: string): Promise<string>, stop(): Promise<void> }>}
 */
export async function startPostgresCluster({ fsync = true, maxConnections = 100 } = {}) {
  const bin = findPostgresBin();
  const dir = mkdtempSync(join(tmpdir(), 'crumbs-pg-'));
  if (asRoot) {
    const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  const port = await freePort();
  let started = false;
  const stop = async () => {
    if (started) {
      started = false;
      run(join(bin, 'pg_ctl'), ['stop', '-D', data, '-m', 'fast', '-w']);
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    run(join(bin, 'initdb'), ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', ...(fsync ? [] : ['--no-sync'])]);
    const settings = [
      `-p ${port}`,
      `-k ${dir}`,
      "-c listen_addresses=127.0.0.1",
      `-c max_connections=${maxConnections}`,
      ...(fsync ? [] : ['-c fsync=off', '-c synchronous_commit=off', '-c full_page_writes=off']),
    ].join(' ');
    run(join(bin, 'pg_ctl'), ['start', '-D', data, '-w', '-t', '30', '-l', join(dir, 'server.log'), '-o', settings]);
    started = true;
  } catch (error) {
    const log = existsSync(join(dir, 'server.log')) ? readFileSync(join(dir, 'server.log'), 'utf8') : '';
    await stop();
    throw new Error(`${error.message}${log ? `\nserver log:\n${log}` : ''}`);
  }
  const urlOf = (database) => `postgres://postgres@127.0.0.1:${port}/${database}`;
  return {
    url: urlOf('postgres'),
    port,
    dir,
    /** Creates an empty database and returns its URL: one per test keeps tests apart. */
    async createDatabase(name) {
      if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
      run(join(bin, 'psql'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', '-d', 'postgres', '-qAt', '-c', `CREATE DATABASE ${name}`]);
      return urlOf(name);
    },
    stop,
  };
}
