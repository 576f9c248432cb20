// Every bundled language, in a real browser (issue 3, "Done when"): a first visit shows the banner in
// that language and downloads that language's chunk only; a keyboard-only visitor customises
// (Analytics on) and saves; later, on another page, the same visitor reopens the preferences from
// the cookie settings button and rejects everything, and the page's cookie declaration is in that
// language. The language comes from `<html lang>` (the served HTML is rewritten), except for one
// language that comes from the browser's locale (no `lang` on the page).
//
// Expected texts are read from the sources (src/ui/i18n/<lang>.ts and the core's settings-button
// labels), so the test follows any change of wording.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { visible } from './helpers/page-objects.mjs';
import { decodeConsentCookie, demoInventory, htmlResponse, inlineInventoryPage, openSite, ROOT, SITE, SITE_HOST, useSite } from './helpers/site.mjs';
import { siteResponse } from '../../demo/serve.mjs';

const env = useSite();

/** The bundled languages, from the one list (src/core/languages.ts), read below. */
const LANGUAGES = Object.keys(readTable('src/core/languages.ts'));
if (LANGUAGES.length < 2) throw new Error('src/core/languages.ts: could not read the language list');
/** The language picked from the browser's locale instead of `<html lang>`, and that locale. */
const BY_LOCALE = { lang: 'pl', locale: 'pl-PL' };

/** Reads `'key': "text"` (or single-quoted) lines of a TS source into a map; unescapes \" \' \\ \n. */
function readTable(file) {
  const source = readFileSync(join(ROOT, file), 'utf8');
  const table = {};
  const line = /^\s*'?([\w.]+)'?\s*:\s*("(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*')\s*,?\s*$/gm;
  for (const [, key, literal] of source.matchAll(line)) {
    table[key] = literal.slice(1, -1).replace(/\\(.)/g, (_, c) => (c === 'n' ? '\n' : c));
  }
  return table;
}

/** The bundled texts of one language, as the UI ships them. */
function messagesOf(lang) {
  // Banner texts, and the rest loaded with the dialog, placeholders or cookie table.
  const table = { ...readTable(`src/ui/i18n/${lang}.ts`), ...readTable(`src/ui/i18n/more-${lang}.ts`) };
  for (const key of ['banner.acceptAll', 'banner.rejectAll', 'banner.customise', 'banner.title', 'prefs.title', 'prefs.save', 'table.name'])
    if (!table[key]) throw new Error(`src/ui/i18n/${lang}.ts: could not read '${key}'`);
  return table;
}

/** The core's accessible names of the cookie settings button, one per language (src/core/languages.ts). */
const SETTINGS_LABELS = readTable('src/core/languages.ts');

const CATEGORIES = ['necessary', 'analytics', 'functionality', 'targeting'];

/** `/crumbs/chunks/<lang>-<hash>.js` of any bundled language: the language's code, else null. */
const languageOfChunk = (path) => {
  const m = /^\/crumbs\/chunks\/([a-z]{2})-[A-Za-z0-9]+\.js$/.exec(path);
  return m && LANGUAGES.includes(m[1]) ? m[1] : null;
};
const languageChunks = (site, since = 0) =>
  site.requests.slice(since).filter((r) => r.host === SITE_HOST && languageOfChunk(r.path)).map((r) => r.path);

/**
 * Serves the demo's HTML pages with `<html lang="en">` rewritten: to `<html lang="xx">`, or to
 * `<html>` (no language) when `lang` is null so that the browser's locale decides.
 */
function rewriteHtmlLang(site, lang) {
  for (const path of ['/', '/cookies.html']) {
    site.serve(path, () => {
      const { status, headers, body } = siteResponse(path, { cookie: '', secure: true });
      // The override cannot see the request's cookies: keep the existing Session cookie as it is.
      delete headers['set-cookie'];
      const html = body.toString('utf8');
      if (!html.includes('<html lang="en">')) throw new Error(`${path}: no <html lang="en"> to rewrite`);
      return { status, headers, body: html.replace('<html lang="en">', lang ? `<html lang="${lang}">` : '<html>') };
    });
  }
}

/** Sites opened with a locale of their own (outside useSite's bookkeeping), checked like useSite's. */
let localeSites = [];
afterEach(async () => {
  const open = localeSites;
  localeSites = [];
  const problems = [];
  for (const site of open) {
    if (site.leaks.length) problems.push('request left the machine: ' + site.leaks.join(', '));
    if (site.pageErrors.length) problems.push('uncaught page error: ' + site.pageErrors.map((e) => e.message).join(' | '));
    await site.context.close().catch(() => {});
  }
  if (problems.length) throw new Error(problems.join('\n'));
});

/** openSite with the browser's locale set (the suite's helper pins en-GB otherwise). */
async function openWithLocale(locale) {
  const browser = env.browser();
  const withLocale = { newContext: (options) => browser.newContext({ ...options, locale }) };
  const site = await openSite(withLocale, {});
  localeSites.push(site);
  return site;
}

/** Presses Tab until `matches(focused)` holds; returns the focused element. */
async function tabTo(site, matches, what, max = 80) {
  const seen = [];
  for (let i = 0; i < max; i++) {
    await site.page.keyboard.press('Tab');
    const focused = await site.focused();
    seen.push(focused ? focused.name || focused.tag : '(body)');
    if (focused && matches(focused)) return focused;
  }
  throw new Error(`${what}: never reached by Tab; focus went through: ${seen.join(' | ')}`);
}

/** What has focus, looking into shadow roots: 'body' when focus was lost. */
const activeElement = (site) =>
  site.page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body || el === document.documentElement) return 'body';
    return `${el.tagName.toLowerCase()} "${(el.getAttribute('aria-label') || el.textContent || '').trim().slice(0, 60)}"`;
  });

