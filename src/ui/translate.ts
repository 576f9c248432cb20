import type { Category, InventoryText, UiContext } from '../types';
import { safeUrl } from './safe-url';

/** One language's UI texts: a flat map of message key to text with `{name}` slots. */
export type Messages = Record<string, string>;

/** Texts resolved for the UI language, shared by every component. */
export interface Translate {
  /** Language of the rendered copy (goes on every root the UI draws, WCAG 3.1.2). */
  readonly lang: string;
  /** The UI text for `key`; the inventory's `texts[lang][key]` wins over the bundled one. Fills `{name}` slots from `vars`. */
  t(key: string, vars?: Record<string, string>): string;
  /** An inventory text in the UI language, falling back to English, then to its first value. */
  pick(text?: InventoryText): string;
  /** A category's `name` or `description`: the inventory's own text, else the built-in one. */
  cat(category: Category, field: 'name' | 'description'): string;
  /** An inventory URL if it may become a link (http(s) or relative), else undefined. */
  href(url?: string): string | undefined;
}

/**
 * An inventory text that holds right-to-left letters or direction controls, between FIRST STRONG
 * ISOLATE and POP DIRECTIONAL ISOLATE (what `<bdi>` does, also in attributes and plain strings):
 * an unterminated U+202E in a service name cannot reverse the rest of the sentence around it.
 * Other texts stay as they are.
 */
const isolate = (text: string) => (/[\u0590-\u08ff\u200e\u200f\u202a-\u202e\u2066-\u2069\ufb1d-\ufefc]/.test(text) ? '\u2068' + text + '\u2069' : text);

/**
 * Builds the translator for `ctx.lang` from the bundled `messages` of that language.
 * @param ctx - the UI context (language and inventory overrides)
 * @param messages - the bundled texts, as `loadMessages` returns them
 * @returns the translator every component receives
 */
export function createTranslate(ctx: UiContext, messages: Messages): Translate {
  const lang = ctx.lang;
  // `de-AT` falls back to `de`: inventories are usually written with bare language codes.
  const base = lang.split('-')[0]!;
  const texts = ctx.inventory.texts;
  const over = { ...texts[base], ...texts[lang] };
  const t = (key: string, vars?: Record<string, string>) =>
    // Own keys only: `{constructor}` in a text is a slot like any other, not Object's constructor.
    (over[key] ?? messages[key] ?? '').replace(/\{(\w+)\}/g, (slot, name: string) => (vars && Object.hasOwn(vars, name) ? vars[name]! : slot));
  const pick = (text?: InventoryText): string => isolate(
    typeof text == 'object' ? (text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? '') : (text ?? ''));
  return { lang, t, pick, cat: (c, f) => pick(c[f]) || t(`category.${c.id}.${f}`), href: safeUrl };
}
