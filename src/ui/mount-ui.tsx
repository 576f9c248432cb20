/** @jsxRuntime classic */
/** @jsx element */
import type { UiContext, UiHandle, UiLoader } from '../types';
import css from './styles.css';
import { banner } from './banner';
import { element } from './element';
import { loadLanguage, type Language } from './i18n/load-messages';
import type { Placeholders } from './placeholders';
import { createTranslate } from './translate';
import type { OnClick, Ui } from './ui';

/**
 * Loads the texts of `ctx.lang` and mounts the visitor-facing UI: a host element prepended to
 * `<body>` (so the banner is the first focusable region, requirement K2) whose open shadow root
 * holds the banner, the dialog and a status region; placeholders for blocked embeds; the cookie
 * declaration in every `[data-crumbs-cookie-table]` element. Banner and dialog appear when the
 * core calls `show()`, and the host with them: a page view that only needs placeholders or the
 * cookie declaration (a returning visitor's) gets no host.
 *
 * State lives in this closure, so each instance has its own. The banner, the status region, the
 * placeholders and the notice of a broken site are plain DOM, made once: a first visit that only
 * decides in the banner, and a returning one with a blocked embed, download no Preact. Preact
 * draws only what re-renders as the visitor works it: the preferences dialog (with its chunk) and
 * the cookie declaration. Only what the banner needs
 * is here; the dialog's switches and saving come with the dialog's chunk (see `openDialog`).
 *
 * @param ctx - what the core hands the UI
 * @returns the handle the core drives the UI with
 * @example
 * ```ts
 * createCrumbs({ inventory, ui: mountUi });
 * ```
 */
export const mountUi: UiLoader = async (ctx): Promise<UiHandle> => mountUiWith(ctx, await loadLanguage(ctx.lang));

// An arrow function: called as `ui.mountUiWith(...)`, a function would get the module as `this`, which
// JSX's development transform (tests) hands each element as a `__self` prop.
/**
 * {@link mountUi} with the language's texts at hand: for `crumbs-banner.js`, which carries English's
 * (see `loadMoreEnglish`), so that an English banner waits for no language file.
 * @param ctx - what the core hands the UI
 * @param language - the texts of `ctx.lang`, as `loadLanguage(ctx.lang)` gives them
 * @returns the handle the core drives the UI with
 * @internal
 */
