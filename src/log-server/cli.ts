import { parseLogServerArgs, USAGE } from './parse-log-server-args.js';
import { startLogServer } from './start-log-server.js';

// The demo and other Node programs start the service from this bundle (dist/log-server/cli.js).
export { startLogServer, type LogServer, type LogServerOptions } from './start-log-server.js';

/**
 * `crumbs-consent log-server [options]`: runs the consent-log service until SIGTERM or SIGINT, then
 * finishes the requests in flight, closes the database and resolves with the exit status.
 */
export async function main(argv: string[]): Promise<number> {
  const parsed = parseLogServerArgs(argv);
  if ('error' in parsed) {
    process.stderr.write(`crumbs-consent log-server: ${parsed.error}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  let server;
  try {
    server = await startLogServer(parsed.options);
  } catch (error) {
    process.stderr.write(`crumbs-consent log-server: cannot start: ${(error as Error).message}\n`);
    return 1;
  }
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGTERM', resolve);
    process.once('SIGINT', resolve);
  });
  process.stderr.write(`crumbs-consent log-server: ${signal}, stopping\n`);
  await server.close();
  return 0;
}
