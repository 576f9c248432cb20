import type { Messages } from '../translate';

/**
 * Loads the bundled texts of one language. Each language is its own literal dynamic import, so the
 * bundler emits one chunk per language and the browser downloads only the one picked (issue 3,
 * item 6). English is a chunk too, and the fallback for a language that is not bundled.
 * @param lang - a language tag such as `de` or `pt-BR`; only its primary subtag counts
 * @returns the flat message table of that language
 */
export function loadMessages(lang: string): Promise<Messages> {
  const l = lang.slice(0, 2).toLowerCase();
  return (
    l == 'de' ? import('./de')
    : l == 'fr' ? import('./fr')
    : l == 'es' ? import('./es')
    : l == 'it' ? import('./it')
    : l == 'nl' ? import('./nl')
    : l == 'pt' ? import('./pt')
    : l == 'pl' ? import('./pl')
    : import('./en')
  ).then((m) => m.default);
}