describe('the early banner of a stamped inline inventory (crumbs-banner.js), in each bundled language', () => {
  for (const lang of LANGUAGES) {
    test(`${lang}: the banner before the engine, with ${lang == 'en' ? 'no language file (crumbs-banner.js brings English)' : 'its language file only'}; the dialog in the same language`, async () => {
      const m = messagesOf(lang);
      const site = await env.open();
      const page = inlineInventoryPage('/');
      expect(page, 'the demo page is in English').toContain('<html lang="en">');
      site.serve('/inline.html', htmlResponse(page.replace('<html lang="en">', `<html lang="${lang}">`)));
      // The engine held back until the banner is checked: this is the banner before the engine.
      let release;
      const held = new Promise((resolve) => (release = resolve));
      site.serve('/crumbs/crumbs-engine.js', () => held.then(() => siteResponse('/crumbs/crumbs-engine.js')));
      const banner = site.page.locator('#crumbs-root').getByRole('region', { name: m['banner.title'], exact: true });
      try {
        await site.page.goto(SITE + '/inline.html', { waitUntil: 'commit' });
        await visible(banner, `the banner titled "${m['banner.title']}", while crumbs-engine.js is held back`);
        expect(await banner.getByRole('button').allInnerTexts(), 'banner buttons').toEqual([m['banner.acceptAll'], m['banner.rejectAll'], m['banner.customise']]);
        expect(languageChunks(site).map(languageOfChunk), 'language files before the banner').toEqual(lang == 'en' ? [] : [lang]);
      } finally {
        release();
      }
      await site.ready();
      // The dialog's texts are the language's second file, without its first for English.
      await banner.getByRole('button', { name: m['banner.customise'], exact: true }).click();
      const dialog = site.page.getByRole('dialog', { name: m['prefs.title'], exact: true });
      await visible(dialog, `the preferences dialog titled "${m['prefs.title']}"`);
      expect(await dialog.getByRole('button', { name: m['prefs.save'], exact: true }).count(), 'prefs.save').toBe(1);
      expect(languageChunks(site).map(languageOfChunk), 'language files after the dialog').toEqual(lang == 'en' ? [] : [lang]);
    });
  }
});

