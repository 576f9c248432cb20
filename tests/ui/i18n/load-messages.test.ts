import { describe, expect, it } from 'vitest';
import { readdirSync } from 'node:fs';
import { BUNDLED_LANGUAGES, LANGUAGES, bundledLanguageOf } from '../../../src/core/languages';
import { loadLanguage, loadMessages, loadMoreEnglish, loadMoreMessages } from '../../../src/ui/i18n/load-messages';

const langs = BUNDLED_LANGUAGES;

/** Both parts of a language, merged as the UI merges them once a view beyond the banner loads. */
const allMessages = async (lang: string) => ({ ...(await loadMessages(lang)), ...(await loadMoreMessages(lang)) });

/**
 * Exactly the texts the banner shows (and the status it announces), and those of a returning
 * visitor's embed placeholder: they must be in the first part, so that neither view waits for the
 * second. A broken site's placeholder text (`placeholder.unavailable`) is not among them.
 */
const FIRST_KEY = /^(banner\.\w+|change\.later|policy\.link|gpc\.honoured|status\.saved|category\.\w+\.name|placeholder\.(text|loadOnce|always))$/;

describe('loadMessages and loadMoreMessages', () => {
  it('bundle every language with the same keys (both parts together) and no empty text', async () => {
    const en = await allMessages('en');
    expect(Object.keys(en)).toHaveLength(37);
    for (const lang of langs) {
      const m = await allMessages(lang);
      expect(Object.keys(m).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(m)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        // The same slots as English, so interpolation works in every language.
        expect(text.match(/\{\w+\}/g)?.sort(), `${lang} ${key}`).toEqual(en[key]!.match(/\{\w+\}/g)?.sort());
      }
    }
  });

  it("put the banner's and placeholder's texts in the first part and everything else in the second, never both", async () => {
    for (const lang of langs) {
      const first = Object.keys(await loadMessages(lang));
      const more = Object.keys(await loadMoreMessages(lang));
      expect(first.filter((k) => !FIRST_KEY.test(k)), `${lang}: other texts in the first part`).toEqual([]);
      expect(more.filter((k) => FIRST_KEY.test(k)), `${lang}: banner or placeholder texts in the second part`).toEqual([]);
      for (const key of ['prefs.title', 'table.name', 'placeholder.unavailable', 'settings.button', 'category.analytics.description'])
        expect(more, `${lang} ${key}`).toContain(key);
    }
  });

  it('exist for exactly the languages of the one table, and load as themselves (not as the English fallback)', async () => {
    const files = readdirSync('src/ui/i18n').filter((f) => /^[a-z]{2}\.ts$/.test(f)).map((f) => f.slice(0, 2));
    expect(files.sort()).toEqual([...langs].sort());
    for (const lang of langs.filter((l) => l != 'en'))
      expect((await loadMessages(lang))['banner.acceptAll'], lang).not.toBe((await loadMessages('en'))['banner.acceptAll']);
  });

  it("name the settings button as crumbs.js does, in every language", async () => {
    for (const lang of langs) expect((await loadMoreMessages(lang))['settings.button'], lang).toBe(LANGUAGES[lang]);
  });

  it('pick by primary subtag and fall back to English, both parts alike', async () => {
    expect((await loadMessages('pt-BR'))['banner.acceptAll']).toBe('Aceitar todos');
    expect((await loadMessages('DE'))['banner.acceptAll']).toBe('Alle akzeptieren');
    expect((await loadMessages('sv'))['banner.acceptAll']).toBe('Accept all');
    expect((await loadMoreMessages('DE-at'))['prefs.save']).toBe('Auswahl speichern');
    expect((await loadMoreMessages('sv'))['prefs.save']).toBe('Save choices');
    // The second part is loaded through the first part's module (one import per language in the main chunk).
    expect(typeof (await loadLanguage('fr')).more).toBe('function');
  });

  it("load the language bundledLanguageOf names (crumbs-banner.js brings English's first part by that rule), for bundled tags, other tags and 3-letter codes", async () => {
    const tags = [...langs, ...langs.map((l) => l.toUpperCase() + '-XX'), 'sv', 'fil', 'deu', 'ptx-BR', 'x', ''];
    for (const tag of tags) expect(await loadLanguage(tag), tag).toBe(await loadLanguage(bundledLanguageOf(tag)));
    expect(bundledLanguageOf('pt-BR')).toBe('pt');
    expect(bundledLanguageOf('deu')).toBe('en');
    // English's second part on its own is the one English's first part loads.
    expect(await loadMoreEnglish()).toBe(await (await loadLanguage('en')).more());
  });

  it('never implies consent by browsing (requirement B8)', async () => {
    const implied = /continu\w* (to )?(brows|navig|us)|weiter(surfen|e nutzung)|en poursuivant|continuando|doorgaan|kontynuuj/i;
    for (const lang of langs) for (const text of Object.values(await allMessages(lang))) expect(text).not.toMatch(implied);
  });

  it('mentions the purposes and how to change the choice in the banner texts', async () => {
    for (const lang of langs) {
      const m = await loadMessages(lang);
      expect(m['banner.text']).toContain('{purposes}');
      expect(m['banner.parties']).toContain('{parties}');
      expect(m['banner.parties']!.endsWith('.'), `${lang}: the party list is followed by a full stop`).toBe(true);
      expect(m['change.later']!.length).toBeGreaterThan(10);
    }
  });
});
