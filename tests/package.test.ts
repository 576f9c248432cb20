// The npm package as a consumer gets it: the BUILT ESM entries and their declarations, then the
// tarball `npm pack` makes from a fresh copy of the repository, installed into new TypeScript
// projects (one per module resolution), type-checked with the README's examples, and checked by
// @arethetypeswrong/cli.
import { execFile, type ExecFileException } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { extractTarball, readTarball, type TarEntry } from './package/tarball';
import { inventoryExamples, npmApiExamples, readmeBlocks } from './readme/extract';

const root = process.cwd();
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const built = (file: string) => {
  const path = join(root, file);
  if (!existsSync(path)) throw new Error(`${file} is missing: run \`node build.mjs\` first (npm test does).`);
  return path;
};

describe('the npm package', () => {
  it('exports the engine, the UI and the validator from "crumbs-consent"', async () => {
    const entry = await import(/* @vite-ignore */ built(pkg.exports['.'].default));
    for (const name of ['createCrumbs', 'mountUi', 'validateInventory', 'parseInventory', 'lintInventory', 'InventoryError']) {
      expect(typeof entry[name], name).toBe('function');
    }
  });

  it('exports a headless engine from "crumbs-consent/core" that never imports Preact', async () => {
    const core = await import(/* @vite-ignore */ built(pkg.exports['./core'].default));
    expect(typeof core.createCrumbs).toBe('function');
    expect(core.mountUi).toBeUndefined();
    const seen = new Set<string>();
    const imports = (file: string): string[] => {
      if (seen.has(file)) return [];
      seen.add(file);
      const text = readFileSync(file, 'utf8');
      const specifiers = Array.from(text.matchAll(/from\s*["']([^"']+)["']/g), (m) => m[1]!);
      return specifiers.flatMap((s) => (s.startsWith('.') ? imports(join(file, '..', s)) : [s]));
    };
    expect(imports(built(pkg.exports['./core'].default))).not.toContain('preact');
  });

  it('ships declarations for both entries and the JSON Schema', () => {
    for (const file of [pkg.exports['.'].types, pkg.exports['./core'].types, pkg.exports['./inventory.schema.json']]) {
      expect(existsSync(join(root, file)), file).toBe(true);
    }
    const types = readFileSync(built(pkg.exports['.'].types), 'utf8');
    expect(types).toMatch(/createCrumbs/);
    expect(types).toMatch(/mountUi/);
  });

  it('validates a real inventory through the public API with the path of every problem', async () => {
    const { validateInventory } = await import(/* @vite-ignore */ built(pkg.exports['.'].default));
    const result = validateInventory({ categories: [{ id: 'analytics' }], services: [{ id: 'x', name: 'X', category: 'nope', cookies: [{ name: 42 }] }] });
    expect(result.inventory).toBeUndefined();
    expect(result.errors.map((e: { path: string }) => e.path)).toEqual(['services[0].cookies[0].name', 'services[0].category']);
  });
});

// ---- the tarball ----

/** Runs a command; resolves with its exit code and output (never rejects). */
function run(command: string, args: readonly string[], options: { cwd: string }) {
  return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
    execFile(command, args, { ...options, maxBuffer: 64 * 1024 * 1024 }, (error: ExecFileException | null, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout: String(stdout), stderr: String(stderr) });
    });
  });
}

/** Every file below `dir` (following no symbolic link), relative to it, sorted. */
const filesBelow = (dir: string): string[] =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => relative(dir, join(e.parentPath, e.name)))
    .sort();

/**
 * Every file a browser can fetch starting from `crumbs.js`: the entry files it loads by name from
 * next to itself, and every relative module their `import`s and `import()`s reach.
 */
function browserClosure(dir: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(dir, file), 'utf8');
    const base = file.includes('/') ? file.slice(0, file.lastIndexOf('/') + 1) : '';
    for (const [, name] of text.matchAll(/"(crumbs-[a-z]+\.js)"/g)) visit(name!);
    for (const [, spec] of text.matchAll(/(?:from\s*|import\s*\(\s*)"(\.\.?\/[^"]+\.js)"/g))
      visit(relative(dir, join(dir, base, spec!)));
  };
  visit('crumbs.js');
  return seen;
}

const isDirectory = (path: string) => existsSync(path) && statSync(path).isDirectory();

const TSC = join(root, 'node_modules/typescript/bin/tsc');
const ATTW = join(root, 'node_modules/@arethetypeswrong/cli/dist/index.js');

/**
 * The fixture projects: `tsc --init`'s tsconfig (tests/package/tsconfig.init.json) with one module
 * resolution each, `strict`, `exactOptionalPropertyTypes` (both from `tsc --init`) and
 * `skipLibCheck: false`; `"type": "module"` in package.json, so .ts files are ES modules.
 */
