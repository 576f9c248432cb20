// axe-core on a page of the suite, also under a strict CSP (its source then comes from the site's
// own origin, answered by the routes).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/** Where the test server answers axe-core's source on the site's own origin (for CSP pages). */
export const AXE_PATH = '/__tests__/axe.min.js';

/** axe-core's source, injected into pages with page.addScriptTag({ content }). */
export const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core (WCAG 2.0 to 2.2, levels A and AA) on the parts of the page `include` selects. */
export async function axe(page, include) {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // A page under a strict CSP refuses inline scripts: load axe from the site's own origin there.
    await page.addScriptTag({ content: AXE_SOURCE }).catch(() => page.addScriptTag({ url: AXE_PATH }));
  }
  return page.evaluate(async (include) => {
    const result = await window.axe.run(include ? { include } : document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(' >>> '), summary: n.failureSummary })),
    }));
  }, include);
}
