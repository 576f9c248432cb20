import { DEFAULTS, type LogServerOptions } from './start-log-server.js';

export const USAGE = `Usage: crumbs-consent log-server [options]

Receives consent records from the Crumbs widget (POST /records), stores them
append-only, and answers look-ups and exports for an audit. See docs/log-server.md.

Options:
  --db <file | url>        SQLite file, or postgres://user:pass@host/db
                           (default ${DEFAULTS.db})
  --sqlite-sync <mode>     SQLite durability: normal (default; an acknowledged record
                           survives the process being killed) or full (also fsyncs
                           every commit: survives a power loss, slower)
  --port <n>               port (default ${DEFAULTS.port}; 0 = any free port)
  --host <address>         address to listen on (default ${DEFAULTS.host})
  --origin <url>           origin allowed to post records, e.g. https://shop.example;
                           repeat for several. Without any, every origin may post.
  --allow-no-origin        with --origin: also accept posts without an Origin header
  --token <secret>         bearer token of the read side (at least 16 characters;
                           or env CRUMBS_LOG_TOKEN). Without it the read side is off.
  --retention-days <n>     delete records received more than n days ago
                           (default ${DEFAULTS.retentionDays}; 0 = keep forever)
  --rate-limit <n>         requests per minute per client (default ${DEFAULTS.rateLimit}; 0 = off)
  --trust-proxy            behind a reverse proxy: client address from X-Forwarded-For
  --log-level <level>      fatal, error, warn, info, debug, trace or silent (default info)
  -h, --help               show this help

Stops cleanly on SIGTERM or SIGINT. Exit status: 0 after a clean stop, 1 could not
start (database, port), 2 usage error.`;

export type ParsedArgs = { help: true } | { help: false; options: LogServerOptions } | { error: string };

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** Reads `log-server`'s options (`--name value` or `--name=value`); the token may come from the environment. */
export function parseLogServerArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): ParsedArgs {
  const options: LogServerOptions = { db: DEFAULTS.db, origins: [] };
  const origins: string[] = [];
  let token = env.CRUMBS_LOG_TOKEN || undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '-h' || arg === '--help') return { help: true };
    const eq = arg.indexOf('=');
    const name = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const flag = (): boolean => {
      if (eq > 0 && name === arg.slice(0, eq)) throw new Error(`${name} takes no value`);
      return true;
    };
    const value = (): string => {
      const v = eq > 0 && arg.startsWith('--') ? arg.slice(eq + 1) : argv[++i];
      if (v === undefined || v === '' || (eq < 0 && v.startsWith('--'))) throw new Error(`${name} needs a value`);
      return v;
    };
    const count = (min: number, max: number): number => {
      const v = value();
      if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > max) throw new Error(`${name} must be a whole number from ${min} to ${max}, not "${v}"`);
      return Number(v);
    };
    try {
      switch (name) {
        case '--db':
          options.db = value();
          break;
        case '--sqlite-sync': {
          const v = value();
          if (v !== 'normal' && v !== 'full') throw new Error(`--sqlite-sync must be normal or full, not "${v}"`);
          options.sqliteSync = v;
          break;
        }
        case '--port':
          options.port = count(0, 65535);
          break;
        case '--host':
          options.host = value();
          break;
        case '--origin': {
          const v = value();
          let url: URL | undefined;
          try {
            url = new URL(v);
          } catch {
            // reported below
          }
          if (!url || !/^https?:$/.test(url.protocol) || url.origin !== v.replace(/\/$/, ''))
            throw new Error(`--origin must be an origin such as https://shop.example (scheme, host, optional port; no path), not "${v}"`);
          origins.push(url.origin);
          break;
        }
        case '--allow-no-origin':
          options.allowNoOrigin = flag();
          break;
        case '--token':
          token = value();
          break;
        case '--retention-days':
          options.retentionDays = count(0, 100_000);
          break;
        case '--rate-limit':
          options.rateLimit = count(0, 10_000_000);
          break;
        case '--trust-proxy':
          options.trustProxy = flag();
          break;
        case '--log-level': {
          const v = value();
          if (!LOG_LEVELS.includes(v)) throw new Error(`--log-level must be one of ${LOG_LEVELS.join(', ')}, not "${v}"`);
          options.logLevel = v;
          break;
        }
        default:
          return { error: arg.startsWith('-') ? `unknown option ${name}` : `unexpected argument "${arg}"` };
      }
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  if (options.allowNoOrigin && !origins.length) return { error: '--allow-no-origin goes with --origin (without --origin every request is accepted)' };
  if (token !== undefined && token.length < 16) return { error: 'the read-side token (--token or CRUMBS_LOG_TOKEN) must be at least 16 characters' };
  options.origins = origins;
  if (token !== undefined) options.token = token;
  return { help: false, options };
}
