import { render } from 'preact';
import css from './placeholder.css';
import { placeholder } from './placeholder';
import type { Ui } from './ui';

/** The embed placeholders of a page, kept in step with the core's list of blocked embeds. */
export interface Placeholders {
  /** Adds placeholders for newly blocked embeds and removes those whose embed was granted. */
  sync(): void;
  /** Removes every placeholder and shows the embeds again. */
  clear(): void;
}

/**
 * Manages embed placeholders. Each is a `<div class="crumbs-placeholder">` inserted right before
 * its embed and sized like it through CSSOM (a style attribute string would break a strict CSP),
 * so nothing shifts; its content lives in its own shadow root. Meanwhile the embed is hidden with
 * an inline `display: none !important`, which page CSS such as `.video iframe { display: block }`
 * cannot override (the `hidden` attribute can be); its own inline `display` comes back exactly
 * when the placeholder goes.
 * This module is its own chunk; its default export is all `mountUi` imports (a short name to call).
 * @param ui - the UI state
 * @param prepare - gives a new host its language, theme, shadow root and styles (plus `css`)
 */
export default function createPlaceholders(ui: Ui, prepare: (host: HTMLElement, css: string) => ShadowRoot): Placeholders {
  const { ctx } = ui;
  // Each embed's placeholder, and the inline display value and priority and style attribute it had before.
  const shown = new Map<HTMLElement, [HTMLElement, string, string, string | null]>();
  // "Load once" embeds stay loaded even while the core still lists them as blocked.
  const loaded = new WeakSet<Element>();
  // The embed whose "Load once" or "Always allow" was pressed. "Always allow" may take a while (the
  // decision code may load first), so the intent outlives the update that did not yet remove it.
  let chosen: HTMLElement | undefined;
  const remove = (embed: HTMLElement) => {
    const [host, display, priority, attribute] = shown.get(embed)!;
    // Focus inside the placeholder shows as focus on its host; a mouse click in Safari leaves it
    // on the body. Focus the visitor has moved elsewhere stays where it is.
    const active = (host.getRootNode() as Document | ShadowRoot).activeElement;
    const hadFocus = active == host || (embed == chosen && (!active || active == ctx.document.body));
    host.remove();
    shown.delete(embed);
    if (display) embed.style.setProperty('display', display, priority);
    else embed.style.removeProperty('display');
    if (attribute == null && !embed.style.length) embed.removeAttribute('style');
    // The button that had focus is gone; the embed is the natural next stop.
    if (hadFocus) {
      chosen = undefined;
      embed.focus();
    }
  };
  const sync = () => {
    const blocked = ctx.blockedEmbeds().filter((el) => !loaded.has(el)) as HTMLElement[];
    for (const embed of [...shown.keys()]) if (!blocked.includes(embed)) remove(embed);
    for (const embed of blocked) {
      if (shown.has(embed) || !embed.isConnected) continue;
      const host = ctx.document.createElement('div');
      host.className = 'crumbs-placeholder';
      const s = host.style;
      // The width/height attributes say what the author meant; else the rendered size.
      const w = embed.getAttribute('width') || embed.offsetWidth;
      const h = embed.getAttribute('height') || embed.offsetHeight;
      if (w) s.width = isNaN(+w) ? '' + w : w + 'px';
      // Numeric attributes give the proportions too: a page that scales the embed down to its
      // column (max-width: 100%; height: auto) scales the placeholder the same way, no jump on load.
      if (+w && +h) s.aspectRatio = w + ' / ' + h;
      else if (h) s.height = isNaN(+h) ? '' + h : h + 'px';
      // Never wider than the column it sits in (a 640 px video on a 320 px phone).
      s.maxWidth = '100%';
      embed.before(host);
      const { style } = embed;
      shown.set(embed, [host, style.getPropertyValue('display'), style.getPropertyPriority('display'), embed.getAttribute('style')]);
      style.setProperty('display', 'none', 'important');
      const loadOnce = () => {
        loaded.add(embed);
        chosen = embed;
        remove(embed);
        ctx.loadOnce(embed);
      };
      const always = (id: string) => {
        chosen = embed;
        ctx.allowService(id);
        // The decision activates the embed at once; do not wait for the core's update to show it.
        sync();
      };
      render(placeholder(ui, embed, loadOnce, always), prepare(host, css));
    }
  };
  return { sync, clear: () => shown.forEach((_, embed) => remove(embed)) };
}
