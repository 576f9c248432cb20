// Which property names the browser build may shorten (esbuild's `mangleProps`), derived from the
// source so that a field is declared once: the members of the internal interfaces listed below,
// except every name that a public type (src/types.ts: the API, the UI seam, the inventory, the
// consent record on the wire) or a DOM API (TypeScript's lib.dom.d.ts) uses, since those must keep
// their names in every file. Only names, not types: esbuild renames a property everywhere it is
// written without quotes.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import ts from 'typescript';

/** The internal shapes whose fields every page view carries: `file` relative to the project root. */
export const INTERNAL = [
  { file: 'src/core/runtime.ts', name: 'Runtime' },
  { file: 'src/core/engine/state.ts', name: 'EngineState' },
  { file: 'src/core/consent/decision.ts', name: 'Decision' },
  { file: 'src/core/create-engine.ts', name: 'EngineSetup' },
];

/** Property and method names declared in `path`: of the named interface, or of every type in it. */
function memberNames(path, interfaceName) {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const names = new Set();
  const visit = (node) => {
    const member = ts.isPropertySignature(node) || ts.isMethodSignature(node) || ts.isPropertyDeclaration(node);
    const wanted = interfaceName === undefined || (node.parent && ts.isInterfaceDeclaration(node.parent) && node.parent.name.text === interfaceName);
    if (member && wanted && ts.isIdentifier(node.name)) names.add(node.name.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  return names;
}

/**
 * @param {string} root - the project root
 * @returns {{ mangle: string[], kept: string[] }} the names to shorten, and the internal ones kept
 */
export function internalNames(root) {
  const internal = new Set(INTERNAL.flatMap(({ file, name }) => [...memberNames(root + '/' + file, name)]));
  if (!internal.size) throw new Error('scripts/internal-names.mjs: no members found in ' + INTERNAL.map((i) => i.name).join(', '));
  const dom = memberNames(createRequire(import.meta.url).resolve('typescript/lib/lib.dom.d.ts'));
  const publicNames = memberNames(root + '/src/types.ts');
  const kept = [...internal].filter((name) => dom.has(name) || publicNames.has(name)).sort();
  return { mangle: [...internal].filter((name) => !kept.includes(name)).sort(), kept };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { mangle, kept } = internalNames(process.cwd());
  console.log('shortened: ' + mangle.join(' ') + '\nkept (public or DOM): ' + kept.join(' '));
}
