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
