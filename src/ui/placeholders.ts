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
  return (target = element) => {
    for (const [name, value, priority] of before) target.style.setProperty(name, value, priority);
    if (attribute == null && !target.style.length) target.removeAttribute('style');
  };
}

/**
 * Whether an element with this style is the containing block of an absolutely positioned
 * descendant (the placeholder's overlay): positioned, or transformed, filtered or paint- or
 * layout-contained. Chromium's offsetParent stops at the same (seen: transform, filter and
 * `contain: paint`).
 */
const containsOverlay = (style: CSSStyleDeclaration) =>
  style.position != 'static' ||
  [style.transform, style.translate, style.rotate, style.scale, style.perspective, style.filter, style.backdropFilter].some((value) => value && value != 'none') ||
  /paint|layout|strict|content/.test(style.contain) ||
  /transform|translate|rotate|scale|perspective|filter/.test(style.willChange);

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
  const shown = new Map<HTMLElement, [HTMLElement, (target?: HTMLElement) => void]>();
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
    // An iframe activated while the page parses is replaced by a copy (see the gate), which took
    // our inline styles along: it stands next to the placeholder, where the embed was.
    const now = (embed.isConnected ? embed : [host.previousElementSibling, host.nextElementSibling].find((el) => el?.isEqualNode(embed))) as HTMLElement | undefined;
    host.remove();
    shown.delete(embed);
    restore(embed);
    if (now && now != embed) restore(now);
    // The button that had focus is gone; the embed is the natural next stop.
    if (hadFocus) {
      chosen = undefined;
      now?.focus();
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
      let restore: (target?: HTMLElement) => void;
      let observe: ((content: Element) => void) | undefined;
      // An overlay would escape the clipping of a scroller between the embed and the overlay's
      // containing block (a carousel): there the placeholder stands in the flow instead. The
      // containing block is found from computed styles (see `containsOverlay`), not from
      // offsetParent, which would lay the whole page out inside this task, only to be laid out
      // again once the placeholder is drawn; and which stops at a table cell, not a containing block.
      const clipped = () => {
        for (let el = embed.parentElement; el && el != ctx.document.body; el = el.parentElement) {
          const style = win.getComputedStyle(el);
          if (style.display == 'contents') continue; // no box: it neither contains nor clips
          if (containsOverlay(style)) return;
          if (style.overflow != 'visible') return true;
        }
      };
      if (anchored) {
        host.setAttribute('data-anchored', '');
        embed.after(host);
      }
      if (anchored && !clipped()) {
        // Inline: a name set in the shadow root's stylesheet would not find the page's embed.
        const name = '--crumbs-embed-' + ++count;
        s.setProperty('position-anchor', name);
        const own = embed.style.minHeight;
        const unset = setStyles(embed, [
          ['anchor-name', name],
          ['visibility', 'hidden', 'important'],
        ]);
        // When the text and buttons need more height than the embed's own box (the page's
        // min-height included), the embed gets that as min-height until it loads. Measured after
        // layout, in the next frame: written from the observer, it would resize what it observes.
        let frame = 0;
        const grow = new ResizeObserver(([entry]) => {
          const box = entry!.target as HTMLElement;
          cancelAnimationFrame(frame);
          frame = requestAnimationFrame(() => {
            const first = box.firstElementChild as HTMLElement;
            const last = box.lastElementChild as HTMLElement;
            const edges = box.offsetHeight - box.clientHeight + 2 * parseFloat(win.getComputedStyle(box).paddingTop);
            const need = Math.ceil(last.offsetTop + last.offsetHeight - first.offsetTop + edges);
            embed.style.minHeight = own;
            if (need > embed.offsetHeight) embed.style.minHeight = need + 'px';
          });
        });
        observe = (content) => grow.observe(content);
        restore = (target = embed) => {
          cancelAnimationFrame(frame);
          grow.disconnect();
          target.style.minHeight = own;
          unset(target);
        };
      } else {
        host.removeAttribute('data-anchored');
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
      root.append(placeholder(ui, embed, loadOnce, always));
      observe?.(root.firstElementChild!);
    }
  };
  return { sync, clear: () => shown.forEach((_, embed) => remove(embed)) };
}
