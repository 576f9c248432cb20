import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { AuditError } from './audit-error';
import flags from './chromium-flags.json';

/**
 * Flags for a headless Chromium that also runs in containers and CI (no sandbox, no GPU). Written
 * once, in JSON, so that the benchmarks (plain Node scripts) and the browser tests read the same list.
 */
export const CHROMIUM_ARGS: string[] = flags;

/** The Chromium to use: the given path, else `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`. */
export function chromiumPath(path?: string): string {
  return path || process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Launches the system's Chromium with playwright-core (which downloads no browser of its own).
 * @param path - the executable; see {@link chromiumPath}
 * @throws AuditError when it is missing or does not start
 */
export async function launchChromium(path?: string): Promise<Browser> {
  const executablePath = chromiumPath(path);
  if (!existsSync(executablePath))
    throw new AuditError(
      `Chromium not found at ${executablePath}: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or pass --chromium <path> (or set CHROMIUM_PATH)`,
    );
  try {
    return await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  } catch (error) {
    throw new AuditError(`Chromium at ${executablePath} did not start: ${(error as Error).message.split('\n')[0]}`);
  }
}
