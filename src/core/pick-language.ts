import { BUNDLED_LANGUAGES } from './languages';

/**
 * Picks the UI language: the explicit option, then `<html lang>`, then the browser's languages,
 * falling back to English. A candidate counts when its primary subtag is bundled or the inventory
 * brings texts for it.
 */
export function pickLanguage(option: string | undefined, inventoryLanguages: readonly string[]): string {
  for (const candidate of [option, document.documentElement.lang, ...(navigator.languages ?? [navigator.language])]) {
    const lang = candidate?.toLowerCase().split('-')[0];
    if (lang && (BUNDLED_LANGUAGES.includes(lang) || inventoryLanguages.includes(lang))) return lang;
  }
  return 'en';
}
