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
 * Sets inline properties through CSSOM (a style attribute string would break a strict CSP).
 * @returns what puts the element's own values back, and removes a style attribute it did not have
 */
function setStyles(element: HTMLElement, values: [name: string, value: string, priority?: string][]) {
  const { style } = element;
  const attribute = element.getAttribute('style');
  const before = values.map(([name]) => [name, style.getPropertyValue(name), style.getPropertyPriority(name)] as const);
  for (const [name, value, priority] of values) style.setProperty(name, value, priority);
  return () => {
    for (const [name, value, priority] of before) style.setProperty(name, value, priority);
    if (attribute == null && !style.length) element.removeAttribute('style');
  };
}

/**
 * Manages embed placeholders. Each is a `<div class="crumbs-placeholder">` whose content lives in
 * its own shadow root.
 *
 * Where the browser has CSS anchor positioning, the embed keeps its own box in the page's flow,
 * hidden (`visibility: hidden !important` inline, which also takes the empty frame out of the tab
 * order), and the placeholder lies over it, anchored to it: whatever sizes the embed sizes the
 * placeholder, and nothing moves when the embed takes its place. Only when the placeholder's text
 * and buttons need more height than the box has (a video scaled down to a phone) does the embed get
 * a `min-height`, until it loads.
 *
 * Elsewhere the placeholder stands in the flow in place of the embed, sized from its width and
 * height attributes (else its rendered size), and the embed is hidden with an inline
 * `display: none !important`, which page CSS such as `.video iframe { display: block }` cannot
 * override.
 *
 * Every inline value the embed had comes back exactly when the placeholder goes.
 * This module is its own chunk; its default export is all `mountUi` imports (a short name to call).
 * @param ui - the UI state
 * @param prepare - gives a new host its language, theme, shadow root and styles (plus `css`)
 */
export default function createPlaceholders(ui: Ui, prepare: (host: HTMLElement, css: string) => ShadowRoot): Placeholders {
  const { ctx } = ui;
  const win = ctx.document.defaultView!;
  const anchored = !!win.CSS?.supports?.('anchor-name', '--a');
  // Each embed's placeholder, and what restores the embed's own inline styles.
  const shown = new Map<HTMLElement, [HTMLElement, () => void]>();
  // "Load once" embeds stay loaded even while the core still lists them as blocked.
  const loaded = new WeakSet<Element>();
  // The embed whose "Load once" or "Always allow" was pressed. "Always allow" may take a while (the
  // decision code may load first), so the intent outlives the update that did not yet remove it.
  let chosen: HTMLElement | undefined;
  let count = 0;
  const remove = (embed: HTMLElement) => {
    const [host, restore] = shown.get(embed)!;
    // Focus inside the placeholder shows as focus on its host; a mouse click in Safari leaves it
    // on the body. Focus the visitor has moved elsewhere stays where it is.
    const active = (host.getRootNode() as Document | ShadowRoot).activeElement;
    const hadFocus = active == host || (embed == chosen && (!active || active == ctx.document.body));
    host.remove();
    shown.delete(embed);
    restore();
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
      let restore: () => void;
      let observe: ((content: Element) => void) | undefined;
      if (anchored) {
        // Inline: a name set in the shadow root's stylesheet would not find the page's embed.
        const name = '--crumbs-embed-' + ++count;
        s.setProperty('position-anchor', name);
        host.setAttribute('data-anchored', '');
        embed.after(host);
        const unset = setStyles(embed, [
          ['anchor-name', name],
          ['visibility', 'hidden', 'important'],
          ['min-height', ''],
        ]);
        // The height the content needs, padding and border included. A min-height below the box's
        // own height changes nothing; above it, the box grows until the embed loads.
        const grow = new ResizeObserver(([entry]) => {
          const box = entry!.target as HTMLElement;
          const first = box.firstElementChild as HTMLElement;
          const last = box.lastElementChild as HTMLElement;
          const edges = box.offsetHeight - box.clientHeight + 2 * parseFloat(win.getComputedStyle(box).paddingTop);
          embed.style.minHeight = last.offsetTop + last.offsetHeight - first.offsetTop + edges + 'px';
        });
        observe = (content) => grow.observe(content);
        restore = () => {
          grow.disconnect();
          unset();
        };
      } else {
        // The width/height attributes say what the author meant; else the rendered size.
        const w = embed.getAttribute('width') || embed.offsetWidth;
        const h = embed.getAttribute('height') || embed.offsetHeight;
        if (w) s.setProperty('--crumbs-width', isNaN(+w) ? '' + w : w + 'px');
        // Numeric attributes give the proportions too: a page that scales the embed down to its
        // column (max-width: 100%; height: auto) scales the placeholder the same way.
        if (+w && +h) s.setProperty('--crumbs-ratio', w + ' / ' + h);
        else if (h) s.setProperty('--crumbs-height', isNaN(+h) ? '' + h : h + 'px');
        embed.before(host);
        restore = setStyles(embed, [['display', 'none', 'important']]);
      }
      shown.set(embed, [host, restore]);
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
      const root = prepare(host, css);
      render(placeholder(ui, embed, loadOnce, always), root);
      observe?.(root.firstElementChild!);
    }
  };
  return { sync, clear: () => shown.forEach((_, embed) => remove(embed)) };
}
