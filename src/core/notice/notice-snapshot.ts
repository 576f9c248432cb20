import type { Inventory, InventoryText, NoticeLayer, NoticeSnapshot } from '../../types';
import { stableJson } from '../hash';
import { VERSION } from '../version';
import { sha256 } from './sha256';

/**
 * The consent-relevant part of an inventory, in every language: what a visitor is told and asked
 * about. Changing any of it changes the notice, and a stored decision no longer counts (SPEC 8,
 * README "Proof of consent"). Left out on purpose, because they change nothing a visitor agrees
 * to: the layout, theme and settings button (`ui`), Consent Mode and vendor API settings, the GPC
 * setting, the consent cookie's own settings, `hosts` (used for clean-up, not shown), the stamp
 * and `$schema`. The revision is checked on its own.
 */
function noticeContent(inventory: Inventory) {
  return {
    policyUrl: inventory.policyUrl ?? null,
    categories: inventory.categories.map((c) => ({
      id: c.id,
      required: c.required,
      saleOrSharing: c.saleOrSharing,
      name: c.name ?? null,
      description: c.description ?? null,
    })),
    services: inventory.services.map((s) => ({
      id: s.id,
      category: s.category,
      name: s.name,
      provider: s.provider ?? null,
      description: s.description ?? null,
      justification: s.justification ?? null,
      policyUrl: s.policyUrl ?? null,
      cookies: s.cookies.map((c) => ({
        name: c.name,
        storage: c.storage,
        domain: c.domain ?? null,
        duration: c.duration ?? null,
        description: c.description ?? null,
      })),
    })),
    texts: inventory.texts,
  };
}

/**
 * Fingerprint of the notice in every language (8 hex digits), kept in the consent cookie: when it
 * differs from the current inventory's, the stored decision was given on another notice, and the
 * banner asks again, whether or not `revision` was raised.
 */
export const noticeFingerprint = (inventory: Inventory): string => fingerprintOf(sha256(noticeText(inventory)));

/** What `noticeFingerprint` hashes: the notice in every language, as JSON with sorted keys. */
export const noticeText = (inventory: Inventory): string => stableJson(noticeContent(inventory));

/** The fingerprint made of the SHA-256 (hex) of `noticeText`, however it was computed. */
export const fingerprintOf = (sha256Hex: string): string => sha256Hex.slice(0, 8);

/** An inventory text in `lang`, with the UI's fallbacks (base language, English, first value). */
function pick(text: InventoryText | null, lang: string): string | null {
  if (text == null || typeof text == 'string') return text;
  const base = lang.split('-')[0]!;
  return text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? null;
}

/**
 * The canonical snapshot of exactly what a visitor was shown, as text: the inventory's category,
 * service and cookie texts in the language shown, the site's own text overrides for that language
 * (button labels among them), the layer the decision came from, and the Crumbs version, which pins
 * the built-in wording of every language (`src/ui/i18n` of that release). JSON with sorted keys and
 * no white space, so that the browser and `crumbs-consent notice` write it byte for byte alike.
 * @param version - the Crumbs version that showed it
 */
export function noticeSnapshot(inventory: Inventory, lang: string, layer: NoticeLayer, version: string): string {
  const content = noticeContent(inventory);
  const base = lang.split('-')[0]!;
  return stableJson({
    format: 1,
    crumbs: version,
    lang,
    layer,
    revision: inventory.revision,
    policyUrl: content.policyUrl,
    categories: content.categories.map((c) => ({ ...c, name: pick(c.name, lang), description: pick(c.description, lang) })),
    services: content.services.map((s) => ({
      ...s,
      name: pick(s.name, lang),
      provider: pick(s.provider, lang),
      description: pick(s.description, lang),
      justification: pick(s.justification, lang),
      cookies: s.cookies.map((c) => ({ ...c, duration: pick(c.duration, lang), description: pick(c.description, lang) })),
    })),
    texts: { ...inventory.texts[base], ...inventory.texts[lang] },
  });
}

/** The hash a consent record carries: `sha256:` and the SHA-256 of the snapshot's UTF-8 bytes. */
export const noticeHash = (snapshot: string): string => hashOf(sha256(snapshot));

/** A consent record's `noticeHash` made of the SHA-256 (hex) of a snapshot, however it was computed. */
export const hashOf = (sha256Hex: string): string => 'sha256:' + sha256Hex;

/**
 * The notice snapshot a visitor gets in `lang` on `layer` from this version of Crumbs, with its hash:
 * what a consent record's `noticeHash` stands for. The same in the browser (`Crumbs.noticeSnapshot()`),
 * in Node and in `crumbs-consent notice`.
 * @param inventory - a validated inventory (`parseInventory`)
 * @param lang - the UI language, a primary language subtag (`de`)
 */
export function snapshotNotice(inventory: Inventory, lang: string, layer: NoticeLayer): NoticeSnapshot {
  const snapshot = noticeSnapshot(inventory, lang, layer, VERSION);
  return { noticeHash: noticeHash(snapshot), snapshot };
}