export const mountUiWith = (ctx: UiContext, language: Language): UiHandle => {
  // A copy: the language's other texts are merged into it before the first view that needs them.
  const messages = { ...language.default };
  const tr = createTranslate(ctx, messages);
  const { t } = tr;
  const { crumbs, document: doc } = ctx;
  const win = doc.defaultView!;
  const htmlStyle = doc.documentElement.style;
  const saved = [htmlStyle.scrollPaddingBottom, htmlStyle.paddingBottom];
  const theme = ctx.inventory.ui.theme;
  // One constructable stylesheet per distinct text (`adoptedStyleSheets`): a strict CSP
  // (`style-src 'self'`, no `'unsafe-inline'`) allows it, unlike a `<style>` element or a style
  // attribute. Where constructable stylesheets are missing (jsdom, Safari before 16.4) it does
  // nothing: the UI stays unstyled but works, and nothing is thrown into the host page.
  const sheets: Record<string, CSSStyleSheet> = {};
  const adopt = (root: ShadowRoot, text: string) => {
    try {
      let sheet = sheets[text];
      if (!sheet) (sheet = sheets[text] = new win.CSSStyleSheet()).replaceSync(text);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    } catch {
      // No constructable stylesheets here.
    }
  };
  // Every host carries the language, direction and theme override (WCAG 3.1.2).
  // The widget's sheet is parsed once, and shared by every host; a placeholder adds its own.
  const prepare = (host: HTMLElement, extra?: string) => {
    host.lang = tr.lang;
    host.dir = 'ltr';
    if (theme == 'light' || theme == 'dark') host.setAttribute('data-theme', theme);
    const root = host.attachShadow({ mode: 'open' });
    adopt(root, css);
    if (extra) adopt(root, extra);
    return root;
  };
  // The host and its shadow root are made at the first showing of the banner, the dialog or the
  // notice: a returning visitor's page with a blocked embed needs only the placeholders, and pays
  // for neither the host's sheet nor the observer that keeps it in the page.
  let root: ShadowRoot | undefined;
  // The banner is made at its first showing; the status region is always the last child.
  let bannerElement: HTMLElement | undefined;
  const statusElement = <p role="status" />;
  const mount = () => {
    if (root) return root;
    const host = doc.createElement('div');
    host.id = 'crumbs-root';
    root = prepare(host);
    root.append(statusElement);
    doc.body?.prepend(host);
    win.addEventListener('resize', onResize);
    // A page that re-renders its body (body.innerHTML = ...) takes the host with it: draw() puts it back.
    keeper.observe(doc.documentElement, { childList: true, subtree: true });
    return root;
  };
  let shown = false;
  let destroyed = false;
  let opening = false;
  let status = '';
  let opener: Element | null = null;
  let release = () => {};
  let placeholders: Placeholders | undefined;
  let more: Promise<unknown> | undefined;
  // The notice a broken site shows instead of the banner or dialog (see `UiContext.broken`).
  let notice: HTMLElement | undefined;
  // The dialog, the cookie declaration and a broken site's notice and placeholders need the
  // language's second chunk (a returning visitor's placeholders do not): fetched once,
  // alongside the first of their chunks (again after a failure), unless `needed` says otherwise.
  // Resolves to the chunk's default export, the one function `mountUi` calls.
  const withMore = <T,>(chunk: Promise<{ default: T }>, needed = true) =>
    Promise.all([
      chunk,
      needed && (more ||= language.more().then(
        (m) => Object.assign(messages, m.default),
        (e) => {
          more = undefined;
          throw e;
        },
      )),
    ]).then(([m]) => m.default);
  const button = (onClick: OnClick, label: string) => (
    <button type="button" class="crumbs-btn" onClick={onClick}>
      {label}
    </button>
  ) as HTMLButtonElement;
  const decide: Ui['decide'] = (action, choice) => {
    // Said at once (text only, no layout); before the call: the core hides the UI synchronously
    // after a decision.
    statusElement.textContent = status = t('status.saved');
    ctx.layer(ui.dialog ? 'dialog' : 'banner');
    // Drawn after the decision: drawing changes the page, and must not hold up the tags the
    // decision grants. Not after a destroy(), and never an error into the page.
    void crumbs[action](choice!)
      .then(() => destroyed || draw())
      .catch((error: unknown) => console.error('[crumbs]', error));
  };
  const close = () => {
    opening = false;
    if (notice) {
      notice.remove();
      notice = undefined;
      draw();
      (opener as HTMLElement | null)?.focus();
    }
    if (!ui.dialog) return;
    ui.dialog = undefined;
    release();
    draw();
    (opener as HTMLElement | null)?.focus();
  };
  const draw = () => {
    const shadow = shown || notice || ui.dialog ? mount() : root;
    if (!shadow) return;
    // A page that re-renders its body (body.innerHTML = ...) takes the host with it: back it goes.
    if (!shadow.host.isConnected) doc.body?.prepend(shadow.host);
    if (shown) {
      // Inert while the dialog is open: it is not part of the modal's world.
      (bannerElement ||= banner(ui)).toggleAttribute('inert', !!ui.dialog);
      if (!bannerElement.isConnected) shadow.prepend(bannerElement);
    } else bannerElement?.remove();
    if (notice && !notice.isConnected) statusElement.before(notice);
    ui.dialog?.();
    if (statusElement.textContent != status) statusElement.textContent = status;
    if (!sizes) return measure();
    if (!shown) pad(false);
    // Measured anew after the next layout, as every draw() measured before: a fresh observation
    // reports once (observing an element again would not, were its size unchanged: a banner hidden
    // and shown again in one frame), and again whenever the element's size changes.
    sizes.disconnect();
    if (destroyed) return;
    for (const region of shadow.querySelectorAll('.crumbs-body')) sizes.observe(region);
    if (shown) sizes.observe(bannerElement!);
  };
  // While the banner covers the bottom of the viewport, scrolling keeps the focused element
  // above it (WCAG 2.4.11, requirement K2), and as much room at the end of the page lets its last
  // links scroll out from under it. CSSOM, not a style attribute: CSP allows it.
  const pad = (room: string | false) => {
    htmlStyle.scrollPaddingBottom = room || saved[0]!;
    htmlStyle.paddingBottom = room || saved[1]!;
  };
  /**
   * What depends on the page's layout: which text regions overflow, and the banner's height.
   * @param later - from the observer: the page's padding in the next frame. Written from the
   *   observer's callback, it could add a scrollbar that resizes the bar within the same pass, and
   *   the browser reports that as an error to the page ("ResizeObserver loop completed with
   *   undelivered notifications").
   */
  const measure = (later?: boolean) => {
    const shadow = root;
    if (!shadow) return;
    // Text that overflows its region must scroll from the keyboard too (WCAG 2.1.1): a tab stop,
    // named by the banner's title, only while it overflows.
    for (const region of shadow.querySelectorAll('.crumbs-body')) {
      const scrolls = region.scrollHeight > region.clientHeight + 1;
      const title = region.firstElementChild!.id;
      for (const [name, value] of [['tabindex', '0'], ['role', 'group'], ['aria-labelledby', title]])
        scrolls ? region.setAttribute(name!, value!) : region.removeAttribute(name!);
    }
    const room = shown && shadow.host.isConnected && win.innerHeight - bannerElement!.getBoundingClientRect().top + 'px';
    if (!later) pad(room);
    // Unless hidden meanwhile (hiding takes the padding away at once).
    else win.requestAnimationFrame(() => shown && pad(room));
  };
  // Measured when the browser lays the page out anyway: a ResizeObserver reports after a frame's
  // layout and before its paint. Measured from draw() itself, each showing forced a layout of the
  // whole page inside the widget's task: on a first visit, the largest item of Crumbs' script time
  // (28 ms at 4x CPU, profiled). Without ResizeObserver (jsdom), draw() measures at once.
  const sizes = win.ResizeObserver ? new win.ResizeObserver(() => measure(true)) : undefined;
  const ui: Ui = {
    ...tr,
    ctx,
    element,
    draft: {},
    decide,
    close,
    draw,
    button,
    choices: (label, third) => [
      [() => decide('acceptAll'), t('banner.acceptAll')],
      [() => decide('rejectAll'), t('banner.rejectAll')],
      [third, t(label)],
    ],
    show(view, from) {
      status = '';
      const shadow = mount();
      if (ctx.broken) {
        opener = from || doc.activeElement;
        withMore(import('./unavailable-notice')).then((view) => {
          notice?.remove();
          notice = view(ui);
          draw();
          (shadow.getElementById('crumbs-ut') as HTMLElement).focus();
        }, () => {}); // failed to load: a later click may retry
      } else if (view == 'banner') {
        shown = true;
        draw();
      } else if (!ui.dialog && !opening) {
        opening = true;
        opener = from || doc.activeElement;
        // The dialog is its own chunk: a first visit that never customises does not download it.
        withMore(import('./dialog-chunk')).then((openDialog) => {
          if (!opening) return; // hidden while loading
          opening = false;
          const box = doc.createElement('div');
          statusElement.before(box);
          release = openDialog(ui, shadow, box, adopt);
        }, () => (opening = false)); // failed to load: a later click may retry
      }
    },
  };
  const onResize = () => shown && draw();
  const tables = () => doc.querySelectorAll('[data-crumbs-cookie-table]');
  let clearTables: (() => void) | undefined;
  const update = () => {
    draw();
    // Placeholders and the cookie declaration are chunks too, loaded only by pages that need them.
    // If one fails to load, the embeds simply stay blocked; nothing may reach the page as an error.
    const quiet = () => {};
    if (placeholders || ctx.blockedEmbeds()[0])
      withMore(import('./placeholders'), ctx.broken).then((createPlaceholders) => (placeholders ||= createPlaceholders(ui, prepare)).sync(), quiet);
    if (tables()[0] && !ctx.broken)
      withMore(import('./cookie-tables')).then((fillCookieTables) => (clearTables = fillCookieTables(ui, tables())), quiet);
  };
  const hide = () => {
    shown = false;
    close();
    draw();
  };
  const keeper = new win.MutationObserver(() => root?.host.isConnected || draw());
  update();
  return {
    show: ui.show,
    hide,
    update,
    destroy() {
      destroyed = true;
      hide();
      win.removeEventListener('resize', onResize);
      keeper.disconnect();
      sizes?.disconnect();
      bannerElement?.remove();
      root?.host.remove();
      placeholders?.clear();
      clearTables?.();
    },
  };
};
