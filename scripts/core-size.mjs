// Prints how many minified bytes each source module adds to dist/crumbs.js, and the file's gzip size.
// Builds into a temporary directory, so it never touches dist/ (safe to run next to a build).
//   node scripts/core-size.mjs [entry=src/auto.ts]
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

const entry = process.argv[2] ?? 'src/auto.ts';
const dir = mkdtempSync(join(tmpdir(), 'crumbs-size-'));
const outfile = join(dir, 'out.js');
const { metafile } = await esbuild.build({
  entryPoints: [entry],
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
