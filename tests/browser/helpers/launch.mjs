// Launches Debian's Chromium with playwright-core, with the flags the audit uses (one list, in
// src/audit/chromium-flags.json) plus QUIC off: every request of a test goes through routing.
import { chromium } from 'playwright-core';
import AUDIT_ARGS from '../../../src/audit/chromium-flags.json' with { type: 'json' };

/** Flags for Chromium in this sandbox (see DEVELOPERS.md / the machine notes). */
export const CHROMIUM_ARGS = [...AUDIT_ARGS, '--disable-quic'];

/** Launches Chromium: `CHROMIUM_PATH`, else /usr/bin/chromium. */
export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}
