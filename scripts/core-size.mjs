// Prints how many minified bytes each source module adds to dist/crumbs.js, and the file's gzip size.
// Builds into a temporary directory, so it never touches dist/ (safe to run next to a build).
//   node scripts/core-size.mjs [entry=src/auto.ts]
//   node scripts/core-size.mjs --floor
//
// --floor measures the least any crumbs.js with SPEC's behaviour can weigh, built from the real
// modules: a returning visitor's synchronous duties alone (read and check the consent cookie,
// resolve grants, push Consent Mode defaults and the stored state, delete cookies that are not
// granted, gate the markup) with no API, events, entry, inventory loading, settings button, vendor
// APIs or UI loading. It is the evidence behind the README's "Not met: the 3 KB target".
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const FLOOR = `
import { decodeDecision } from './src/core/consent/decision-codec';
import { readCookies } from './src/core/consent/read-cookie';
import { isDecisionCurrent, resolveGrants } from './src/core/consent/resolve-grants';
import { createGate } from './src/core/gate/create-gate';
import { deleteCookies } from './src/core/cleanup/delete-cookies';
import { createConsentMode, grantedConsentTypes } from './src/integrations/google-consent-mode';
const inventory = JSON.parse(document.getElementById('crumbs-inventory').textContent);
const stored = decodeDecision(readCookies(inventory.consent.cookieName)[0]);
const decision = stored && isDecisionCurrent(stored, inventory, Date.now() / 1000) ? stored : null;
const granted = resolveGrants(decision, inventory, navigator.globalPrivacyControl === true);
const isGranted = (id) => granted.has(id);
const consentMode = createConsentMode();
consentMode.defaults(inventory.googleConsentMode);
consentMode.update(grantedConsentTypes(inventory, granted), false);
deleteCookies(inventory, isGranted);
createGate(document, isGranted, () => {}).refresh();
`;

const floor = process.argv[2] == '--floor';
const entry = floor ? 'the synchronous floor' : (process.argv[2] ?? 'src/auto.ts');
const dir = mkdtempSync(join(tmpdir(), 'crumbs-size-'));
const outfile = join(dir, 'out.js');
const { metafile } = await esbuild.build({
  ...(floor ? { stdin: { contents: FLOOR, resolveDir: process.cwd(), loader: 'ts' } } : { entryPoints: [entry] }),
  bundle: true,
  minify: true,
  format: 'iife',
  target: ['es2022', 'chrome100', 'firefox100', 'safari16'],
  define: { __CRUMBS_VERSION__: '"0.0.0"' },
  legalComments: 'none',
  metafile: true,
  outfile,
  logLevel: 'warning',
});
const inputs = Object.entries(Object.values(metafile.outputs)[0].inputs).sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput);
for (const [file, { bytesInOutput }] of inputs) console.log(String(bytesInOutput).padStart(7), file);
const bytes = readFileSync(outfile);
console.log(`${entry}: ${bytes.length} B raw, ${gzipSync(bytes, { level: 9 }).length} B gzip`);
rmSync(dir, { recursive: true, force: true });
