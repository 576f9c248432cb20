import { describe, expect, it } from 'vitest';
import { loadMessages } from '../../../src/ui/i18n/load-messages';

const langs = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];

describe('loadMessages', () => {
  it('bundles every language with the same keys and no empty text', async () => {
    const en = await loadMessages('en');
    for (const lang of langs) {
      const m = await loadMessages(lang);
      expect(Object.keys(m).sort(), lang).toEqual(Object.keys(en).sort());
      for (const [key, text] of Object.entries(m)) {
        expect(text.trim(), `${lang} ${key}`).not.toBe('');
        // The same slots as English, so interpolation works in every language.
        expect(text.match(/\{\w+\}/g)?.sort(), `${lang} ${key}`).toEqual(en[key]!.match(/\{\w+\}/g)?.sort());
      }
    }
  });

  it('picks by primary subtag and falls back to English', async () => {
    expect((await loadMessages('pt-BR'))['banner.acceptAll']).toBe('Aceitar todos');
    expect((await loadMessages('DE'))['banner.acceptAll']).toBe('Alle akzeptieren');
    expect((await loadMessages('sv'))['banner.acceptAll']).toBe('Accept all');
  });

  it('never implies consent by browsing (requirement B8)', async () => {
    const implied = /continu\w* (to )?(brows|navig|us)|weiter(surfen|e nutzung)|en poursuivant|continuando|doorgaan|kontynuuj/i;
    for (const lang of langs) for (const text of Object.values(await loadMessages(lang))) expect(text).not.toMatch(implied);
  });

  it('mentions the purposes and how to change the choice in the banner texts', async () => {
    for (const lang of langs) {
      const m = await loadMessages(lang);
      expect(m['banner.text']).toContain('{purposes}');
      expect(m['banner.parties']).toContain('{parties}');
      expect(m['change.later']!.length).toBeGreaterThan(10);
    }
  });
});
