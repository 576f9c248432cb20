// The first visit's banner before the engine (src/script/banner-entry.ts), in jsdom: when it may
// show, and how a decision taken in it reaches the engine once the engine adopts it.
import { fireEvent, within } from '@testing-library/preact';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDecisions } from '../../src/core/create-decisions';
import { createEmitter } from '../../src/core/create-emitter';
import { createEngine } from '../../src/core/create-engine';
import { validateInventory } from '../../src/core/inventory/validate-inventory';
import { createConsentMode } from '../../src/integrations/google-consent-mode';
import { inventoryStamp } from '../../src/core/inventory/inventory-stamp';
import { showEarlyBanner, type EarlyBanner } from '../../src/script/banner-entry';
import { createDeferredApi } from '../../src/script/create-deferred-api';
import type { Crumbs, NoticeLayer, UiContext } from '../../src/types';
import * as uiModule from '../../src/ui';
import { mounted } from '../helpers/mounted';

/** The demo inventory, stamped for the version under test (the file's stamp is for the released one), with `texts` if given. */
function stamped(texts?: Record<string, Record<string, string>>) {
  const json = JSON.parse(readFileSync(join(process.cwd(), 'demo/cookies.json'), 'utf8'));
  delete json.stamp;
  if (texts) json.texts = texts;
  return { ...json, stamp: inventoryStamp(json) };
}

/** Shows the early banner (in `lang`, with `ui` for `crumbs-ui.js`) and registers it for clean-up. */
async function show(json: unknown = stamped(), lang = 'en', ui: typeof uiModule = uiModule) {
  const standIn = createDeferredApi(createEmitter()).api;
  const banner = await showEarlyBanner(json, lang, standIn, ui);
  if (banner) mounted.add({ destroy: () => banner.drop() });
  const shadow = document.getElementById('crumbs-root')?.shadowRoot;
  return { banner, ui: shadow && within(shadow as unknown as HTMLElement) };
}

/** What the engine would hand over: its context, recording what the UI asks of it. */
function engineContext(real: UiContext['inventory']) {
  const calls: [string, unknown][] = [];
  const crumbs = {
    acceptAll: async () => void calls.push(['acceptAll', undefined]),
    rejectAll: async () => void calls.push(['rejectAll', undefined]),
    save: async (choice: unknown) => void calls.push(['save', choice]),
    isGranted: () => false,
    getConsent: () => null,
  } as unknown as Crumbs;
  const context: UiContext = {
    crumbs,
    inventory: real,
    lang: 'en',
    gpc: false,
    document,
    blockedEmbeds: () => [],
    loadOnce: () => {},
    allowService: () => {},
    layer: (layer: NoticeLayer) => void calls.push(['layer', layer]),
  };
  return { context, calls };
}

/** Lets the engine adopt the banner, and returns the handle it gets. */
async function adopt(banner: EarlyBanner, context: UiContext) {
  const handle = await banner.adopt(context);
  mounted.add(handle);
  return handle;
}

