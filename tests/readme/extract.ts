// The code examples of README.md, as the tests read them: the README is what users paste, so its
// examples are run by tests instead of being copied into them (and cannot drift from the code).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One fenced code block of a Markdown file. */
export interface CodeBlock {
  /** The info string's first word: `ts`, `html`, `json`, `sh`, or `''`. */
  readonly lang: string;
  /** The code, with the indentation of its fence (a block inside a list item) removed. */
  readonly code: string;
  /** The heading the block stands under (`Install on a site (no build tools)`). */
  readonly heading: string;
  /** Line of the opening fence, 1-based. */
  readonly line: number;
}

/** Every fenced (```) code block of `markdown`, in order. */
export function codeBlocks(markdown: string): CodeBlock[] {
  const blocks: CodeBlock[] = [];
  const lines = markdown.split('\n');
  let heading = '';
  for (let i = 0; i < lines.length; i++) {
    const title = /^#{1,6}\s+(.*)$/.exec(lines[i]!);
    if (title) {
      heading = title[1]!.trim();
      continue;
    }
    const open = /^( *)```\s*([\w-]*)/.exec(lines[i]!);
    if (!open) continue;
    const indent = open[1]!.length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^ *```\s*$/.test(lines[j]!); j++) {
      const text = lines[j]!;
      body.push(text.slice(Math.min(indent, text.length - text.trimStart().length)));
    }
    if (j === lines.length) throw new Error(`README.md:${i + 1}: code block is never closed`);
    blocks.push({ lang: open[2]!.toLowerCase(), code: body.join('\n') + '\n', heading, line: i + 1 });
    i = j;
  }
  return blocks;
}

/** The root README's code blocks. */
export function readmeBlocks(root = process.cwd()): CodeBlock[] {
  return codeBlocks(readFileSync(join(root, 'README.md'), 'utf8'));
}

/** TypeScript or JavaScript examples that use the npm package (`from 'crumbs-consent'`, `/core`, or `require`). */
export function npmApiExamples(blocks: readonly CodeBlock[]): CodeBlock[] {
  return blocks.filter(
    (b) =>
      ['ts', 'typescript', 'js', 'javascript', 'mjs', 'mts'].includes(b.lang) &&
      /(from\s*|import\s*\(\s*|require\s*\(\s*)['"]crumbs-consent(\/[\w./-]+)?['"]/.test(b.code),
  );
}

/** JSON examples that parse and look like an inventory (they have `categories`). */
export function inventoryExamples(blocks: readonly CodeBlock[]): { block: CodeBlock; json: { categories: { id: string }[]; services?: { id: string }[] } }[] {
  return blocks.flatMap((block) => {
    if (block.lang !== 'json') return [];
    try {
      const json = JSON.parse(block.code);
      return json && Array.isArray(json.categories) ? [{ block, json }] : [];
    } catch {
      return [];
    }
  });
}
