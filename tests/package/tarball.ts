// Reads an npm tarball (.tgz) the way npm installs it: every file below `package/`, with its size
// and mode. Plain node:zlib, no tar binary or package needed.
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { gunzipSync } from 'node:zlib';

export interface TarEntry {
  /** Path inside the package (`dist/crumbs.js`), without npm's `package/` prefix. */
  readonly path: string;
  readonly size: number;
  readonly mode: number;
  readonly data: Buffer;
}

const text = (block: Buffer, start: number, length: number) => block.toString('utf8', start, start + length).replace(/\0.*$/s, '');
const octal = (block: Buffer, start: number, length: number) => parseInt(text(block, start, length).trim() || '0', 8);

/** The files of a .tgz made by `npm pack`. */
export function readTarball(file: string): TarEntry[] {
  const tar = gunzipSync(readFileSync(file));
  const entries: TarEntry[] = [];
  let longPath: string | undefined;
  for (let at = 0; at + 512 <= tar.length; ) {
    const header = tar.subarray(at, at + 512);
    if (header.every((b) => b === 0)) break;
    const size = octal(header, 124, 12);
    const type = text(header, 156, 1) || '0';
    const data = tar.subarray(at + 512, at + 512 + size);
    at += 512 + Math.ceil(size / 512) * 512;
    if (type === 'x') {
      // A PAX header: only `path` matters here.
      longPath = /(?:^|\n)\d+ path=([^\n]*)\n/.exec(data.toString('utf8'))?.[1];
      continue;
    }
    if (type !== '0') continue;
    const prefix = text(header, 345, 155);
    const name = longPath ?? (prefix ? `${prefix}/${text(header, 0, 100)}` : text(header, 0, 100));
    longPath = undefined;
    if (!name.startsWith('package/')) throw new Error(`${file}: unexpected entry ${name}`);
    entries.push({ path: name.slice('package/'.length), size, mode: octal(header, 100, 8), data: Buffer.from(data) });
  }
  return entries;
}

/** Writes the files of `entries` below `dir`, as `npm install` unpacks a package. */
export function extractTarball(entries: readonly TarEntry[], dir: string): void {
  for (const entry of entries) {
    const target = normalize(join(dir, entry.path));
    if (!target.startsWith(normalize(dir) + '/')) throw new Error(`refusing ${entry.path}`);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, entry.data);
    chmodSync(target, entry.mode & 0o777);
  }
}
