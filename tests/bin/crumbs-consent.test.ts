import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
// CRUMBS_CLI points the test at another copy of the CLI (with its own dist/ beside it), for trying
// the CLI before the project build exists.
const CLI = process.env.CRUMBS_CLI ?? join(ROOT, 'bin/crumbs-consent.mjs');
const FIXTURES = join(ROOT, 'tests/fixtures/inventory');

function run(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: 'utf8' });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

let temp = '';

beforeAll(() => {
  const core = resolve(dirname(CLI), '../dist/esm/core/index.js');
  if (!existsSync(core)) throw new Error(`${core} is missing: run \`node build.mjs\` first`);
  temp = mkdtempSync(join(tmpdir(), 'crumbs-cli-'));
});

afterAll(() => {
  if (temp) rmSync(temp, { recursive: true, force: true });
});

function file(name: string, text: string): string {
  const path = join(temp, name);
  writeFileSync(path, text);
  return path;
}

describe('crumbs-consent validate', () => {
  it('prints one summary line for a valid inventory and exits 0', () => {
    const path = join(FIXTURES, 'valid/spec-example.json');
    const { status, stdout, stderr } = run('validate', path);
    expect(stderr).toBe('');
    expect(stdout).toBe(`${path}: valid — 4 categories, 3 services, 4 cookies\n`);
    expect(status).toBe(0);
  });

  it('uses singulars and counts warnings', () => {
    const path = file(
      'one.json',
      JSON.stringify({ categories: [{ id: 'analytics' }], services: [{ id: 'a', name: 'A', category: 'analytics', cookies: [{ name: 'x' }], cokies: [] }] }),
    );
    const { status, stdout, stderr } = run('validate', path);
    expect(stdout).toBe(`${path}: valid — 1 category, 1 service, 1 cookie (1 warning)\n`);
    expect(stderr).toMatch(/^warning {2}services\[0\]\.cokies: unknown key/m);
    expect(status).toBe(0);
  });

  it('fails on warnings with --strict', () => {
    const path = join(FIXTURES, 'warning/required-service-without-justification.json');
    const { status, stdout, stderr } = run('validate', path, '--strict');
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^warning {2}services\[1\]\.justification: missing/m);
    expect(stderr).toMatch(/invalid — 0 errors, 1 warning \(--strict\)/);
    expect(status).toBe(1);
  });

  it('prints every error with its path and exits 1', () => {
    const path = file('bad.json', JSON.stringify({ categories: [{ id: 'X' }], consent: { maxAgeDays: 400 }, extra: 1 }));
    const { status, stdout, stderr } = run('validate', path);
    expect(stdout).toBe('');
    expect(stderr).toContain('error  categories[0].id: expected an id');
    expect(stderr).toContain('error  consent.maxAgeDays: at most 395 days (13 months) is allowed, got 400\n');
    expect(stderr).toContain('warning  extra: unknown key');
    expect(stderr).toContain(`${path}: invalid — 2 errors, 1 warning\n`);
    expect(status).toBe(1);
  });

  it('refuses a cookie-name regex that could freeze the page, naming its path and why', () => {
    for (const [fixture, why] of [
      ['cookie-name-regex-nested-quantifier.json', 'a nested quantifier, as in (a+)+ or (a|b)*'],
      ['cookie-name-regex-backreference.json', 'a backreference'],
      ['cookie-name-regex-several-repetitions.json', 'several repetitions (*, +, {n,m}; a start without ^ counts as one)'],
    ]) {
      const { status, stdout, stderr } = run('validate', join(FIXTURES, 'invalid', fixture!), '--strict');
      expect(stdout).toBe('');
      expect(stderr).toContain(
        `error  services[0].cookies[0].name: regular expression with ${why}: can take seconds to match a long cookie name, which another subdomain can set; use * (always fast) or a simpler regex\n`,
      );
      expect(status).toBe(1);
    }
  });

  it('prints a root problem without a path', () => {
    const { status, stderr } = run('validate', join(FIXTURES, 'invalid/root-not-object.json'));
    expect(stderr).toMatch(/^error {2}expected an object, got an array$/m);
    expect(status).toBe(1);
  });

  it('names the file and the position of a JSON syntax error, and exits 2', () => {
    const path = file('syntax.json', '{\n  "categories": [\n    { "id": "analytics", }\n  ]\n}\n');
    const { status, stdout, stderr } = run('validate', path);
    expect(stdout).toBe('');
    expect(stderr).toContain(`${path} is not valid JSON at line 3, column 26`);
    expect(status).toBe(2);
  });

  it('reports a truncated file at its end', () => {
    const path = file('cut.json', '{"categories": [');
    const { status, stderr } = run('validate', path);
    expect(stderr).toContain(`${path} is not valid JSON at line 1, column 17`);
    expect(status).toBe(2);
  });

  it('accepts a byte order mark', () => {
    const path = file('bom.json', '\uFEFF{"categories": [{"id": "analytics"}]}');
    expect(run('validate', path).status).toBe(0);
  });

  it('exits 2 with a clear message for a missing file', () => {
    const { status, stderr } = run('validate', join(temp, 'nope.json'));
    expect(stderr).toContain(`cannot read ${join(temp, 'nope.json')}: no such file`);
    expect(status).toBe(2);
  });

  it('exits 2 on usage errors', () => {
    expect(run().status).toBe(2);
    expect(run('check', 'x.json').stderr).toContain('unknown command "check"');
    expect(run('validate').stderr).toContain('missing <file.json>');
    expect(run('validate', 'a.json', 'b.json').status).toBe(2);
    expect(run('validate', 'a.json', '--fix').stderr).toContain('unknown option --fix');
  });

  it('prints usage with --help', () => {
    const { status, stdout } = run('--help');
    expect(stdout).toMatch(/^Usage: crumbs-consent validate <file\.json> \[--strict\] \[--stamp\] \[--inline \[--out <file>\]\]/);
    expect(stdout).toContain('--inline');
    expect(status).toBe(0);
  });
});

