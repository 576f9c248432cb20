import { readFileSync } from 'node:fs';
import { defineConfig, type Plugin } from 'vitest/config';

/**
 * `import css from './styles.css'` yields the stylesheet text, as in build.mjs. The id is rewritten
 * so Vite's own CSS pipeline does not claim it.
 */
function cssAsText(): Plugin {
  const prefix = '\0crumbs-css:';
  return {
    name: 'crumbs-css-as-text',
    enforce: 'pre',
    async resolveId(source, importer) {
      if (!source.endsWith('.css') || !importer) return null;
      const resolved = await this.resolve(source, importer, { skipSelf: true });
      return resolved ? prefix + resolved.id.slice(0, -4) : null;
    },
    load(id) {
      if (!id.startsWith(prefix)) return null;
      return `export default ${JSON.stringify(readFileSync(id.slice(prefix.length) + '.css', 'utf8'))};`;
    },
  };
}

export default defineConfig({
  plugins: [cssAsText()],
  // Vite 8 transforms with oxc; JSX as in build.mjs (UI files also name their pragma themselves).
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  test: {
    environment: 'jsdom',
    include: ['tests/**/*.test.{ts,tsx}'],
    exclude: ['tests/browser/**'],
    setupFiles: ['tests/helpers/setup.ts'],
    restoreMocks: true,
  },
});