describe('the early banner', () => {
  it('shows the banner of a stamped inventory, in the requested language, without an engine', async () => {
    const { banner, ui } = await show();
    expect(banner).not.toBeNull();
    const region = ui!.getByRole('region', { name: 'Your privacy choices' });
    expect(within(region).getAllByRole('button').map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Customise']);
  });

  it('asks for the language the UI will speak before it checks the inventory, in a task of its own, so that the chunk loads meanwhile', async () => {
    const order: string[] = [];
    const ui = {
      ...uiModule,
      loadLanguage: (lang: string) => {
        order.push('load ' + lang);
        return uiModule.loadLanguage(lang);
      },
      mountUiWith: (context: UiContext, language: Parameters<typeof uiModule.mountUiWith>[1]) => {
        order.push('mount ' + context.lang);
        return uiModule.mountUiWith(context, language);
      },
    };
    const json = stamped();
    // The stamp check reads every field; this one says when.
    const revision = json.revision;
    Object.defineProperty(json, 'revision', {
      enumerable: true,
      get: () => {
        if (order.at(-1) != 'read') order.push('read');
        return revision;
      },
    });
    document.documentElement.lang = 'de-AT';
    try {
      // Queued first: it runs before any task the banner queues, after anything it does at once.
      setTimeout(() => order.push('next task'));
      const banner = await showEarlyBanner(json, undefined, createDeferredApi(createEmitter()).api, ui);
      mounted.add({ destroy: () => banner?.drop() });
    } finally {
      document.documentElement.lang = '';
    }
    // The check comes in a later task than the request: not one long task with the modules' hand-over.
    expect(order).toEqual(['load de', 'next task', 'read', 'mount de']);
    expect(document.getElementById('crumbs-root')!.shadowRoot!.textContent).toContain('Alle ablehnen');
  });

  it('brings English with it, for English and for a language the inventory brings and Crumbs does not: no language file before the banner, and the dialog still gets its texts', async () => {
    for (const [lang, title] of [
      ['en', 'Your privacy choices'],
      ['sv', 'Dina val om cookies'],
    ] as const) {
      const asked: string[] = [];
      const ui = { ...uiModule, loadLanguage: (l: string) => (asked.push(l), uiModule.loadLanguage(l)) };
      const { banner, ui: shadow } = await show(stamped({ sv: { 'banner.title': 'Dina val om cookies' } }), lang, ui);
      const region = shadow!.getByRole('region', { name: title });
      expect(within(region).getAllByRole('button').map((b) => b.textContent), lang).toEqual(['Accept all', 'Reject all', 'Customise']);
      expect(asked, `${lang}: language files asked for before the banner`).toEqual([]);
      // The dialog's texts are English's second chunk, loaded without its first.
      fireEvent.click(shadow!.getByRole('button', { name: 'Customise' }));
      const dialog = await shadow!.findByRole('dialog', { name: 'Cookie settings' });
      expect(within(dialog).getByRole('button', { name: 'Save choices' })).toBeTruthy();
      banner!.drop();
    }
  });

  it('shows nothing, and rejects, when another language\'s file cannot be loaded: the engine then takes its own way', async () => {
    const ui = { ...uiModule, loadLanguage: () => Promise.reject(new Error('offline')) };
    await expect(show(stamped(), 'de', ui)).rejects.toThrow('offline');
    expect(document.getElementById('crumbs-root')).toBeNull();
  });

  it('adopted after drop(), it mounts the engine\'s UI with the English texts it has, fetching no language file', async () => {
    const asked: string[] = [];
    // mountUi would load the language's file itself.
    const ui = {
      ...uiModule,
      loadLanguage: (l: string) => (asked.push('load ' + l), uiModule.loadLanguage(l)),
      mountUi: (c: UiContext) => (asked.push('mountUi ' + c.lang), uiModule.mountUi(c)),
    };
    const banner = (await show(stamped(), 'en', ui)).banner!;
    banner.drop();
    expect(document.getElementById('crumbs-root')).toBeNull();
    const { context } = engineContext(banner.known.inventory);
    const handle = await adopt(banner, context);
    handle.show('banner');
    const shadow = within(document.getElementById('crumbs-root')!.shadowRoot as unknown as HTMLElement);
    expect(shadow.getByRole('region', { name: 'Your privacy choices' })).toBeTruthy();
    expect(asked).toEqual([]);
  });

  it('shows nothing for an inventory whose stamp does not hold (edited after stamping): the engine validates it', async () => {
    const json = stamped();
    json.revision = (json.revision ?? 0) + 1;
    const { banner } = await show(json);
    expect(banner).toBeNull();
    expect(document.getElementById('crumbs-root')).toBeNull();
  });

  it('a click waits for the engine, which then gets it with the layer it came from', async () => {
    const { banner, ui } = await show();
    fireEvent.click(ui!.getByRole('button', { name: 'Reject all' }));
    const { context, calls } = engineContext({} as UiContext['inventory']);
    await Promise.resolve();
    expect(calls, 'nothing before the engine is there').toEqual([]);
    const handle = await adopt(banner!, context);
    await expect.poll(() => calls).toEqual([
      ['layer', 'banner'],
      ['rejectAll', undefined],
    ]);
    // The engine drives the same UI: no second banner.
    handle.hide();
    expect(ui!.queryByRole('region')).toBeNull();
    expect(document.querySelectorAll('#crumbs-root')).toHaveLength(1);
  });

  it('a choice saved in the dialog before the engine is the dialog\'s', async () => {
    const { banner, ui } = await show();
    fireEvent.click(ui!.getByRole('button', { name: 'Customise' }));
    const dialog = await ui!.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Save choices' }));
    const { context, calls } = engineContext({} as UiContext['inventory']);
    await adopt(banner!, context);
    await expect.poll(() => calls.map(([name, value]) => (name == 'layer' ? value : name))).toEqual(['dialog', 'save']);
  });

  it('drop() removes it unless the engine has adopted it', async () => {
    const first = await show();
    first.banner!.drop();
    expect(document.getElementById('crumbs-root')).toBeNull();

    const second = await show();
    await adopt(second.banner!, engineContext({} as UiContext['inventory']).context);
    second.banner!.drop();
    expect(second.ui!.getByRole('region', { name: 'Your privacy choices' })).toBeTruthy();
  });

  it('the engine starts from the inventory it read: no second copy, hash or normalisation', async () => {
    const json = stamped();
    const emitter = createEmitter();
    const banner = (await showEarlyBanner(json, 'en', createDeferredApi(emitter).api, uiModule))!;
    mounted.add({ destroy: () => banner.drop() });
    const handed: UiContext[] = [];
    const engine = createEngine(
      { inventory: json, lang: 'en', ui: (context) => (handed.push(context), banner.adopt(context)) },
      {
        // As the script tag's engine gets them: fetched on demand, so the validator would show.
        sources: { load: () => Promise.resolve(createDecisions), validator: () => Promise.reject(new Error('not wanted')) },
        consentMode: createConsentMode(),
        emitter,
        known: banner.known,
      },
    );
    mounted.add(engine);
    expect(await engine.ready).toBeNull();
    await expect.poll(() => handed.length).toBe(1);
    expect(handed[0]!.inventory).toBe(banner.known.inventory);
    expect(document.querySelectorAll('#crumbs-root'), 'the engine drives the early banner').toHaveLength(1);
  });
});
