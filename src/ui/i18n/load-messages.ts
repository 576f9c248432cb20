import type { Messages } from '../translate';

/** One bundled language: the banner's and placeholders' texts, and a loader for the rest. */
export interface Language {
  /** The texts the banner and the embed placeholders need (title, text, buttons, category names, status). */
  readonly default: Messages;
  /**
   * Loads the other texts (preferences dialog, cookie declaration, notices of a broken site): a second
   * chunk per language (`more-<lang>`), fetched only with one of those views. Same keys, as public
   * as the banner's.
   */
  readonly more: () => Promise<{ readonly default: Messages }>;
}

/**
 * Loads one bundled language. Each language is its own literal dynamic import, so the bundler emits
 * one chunk per language and the browser downloads only the one picked (issue 3, item 6); that
 * chunk holds the banner's and placeholders' texts and the import of the language's second chunk,
 * so the UI's main chunk carries one import per language, not two. English is a chunk too, and the
 * fallback for a language that is not bundled.
 * @param lang - a language tag such as `de` or `pt-BR`; only its primary subtag counts (see `bundledLanguageOf`)
 * @returns the language module
 */
export function loadLanguage(lang: string): Promise<Language> {
  // The rule of `bundledLanguageOf` (core/languages.ts), without the list's settings-button labels,
  // which this file would otherwise carry: each bundled language a literal import, English the rest.
  const l = lang.split('-')[0]!.toLowerCase();
  return l == 'de' ? import('./de')
    : l == 'fr' ? import('./fr')
    : l == 'es' ? import('./es')
    : l == 'it' ? import('./it')
    : l == 'nl' ? import('./nl')
    : l == 'pt' ? import('./pt')
    : l == 'pl' ? import('./pl')
    : import('./en');
}

/**
 * English's second chunk (`more-en`), which `en`'s first chunk loads too: for `crumbs-banner.js`,
 * which carries English's first chunk itself. The same chunk file, whoever asks first.
 */
export const loadMoreEnglish = (): Promise<{ readonly default: Messages }> => import('./more-en');

/**
 * The first chunk's texts of one language, the banner's and placeholders' (see {@link loadLanguage}).
 * @param lang - a language tag such as `de` or `pt-BR`
 * @returns the flat message table
 */
export const loadMessages = (lang: string): Promise<Messages> => loadLanguage(lang).then((m) => m.default);

/**
 * The rest of one language's texts, from its second chunk (see {@link Language.more}).
 * @param lang - a language tag such as `de` or `pt-BR`
 * @returns the flat message table
 */
export const loadMoreMessages = (lang: string): Promise<Messages> =>
  loadLanguage(lang).then((m) => m.more()).then((m) => m.default);
