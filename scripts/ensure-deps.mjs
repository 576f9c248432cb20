// Makes `npm run demo` and `npm test` work on a fresh clone: installs the locked dependencies when
// node_modules is missing or older than package-lock.json, and (for the browser tests) Debian's
// Chromium when it is missing and we are allowed to install it.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';

const wantBrowser = process.argv.includes('--browser');
const wantBench = process.argv.includes('--bench');
const wantPostgres = process.argv.includes('--postgres');
const marker = 'node_modules/.package-lock.json';

if (!existsSync(marker) || statSync(marker).mtimeMs < statSync('package-lock.json').mtimeMs) {
  console.log('Installing dependencies (npm ci)...');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

// Benchmark-only packages (peers, bundlers, load generators) have their own lock in bench/.
const benchMarker = 'bench/node_modules/.package-lock.json';
if (wantBench && (!existsSync(benchMarker) || statSync(benchMarker).mtimeMs < statSync('bench/package-lock.json').mtimeMs)) {
  console.log('Installing the benchmark packages (npm ci --prefix bench)...');
  execSync('npm ci --prefix bench --no-audit --no-fund', { stdio: 'inherit' });
}

const chromium = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (wantBrowser && !existsSync(chromium)) {
  const root = process.getuid?.() === 0;
  if (!root) {
    console.error(
      `Chromium is needed for the browser tests and was not found at ${chromium}.\n` +
        'Install it with `sudo apt-get install -y chromium`, or set CHROMIUM_PATH.',
    );
    process.exit(1);
  }
  console.log('Installing Chromium (apt-get install chromium)...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
}

// The consent-log tests run a throw-away PostgreSQL server of their own (tests/log-server); they
// need Debian's server binaries (initdb, pg_ctl).
const postgresBin = ['/usr/lib/postgresql/17/bin', '/usr/lib/postgresql/16/bin', '/usr/lib/postgresql/15/bin'];
if (wantPostgres && !process.env.CRUMBS_PG_BIN && !postgresBin.some((dir) => existsSync(`${dir}/initdb`))) {
  if (process.getuid?.() !== 0) {
    console.error('PostgreSQL is needed for the consent-log tests: `sudo apt-get install -y postgresql`, or set CRUMBS_PG_BIN.');
    process.exit(1);
  }
  console.log('Installing PostgreSQL (apt-get install postgresql)...');
  execSync('apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql', {
    stdio: 'inherit',
    shell: '/bin/bash',
  });
}
