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
 * so nothing shifts; its content lives in its own shadow root. The embed is `hidden` meanwhile.
 * @param ui - the UI state
 * @param prepare - gives a new host its language, theme, shadow root and styles (plus `css`)
 */
export function createPlaceholders(ui: Ui, prepare: (host: HTMLElement, css: string) => ShadowRoot): Placeholders {
  const { ctx } = ui;
  const shown = new Map<HTMLElement, HTMLElement>();
  // "Load once" embeds stay loaded even while the core still lists them as blocked.
  const loaded = new WeakSet<Element>();
  const remove = (embed: HTMLElement) => {
    shown.get(embed)?.remove();
    shown.delete(embed);
    embed.hidden = false;
  };
  return {
    sync() {
      const blocked = ctx.blockedEmbeds().filter((el) => !loaded.has(el)) as HTMLElement[];
      for (const embed of [...shown.keys()]) if (!blocked.includes(embed)) remove(embed);
      for (const embed of blocked) {
        if (shown.has(embed) || !embed.isConnected) continue;
        const host = ctx.document.createElement('div');
        host.className = 'crumbs-placeholder';
        // The width/height attributes say what the author meant; else the rendered size.
        const w = embed.getAttribute('width') || embed.offsetWidth;
        const h = embed.getAttribute('height') || embed.offsetHeight;
        if (w) host.style.width = isNaN(+w) ? '' + w : w + 'px';
        if (h) host.style.height = isNaN(+h) ? '' + h : h + 'px';
        // Never wider than the column it sits in (a 640 px video on a 320 px phone).
        host.style.maxWidth = '100%';
        embed.before(host);
        embed.hidden = true;
        shown.set(embed, host);
        const loadOnce = () => {
          loaded.add(embed);
          remove(embed);
          ctx.loadOnce(embed);
          // The button that had focus is gone; the embed is the natural next stop.
          embed.focus();
        };
        render(placeholder(ui, embed, loadOnce), prepare(host, css));
      }
    },
    clear: () => shown.forEach((_, embed) => remove(embed)),
  };
}
