// The npm package as a consumer imports it: the BUILT ESM entries and their declarations.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

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