describe('crumbs-consent validate --stamp', () => {
  const valid = () => readFileSync(join(FIXTURES, 'valid/spec-example.json'), 'utf8');

  it('writes a current stamp into a valid inventory and changes nothing else in the file', () => {
    const path = file('stamp-me.json', valid());
    const { status, stdout } = run('validate', path, '--stamp');
    expect(status).toBe(0);
    const stamp = /stamped ([0-9a-f]{8})/.exec(stdout)?.[1];
    expect(stamp).toMatch(/^[0-9a-f]{8}$/);
    const written = readFileSync(path, 'utf8');
    expect(written.replace(`\n  "stamp": "${stamp}",`, '')).toBe(valid());
    expect(run('validate', path).stdout).toContain('stamp current');
  });

  it('says when a stamp is out of date, and renews it in place', () => {
    const path = file('stale.json', valid());
    run('validate', path, '--stamp');
    writeFileSync(path, readFileSync(path, 'utf8').replace('"revision": 3', '"revision": 4'));
    const stale = run('validate', path);
    expect(stale.status).toBe(0);
    expect(stale.stderr).toContain('stamp: out of date');
    const renewed = run('validate', path, '--stamp');
    expect(renewed.stdout).toMatch(/stamped [0-9a-f]{8}/);
    expect(readFileSync(path, 'utf8').match(/"stamp"/g)).toHaveLength(1);
  });

  it('keeps a BOM and CRLF line endings, and renews the root stamp, not a nested "stamp" text', () => {
    const json = JSON.parse(valid());
    const text = JSON.stringify({ texts: { en: { stamp: 'nested' } }, ...json, stamp: '00000000' }, null, 2).replaceAll('\n', '\r\n');
    const path = file('crlf.json', '\ufeff' + text + '\r\n');
    expect(run('validate', path, '--stamp').status).toBe(0);
    const written = readFileSync(path, 'utf8');
    expect(written.charCodeAt(0)).toBe(0xfeff);
    expect(written.replace(/\r\n/g, '')).not.toContain('\n');
    expect(written).toContain('"stamp": "nested"');
    expect(written).not.toContain('00000000');
    expect(run('validate', path).stdout).toContain('stamp current');
  });

  it('does not stamp an invalid inventory', () => {
    const path = file('invalid.json', '{ "categories": [] }\n');
    expect(run('validate', path, '--stamp').status).toBe(1);
    expect(readFileSync(path, 'utf8')).toBe('{ "categories": [] }\n');
  });

  it('keeps the demo inventory stamped for this version (re-run `node bin/crumbs-consent.mjs validate demo/cookies.json --stamp` after editing it or bumping the version)', () => {
    const { status, stdout } = run('validate', join(ROOT, 'demo/cookies.json'));
    expect(status).toBe(0);
    expect(stdout).toContain('stamp current');
  });
});
