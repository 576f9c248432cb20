/**
 * Every language the UI ships texts for (`src/ui/i18n/<lang>.ts` and `more-<lang>.ts`), mapped to
 * the one text `crumbs.js` shows itself: the settings button's accessible name, which equals the UI's
 * `settings.button` text (one function, one name: WCAG 3.2.4). The one list: the language picker,
 * the settings button, the CLI's `notice --all` and the tests (every language has its files and
 * these texts) derive from it. A new language is a line here and its two text files.
 */
export const LANGUAGES: { readonly [lang: string]: string } = {
  en: 'Cookie settings',
  de: 'Cookie-Einstellungen',
  fr: 'Paramètres des cookies',
  es: 'Configuración de cookies',
  it: 'Impostazioni cookie',
  nl: 'Cookie-instellingen',
  pt: 'Definições de cookies',
  pl: 'Ustawienia cookie',
};

/** The bundled languages' codes, English first. */
export const BUNDLED_LANGUAGES = Object.keys(LANGUAGES);

/**
 * The bundled language whose texts a language tag gets: its primary subtag when that is bundled,
 * else English (the texts of every language that is not, an inventory's own included). The one
 * rule for which language file the UI loads, and for `crumbs-banner.js`, which brings English's.
 * @param lang - a language tag such as `de`, `pt-BR` or `sv`
 * @returns a code of {@link BUNDLED_LANGUAGES}
 */
export function bundledLanguageOf(lang: string): string {
  const primary = lang.split('-')[0]!.toLowerCase();
  return BUNDLED_LANGUAGES.includes(primary) ? primary : 'en';
}
