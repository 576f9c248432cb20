/**
 * `crumbs-banner.js`: a first visit's banner before the engine. On a first visit the banner is what
 * the visitor waits for, and it needs neither the gate, the clean-up, the vendor APIs nor the
 * decision code: nothing is granted yet, and gated markup waits safely. So `crumbs.js` imports this
 * file (which imports `crumbs-ui.js`), and fetches the engine once the banner has been painted and
 * the decision code a task later. The engine then adopts this UI instead of mounting another.
 *
 * Built on its own, as the engine is: the few core modules it needs (stamp check, normaliser,
 * language choice) are copied into it, so that neither it nor the engine, which every returning
 * page view downloads, pays for chunk files shared between them; and English's banner texts, the
 * UI's `en` chunk, so that an English banner waits for no language file (see below).
 *
 * Only for an inline inventory whose stamp is current: it is trusted without the validator, exactly
 * as start-up trusts it. Anything else takes the engine's way (see `auto.ts`).
 */
import { inventoryHash } from '../core/hash';
import { inventoryStamp } from '../core/inventory/inventory-stamp';
import { nextTask } from '../core/next-task';
import { normalizeInventory } from '../core/inventory/normalize-inventory';
import { pickLanguage } from '../core/pick-language';
import { bundledLanguageOf } from '../core/languages';
import { gpcCounts, readGpc } from '../core/read-gpc';
import { whenBody } from '../core/when-body';
import type { TrustedInventory } from '../core/engine/start';
import type { Crumbs, InventoryInput, NoticeLayer, UiContext, UiHandle, UiLoader } from '../types';
// The build makes this the `crumbs-ui.js` next to this file, with the same version query as
// `crumbs.js` gives it (build.mjs): one module in the page, whichever asks for it first. `crumbs.js`
// asks for it together with this file: found only here, once this file is parsed after the page's
// first paint, it came one round trip later.
import * as UiModule from '../ui/index';
// English's first chunk, in this file: the texts of English and of every language that is not
// bundled (see `bundledLanguageOf`). Fetched as the UI's chunk, it was asked for only once this file
// was evaluated, after the page's first paint, and at 4x CPU on a busy machine the banner waited
// for it 28 ms after the normaliser was done (medians of 16 first visits, marks). Another language's
// chunk is still fetched.
import english from '../ui/i18n/en';
import type { Language } from '../ui/i18n/load-messages';

/** The banner on the page, waiting for the engine. */
export interface EarlyBanner {
  /** The engine's UI loader: hands this UI the engine's context and returns its handle. */
  readonly adopt: UiLoader;
  /** Removes the banner unless the engine adopted it (it did not want it, or could not be loaded). */
  drop(): void;
  /** The inventory as read here, so that the engine does not copy, hash and normalise it again. */
  readonly known: TrustedInventory;
}

/**
 * Shows the banner of a stamped inventory, on a first visit, without the engine.
 * @param json - the inline inventory as `crumbs.js` parsed it (its own object: used as is, and frozen in part)
 * @param lang - the script tag's `data-lang`
 * @param standIn - the stand-in `window.Crumbs` (decisions wait in it for the engine)
 * @param ui - `crumbs-ui.js` (tests hand in their own)
 * @returns the banner, or null when this inventory is not one to trust without the engine
 */
export async function showEarlyBanner(json: unknown, lang: string | undefined, standIn: Crumbs, ui: typeof UiModule = UiModule): Promise<EarlyBanner | null> {
  const { mountUi, mountUiWith } = ui;
  // No copy, unlike start-up's: `crumbs.js` parsed this object from the inline JSON itself (without
  // prototypes, see read-inventory.ts) and nobody else holds it, so normalising may freeze its parts.
  const raw = json as TrustedInventory['json'];
  // The texts' language: English's are here; another's chunk is on its way while the stamp is
  // checked and the inventory normalised, so that the banner's last download does not wait for that
  // work. The normaliser keeps `texts` as it is, so the pick is the one the UI will make.
  const picked = pickLanguage(lang, Object.keys(Object(raw.texts)));
  const language: Promise<Language> =
    bundledLanguageOf(picked) == 'en' ? Promise.resolve({ default: english, more: ui.loadMoreEnglish }) : ui.loadLanguage(picked);
  // Awaited below; a failure meanwhile is no unhandled rejection.
  language.catch(() => {});
  // The check and the normaliser in a task of their own, while the chunk loads: run in the same
  // microtask as the two modules' hand-over, they made one task of up to 60 ms at 4x CPU (traced),
  // a long task on a first visit; another language's banner waits for its chunk either way.
  await nextTask();
  const hash = inventoryHash(raw);
  if (raw.stamp !== inventoryStamp(raw, hash)) return null;
  // Normalised in the next task: with the hash, one task of 50-60 ms at 4x CPU (traced).
  await nextTask();
  // The shape the validator checked, vouched for by the stamp.
  const inventory = normalizeInventory(raw as InventoryInput, hash);
  // Until the engine adopts this UI, a decision waits for its context: the layer it came from goes
  // along with it, so that the consent record names the banner (or the dialog).
  let engineContext: UiContext | undefined;
  let adopt!: (context: UiContext) => void;
  const adopted = new Promise<UiContext>((resolve) => (adopt = resolve));
  let layer: NoticeLayer = 'banner';
  const decide =
    (action: 'acceptAll' | 'rejectAll' | 'save') =>
    (...args: unknown[]) => {
      const from = layer;
      return adopted.then((real) => {
        real.layer(from);
        return (real.crumbs[action] as (...a: unknown[]) => Promise<void>)(...args);
      });
    };
  const crumbs: Crumbs = { ...standIn, acceptAll: decide('acceptAll'), rejectAll: decide('rejectAll'), save: decide('save') };
  const context: UiContext = {
    crumbs,
    inventory,
    lang: picked,
    gpc: gpcCounts(readGpc(), inventory),
    document,
    // No gate yet, so no placeholders: they come with the engine's context.
    blockedEmbeds: () => engineContext?.blockedEmbeds() ?? [],
    loadOnce: (element) => void adopted.then((real) => real.loadOnce(element)),
    allowService: (id) => void adopted.then((real) => real.allowService(id)),
    layer: (from) => void (layer = from),
  };
  // A page may remove its body while it parses: then there is nowhere to draw, and the engine must
  // not wait for a banner that never comes.
  await Promise.race([whenBody(), whenBody(true)]);
  if (!document.body) return null;
  const handle: UiHandle = mountUiWith(context, await language);
  handle.show('banner');
  let dropped = false;
  return {
    known: { json: raw, hash, inventory },
    adopt(real) {
      // Dropped meanwhile: a UI of the engine's own, with the texts already here if they are its.
      if (dropped) return real.lang == picked ? language.then((texts) => mountUiWith(real, texts)) : mountUi(real);
      adopt((engineContext = real));
      // From now on the engine's gate knows the blocked embeds: their placeholders follow.
      handle.update();
      return handle;
    },
    drop() {
      if (engineContext || dropped) return;
      dropped = true;
      handle.destroy();
    },
  };
}