const PROJECTS: Record<string, { compilerOptions: Record<string, string>; files: 'esm' | 'require'; expect?: string }> = {
  node10: { compilerOptions: { module: 'esnext', moduleResolution: 'node10' }, files: 'esm' },
  node16: { compilerOptions: { module: 'node16' }, files: 'esm' },
  nodenext: { compilerOptions: { module: 'nodenext' }, files: 'esm' },
  bundler: { compilerOptions: { module: 'esnext', moduleResolution: 'bundler' }, files: 'esm' },
  // Node 16 to 20.18 cannot require() an ES module: TypeScript must say so, not type it as `any`.
  'node16, require()': { compilerOptions: { module: 'node16' }, files: 'require', expect: 'TS1471' },
};

describe('the packed package (npm pack of a fresh copy of the repository)', () => {
  let work: string;
  let tarball: string;
  let entries: TarEntry[];
  let copy: string;
  /** The package as `npm install <tarball>` unpacks it, with its dependencies linked from the repository. */
  let nodeModules: string;
  const readme = readmeBlocks();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'crumbs-pack-'));
    // A fresh clone: the files git knows (committed or not ignored), no dist/, the installed node_modules.
    copy = join(work, 'clone');
    const listed = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root });
    if (listed.code !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
    for (const file of listed.stdout.split('\0').filter(Boolean)) {
      if (/^(node_modules|dist)(\/|$)/.test(file) || !existsSync(join(root, file))) continue;
      cpSync(join(root, file), join(copy, file), { recursive: true });
    }
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
    mkdirSync(join(work, 'out'));
    const packed = await run('npm', ['pack', '--pack-destination', join(work, 'out'), '--loglevel', 'warn'], { cwd: copy });
    if (packed.code !== 0) throw new Error(`npm pack failed (${packed.code}):\n${packed.stdout}\n${packed.stderr}`);
    const [name] = readdirSync(join(work, 'out'));
    tarball = join(work, 'out', name!);
    entries = readTarball(tarball);

    nodeModules = join(work, 'project', 'node_modules');
    extractTarball(entries, join(nodeModules, 'crumbs-consent'));
    for (const dependency of Object.keys(pkg.dependencies)) {
      mkdirSync(dirname(join(nodeModules, dependency)), { recursive: true });
      symlinkSync(join(root, 'node_modules', dependency), join(nodeModules, dependency), 'dir');
    }
    // What a React or Vue project has installed: the README's hooks import them.
    for (const framework of ['react', '@types/react', 'vue']) {
      mkdirSync(dirname(join(nodeModules, framework)), { recursive: true });
      symlinkSync(join(root, 'node_modules', framework), join(nodeModules, framework), 'dir');
    }
    mkdirSync(join(nodeModules, '.bin'));
    for (const [command, file] of Object.entries(pkg.bin as Record<string, string>)) {
      symlinkSync(join('..', 'crumbs-consent', file), join(nodeModules, '.bin', command));
    }
  }, 180_000);

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('is built by npm pack itself (prepack) and holds exactly the files that "files" promises', () => {
    const shipped = entries.map((e) => e.path).sort();
    const promised = [
      'package.json',
      ...(pkg.files as string[]).flatMap((f) => (isDirectory(join(copy, f)) ? filesBelow(join(copy, f)).map((g) => `${f}/${g}`) : [f])),
      ...readdirSync(copy).filter((f) => /^(licen[cs]e|readme)(\.|$)/i.test(f)),
    ];
    expect(shipped).toEqual([...new Set(promised)].sort());
    for (const file of ['dist/browser/crumbs.js', 'dist/browser/crumbs-ui.js', 'dist/esm/index.js', 'dist/esm/core/index.js', 'dist/types/index.d.ts', 'bin/crumbs-consent.mjs']) {
      expect(shipped, file).toContain(file);
    }
  });

  it('holds every file package.json names (main, types, exports, typesVersions, bin, sideEffects)', () => {
    const shipped = new Set(entries.map((e) => e.path));
    const named: string[] = [];
    const collect = (value: unknown): void => {
      if (typeof value === 'string') named.push(value);
      else if (Array.isArray(value)) value.forEach(collect);
      else if (value && typeof value === 'object') Object.values(value).forEach(collect);
    };
    collect([pkg.main, pkg.module, pkg.types, pkg.exports, pkg.typesVersions, pkg.bin, pkg.sideEffects]);
    expect(named.length).toBeGreaterThan(10);
    for (const file of named) expect(shipped.has(file.replace(/^\.\//, '')), file).toBe(true);
  });

  it('is the tarball the README installs, and its CLI runs with npx on the README inventory', async () => {
    const install = readme.find((b) => b.heading === 'Install with npm' && b.lang === 'sh');
    expect(install?.code).toContain(`npm install ../crumbs/${basename(tarball)}`);
    const project = join(work, 'project');
    writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'my-site', private: true, type: 'module' }));
    const [inventory] = inventoryExamples(readme);
    writeFileSync(join(project, 'cookies.json'), inventory!.block.code);
    const result = await run('npx', ['--no-install', 'crumbs-consent', 'validate', 'cookies.json'], { cwd: project });
    const parsed = JSON.parse(inventory!.block.code);
    const counts = `${parsed.categories.length} categories, ${parsed.services.length} services`;
    expect(result.stdout + result.stderr).toMatch(new RegExp('^cookies\\.json: valid — ' + counts, 'm'));
    expect(result.code).toBe(0);
    // It declares the consent cookie as an https site names it; the CLI cannot know the scheme.
    expect(result.stdout + result.stderr).not.toContain('is not declared');
  }, 30_000);

  it("gives a script-tag site exactly the browser files with the README's copy command", async () => {
    const copyStep = readme.filter((b) => b.heading === 'Install on a site (no build tools)' && b.lang === 'sh' && b.code.includes('dist/'));
    expect(copyStep).toHaveLength(1);
    const site = join(work, 'site');
    mkdirSync(site);
    symlinkSync(join(nodeModules, 'crumbs-consent', 'dist'), join(site, 'dist'), 'dir');
    const result = await run('sh', ['-ec', copyStep[0]!.code], { cwd: site });
    expect(result.stderr).toBe('');
    rmSync(join(site, 'dist'));
    const copied = filesBelow(site);
    const folder = copied.find((f) => basename(f) === 'crumbs.js')!.slice(0, -'crumbs.js'.length);
    // Exactly what a browser can fetch: crumbs.js and everything its imports reach, nothing else.
    const browser = entries.map((e) => e.path).filter((f) => f.startsWith('dist/browser/'));
    expect(copied).toEqual(browser.map((f) => folder + f.slice('dist/browser/'.length)).sort());
    const reachable = browserClosure(join(nodeModules, 'crumbs-consent', 'dist', 'browser'));
    expect([...reachable].sort()).toEqual(browser.map((f) => f.slice('dist/browser/'.length)).sort());
    expect(copied.some((f) => f.includes('/chunks/'))).toBe(true);
  });

  it("type-checks the README's API examples, verbatim, and the public types under node10, node16, nodenext and bundler", async () => {
    const examples = npmApiExamples(readme);
    expect(examples.length).toBeGreaterThanOrEqual(2);
    const results = await Promise.all(
      Object.entries(PROJECTS).map(async ([name, project]) => {
        const dir = join(work, 'projects', name.replace(/\W+/g, '-'));
        mkdirSync(dir, { recursive: true });
        symlinkSync(nodeModules, join(dir, 'node_modules'), 'dir');
        writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'fixture', private: true, type: 'module' }));
        const files: string[] = [];
        if (project.files === 'esm') {
          for (const example of examples) {
            files.push(`readme-line-${example.line}.ts`);
            writeFileSync(join(dir, files.at(-1)!), example.code);
          }
          files.push('probe.ts');
          cpSync(join(root, 'tests/package/probe.ts'), join(dir, 'probe.ts'));
        }
        if (project.files === 'require' || name === 'nodenext') {
          files.push('probe-require.cts');
          cpSync(join(root, 'tests/package/probe-require.cts'), join(dir, 'probe-require.cts'));
        }
        const tsconfig = {
          extends: join(root, 'tests/package/tsconfig.init.json'),
          compilerOptions: { ...project.compilerOptions, skipLibCheck: false, noEmit: true },
          files,
        };
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
        const result = await run(process.execPath, [TSC, '-p', dir, '--pretty', 'false'], { cwd: dir });
        return { name, project, output: result.stdout + result.stderr, code: result.code };
      }),
    );
    for (const { name, project, output, code } of results) {
      if (project.expect) {
        const codes = [...new Set(output.match(/error TS\d+/g))];
        expect(codes, `${name}:\n${output}`).toEqual([`error ${project.expect}`]);
      } else {
        expect(output, name).toBe('');
        expect(code, name).toBe(0);
      }
    }
  }, 120_000);

  it('can be required from CommonJS where Node allows it (20.19 and later)', async () => {
    const [major, minor] = process.versions.node.split('.').map(Number) as [number, number];
    if (major < 20 || (major === 20 && minor < 19)) return; // ERR_REQUIRE_ESM there, as the README says
    const script = `const c = require('crumbs-consent'), core = require('crumbs-consent/core');
      console.log(typeof c.createCrumbs, typeof c.mountUi, typeof core.validateInventory, core.mountUi);`;
    const result = await run(process.execPath, ['-e', script], { cwd: join(work, 'project') });
    expect(result.stdout.trim(), result.stderr).toBe('function function function undefined');
  });

  it('passes @arethetypeswrong/cli (node10, node16 from CJS and ESM, bundler) for every entry', async () => {
    // attw 0.18 predates require(esm) (Node 20.19, TypeScript 5.8's nodenext): it flags every ES-module-only
    // package with cjs-resolves-to-esm; the test above and the "node16, require()" project cover that case.
    const result = await run(process.execPath, [ATTW, tarball, '--ignore-rules', 'cjs-resolves-to-esm', '--format', 'table-flipped', '--no-color'], {
      cwd: work,
    });
    expect(result.stdout, result.stdout + result.stderr).toContain('No problems found');
    expect(result.code).toBe(0);
    for (const entry of ['"crumbs-consent"', '"crumbs-consent/core"', '"crumbs-consent/crumbs.js"', '"crumbs-consent/inventory.schema.json"']) {
      expect(result.stdout).toContain(entry);
    }
  }, 60_000);
});
