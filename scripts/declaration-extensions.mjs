// Makes emitted declarations resolvable under "moduleResolution": "node16" / "nodenext".
//
// The sources import each other without extensions (`from './core/index'`), which `tsc` copies
// into the .d.ts files as they are. Node's ESM resolution, and so TypeScript's under node16 and
// nodenext, requires the full file name: there, `export { createCrumbs } from './core/index'`
// fails (TS2834 with `skipLibCheck: false`, a silent `any` with it on). This rewrites every
// relative specifier of every .d.ts file below a folder to the name of the JavaScript file it
// stands for (`./core/index.js`, `./ui/index.js` for a folder), which every resolution mode
// (node10, node16, nodenext, bundler) maps back to the .d.ts beside it.
//
//   node scripts/declaration-extensions.mjs dist/types    (build.mjs calls addDeclarationExtensions)
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** Every .d.ts file below `dir`. */
function declarationFiles(dir) {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.d.ts'))
    .map((entry) => join(entry.parentPath ?? entry.path, entry.name));
}

/** The string literals naming a module in `source`: imports, exports, `import("...")` types, `declare module`. */
function moduleSpecifiers(source) {
  const found = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
      found.push(node.argument.literal);
    } else if (ts.isModuleDeclaration(node) && ts.isStringLiteral(node.name)) {
      found.push(node.name);
    } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
      found.push(node.moduleReference.expression);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/**
 * The specifier with the extension Node needs, or throws when it names no declaration file.
 * @param {string} file the .d.ts file that contains it
 * @param {string} specifier a relative specifier such as `./core/index` or `../types`
 */
function withExtension(file, specifier) {
  const target = resolve(dirname(file), specifier);
  if (/\.(c|m)?js$/.test(specifier) && existsSync(target.replace(/\.(c|m)?js$/, '.d.$1ts'))) return specifier;
  if (existsSync(`${target}.d.ts`)) return `${specifier}.js`;
  if (existsSync(join(target, 'index.d.ts'))) return `${specifier.replace(/\/$/, '')}/index.js`;
  throw new Error(`${file}: "${specifier}" names no declaration file`);
}

/**
 * Rewrites the relative module specifiers of every .d.ts file below `dir` in place.
 * @param {string} dir e.g. dist/types
 * @returns {number} how many specifiers were changed
 */
export function addDeclarationExtensions(dir) {
  let changed = 0;
  for (const file of declarationFiles(dir)) {
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
    let out = text;
    // From the end, so that earlier offsets stay valid.
    for (const literal of moduleSpecifiers(source).reverse()) {
      if (!literal.text.startsWith('./') && !literal.text.startsWith('../')) continue;
      const next = withExtension(file, literal.text);
      if (next === literal.text) continue;
      const start = literal.getStart(source);
      const quote = text[start];
      out = out.slice(0, start) + quote + next + quote + out.slice(literal.getEnd());
      changed++;
    }
    if (out !== text) writeFileSync(file, out);
  }
  return changed;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const dir = process.argv[2];
  if (!dir) {
    console.error('usage: node scripts/declaration-extensions.mjs <dir with .d.ts files>');
    process.exit(2);
  }
  console.log(`${relative(process.cwd(), dir)}: ${addDeclarationExtensions(dir)} relative specifiers given their extension`);
}