describe('each bundled language, mouse-free', () => {
  for (const lang of LANGUAGES) {
    const viaLocale = lang === BY_LOCALE.lang;
    const how = viaLocale ? `browser locale ${BY_LOCALE.locale}, no <html lang>` : `<html lang="${lang}">`;

    test(`${lang} (${how}): banner, keyboard-only customise, change of mind on /cookies.html`, async () => {
      const m = messagesOf(lang);
      const settingsLabel = SETTINGS_LABELS[lang];
      expect(settingsLabel, `settings-button label for ${lang}`).toBeTruthy();
      const site = viaLocale ? await openWithLocale(BY_LOCALE.locale) : await env.open();
      rewriteHtmlLang(site, viaLocale ? null : lang);
      const { page } = site;

      // 1. First visit: the banner in the language, the root marked with it, one language chunk.
      await site.goto('/');
      if (viaLocale) {
        expect(await page.evaluate(() => [document.documentElement.lang, navigator.language])).toEqual(['', BY_LOCALE.locale]);
      }
      const banner = page.locator('#crumbs-root').getByRole('region', { name: m['banner.title'], exact: true });
      await visible(banner, `the banner titled "${m['banner.title']}"`);
      const bannerButtons = await banner.getByRole('button').allInnerTexts();
      expect(bannerButtons.map((t) => t.trim()), 'banner buttons').toEqual([
        m['banner.acceptAll'],
        m['banner.rejectAll'],
        m['banner.customise'],
      ]);
      for (const key of ['banner.acceptAll', 'banner.rejectAll', 'banner.customise'])
        expect(await banner.getByRole('button', { name: m[key], exact: true }).count(), key).toBe(1);
      expect(await page.locator('#crumbs-root').getAttribute('lang'), 'widget root lang').toBe(lang);
      expect(await page.locator('#crumbs-root').getAttribute('dir'), 'widget root dir').toBe('ltr');
      const firstVisitChunks = languageChunks(site);
      expect(firstVisitChunks.length, `language chunks on the first visit: ${firstVisitChunks.join(', ')}`).toBe(1);
      expect(languageOfChunk(firstVisitChunks[0]), firstVisitChunks[0]).toBe(lang);

      // 2. Keyboard only: Customise, Analytics on with Space, Save choices with Enter.
      await page.keyboard.press('Tab');
      expect((await site.focused())?.inBanner, 'the first Tab stop is in the banner').toBe(true);
      await tabTo(site, (f) => f.inBanner && f.name === m['banner.customise'], `Customise ("${m['banner.customise']}")`, 10);
      await page.keyboard.press('Enter');
      const dialog = page.getByRole('dialog', { name: m['prefs.title'], exact: true });
      await visible(dialog, `the preferences dialog titled "${m['prefs.title']}"`);
      const analytics = m['category.analytics.name'];
      const onSwitch = await tabTo(site, (f) => f.inDialog && f.role === 'switch' && f.name === analytics, `the "${analytics}" switch`, 30);
      expect(onSwitch.checked, 'Analytics starts off on a first visit').toBe(false);
      await page.keyboard.press('Space');
      expect((await site.focused())?.checked, 'Space turned Analytics on').toBe(true);
      await tabTo(site, (f) => f.inDialog && f.name === m['prefs.save'], `Save choices ("${m['prefs.save']}")`, 60);
      await page.keyboard.press('Enter');
      await dialog.waitFor({ state: 'hidden' });
      await site.waitForVendors(['gtag.js', 'hotjar.js']);
      const saved = (await site.state()).consent;
      expect(saved, 'Crumbs.getConsent() after Save choices').toMatchObject({
        action: 'save',
        categories: ['necessary', 'analytics'],
        exceptions: {},
        lang,
      });
      const cookie = decodeConsentCookie(await site.consentCookie());
      // Every service shown, none an exception.
      expect(cookie && { categories: cookie.grantedCategories, shown: [...cookie.shownServices].sort(), exceptions: cookie.serviceExceptions, lang: cookie.noticeLang }, 'consent cookie').toEqual({
        categories: ['analytics'],
        shown: demoInventory().services.map((s) => s.id).sort(),
        exceptions: {},
        lang,
      });
      // The dialog was opened from the banner's Customise button, which goes away with the banner
      // when the decision is made: focus must land somewhere sensible, not on <body>. Soft, so that
      // one language's run reports every problem of the flow, not only the first.
      expect.soft(await activeElement(site), 'focus after Save choices (not lost to <body>)').not.toBe('body');
      expect(languageChunks(site), 'language chunks after customising').toEqual(firstVisitChunks);

      // 3. Another page: reopen from the cookie settings button, Reject all; the page reloads.
      const mark = site.requests.length;
      await site.goto('/cookies.html');
      const declaration = page.locator('[data-crumbs-cookie-table] .crumbs-declaration');
      await visible(declaration.locator('table'), 'the cookie declaration table');
      await tabTo(site, (f) => f.inSettingsButton && f.name === settingsLabel, `the settings button ("${settingsLabel}")`, 80);
      await page.keyboard.press('Enter');
      await visible(dialog, `the preferences dialog titled "${m['prefs.title']}"`);
      const analyticsSwitch = await dialog.getByRole('switch', { name: analytics, exact: true }).isChecked();
      expect(analyticsSwitch, 'the dialog shows the stored choice (Analytics on)').toBe(true);
      await tabTo(site, (f) => f.inDialog && f.name === m['banner.rejectAll'], `Reject all ("${m['banner.rejectAll']}")`, 60);
      const loads = site.navigations.length;
      await page.keyboard.press('Enter');
      // Analytics ran on this page, so revoking it reloads the page (reloadOnRevoke).
      await expect.poll(() => site.navigations.length, { timeout: 10_000, message: 'reload after revoking' }).toBeGreaterThan(loads);
      await page.waitForLoadState('load');
      await site.ready();
      const revoked = (await site.state()).consent;
      expect(revoked, 'Crumbs.getConsent() after Reject all').toMatchObject({ action: 'revoke', categories: ['necessary'], lang });
      expect(decodeConsentCookie(await site.consentCookie())?.grantedCategories, 'consent cookie categories').toEqual([]);
      expect(await site.optionalCookies().then((cs) => cs.map((c) => c.name)), 'optional cookies after revoking').toEqual([]);

      // The cookie declaration on /cookies.html is in the language.
      await visible(declaration.locator('table'), 'the cookie declaration table after the reload');
      expect(await declaration.getAttribute('lang'), 'declaration lang').toBe(lang);
      const headings = (await declaration.locator('h3').allInnerTexts()).map((t) => t.trim());
      expect(headings, 'category headings').toEqual(CATEGORIES.map((c) => m[`category.${c}.name`]));
      const headers = await declaration.locator('thead').first().locator('th').allInnerTexts();
      expect(headers.map((t) => t.trim()), 'column headers').toEqual([m['table.name'], m['table.duration'], m['table.description']]);
      const allHeaders = new Set((await declaration.locator('th').allInnerTexts()).map((t) => t.trim()));
      expect([...allHeaders].sort(), 'every table header').toEqual([m['table.name'], m['table.duration'], m['table.description']].sort());
      expect((await declaration.getByRole('button').allInnerTexts()).map((t) => t.trim()), 'declaration button').toEqual([m['settings.button']]);

      // Only this language's chunk, on every page load of the test.
      const others = languageChunks(site).filter((p) => languageOfChunk(p) !== lang);
      expect(others, 'chunks of other languages').toEqual([]);
      expect(languageChunks(site, mark).length, 'the language chunk was fetched again on /cookies.html').toBeGreaterThan(0);
    });
  }
});
