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
    (over[key] ?? messages[key] ?? '').replace(/\{(\w+)\}/g, (slot, name: string) => vars?.[name] ?? slot);
  const pick = (text?: InventoryText): string =>
    typeof text == 'object' ? (text[lang] ?? text[base] ?? text.en ?? Object.values(text)[0] ?? '') : (text ?? '');
  return { lang, t, pick, cat: (c, f) => pick(c[f]) || t(`category.${c.id}.${f}`), href: safeUrl };
}
