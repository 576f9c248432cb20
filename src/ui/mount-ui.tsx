/** @jsxRuntime classic */
/** @jsx h */
import { h, render, type VNode } from 'preact';
import type { UiHandle, UiLoader } from '../types';
import { adoptStyles } from './adopt-styles';
import css from './styles.css';
import { banner } from './banner';
import { button } from './button';
import { decisionButtons } from './decision-buttons';
import { loadLanguage } from './i18n/load-messages';
import type { Placeholders } from './placeholders';
import { createTranslate } from './translate';
import type { Ui } from './ui';

/**
 * Loads the texts of `ctx.lang` and mounts the visitor-facing UI: a host element prepended to
 * `<body>` (so the banner is the first focusable region, requirement K2) whose open shadow root
 * holds the banner, the dialog and a status region; placeholders for blocked embeds; the cookie
 * declaration in every `[data-crumbs-cookie-table]` element. Banner and dialog appear when the
 * core calls `show()`.
 *
 * State lives in this closure and every change re-renders the (small) tree with `render()`:
 * fewer bytes than preact/hooks, and each instance has its own state.
 *
 * @param ctx - what the core hands the UI
 * @returns the handle the core drives the UI with
 * @example
 * ```ts
 * createCrumbs({ inventory, ui: mountUi });
 * ```
 */
export const mountUi: UiLoader = async (ctx): Promise<UiHandle> => {
  const language = await loadLanguage(ctx.lang);
  // A copy: the language's other texts are merged into it before the first view that needs them.
  const messages = { ...language.default };
  const tr = createTranslate(ctx, messages);
  const { crumbs, inventory, document: doc } = ctx;
  const win = doc.defaultView!;
  const htmlStyle = doc.documentElement.style;
  const saved = [htmlStyle.scrollPaddingBottom, htmlStyle.paddingBottom];
  const adopt = adoptStyles(doc);
  const theme = inventory.ui.theme;
  // Every host carries the language, direction and theme override (WCAG 3.1.2).
  const prepare = (host: HTMLElement, extra = '') => {
    host.lang = tr.lang;
    host.dir = 'ltr';
    if (theme == 'light' || theme == 'dark') host.setAttribute('data-theme', theme);
    const root = host.attachShadow({ mode: 'open' });
    adopt(root, css + extra);
    return root;
  };
  const host = doc.createElement('div');
  host.id = 'crumbs-root';
  const root = prepare(host);
  doc.body.prepend(host);

  let shown = false;
  let opening = false;
  let status = '';
  let opener: Element | null = null;
  let release = () => {};
  let dialogView: ((ui: Ui) => VNode) | undefined;
  let placeholders: Placeholders | undefined;
  let more: Promise<unknown> | undefined;
  // The dialog, placeholders and cookie declaration need the language's second chunk: fetched once,
  // alongside the first of their chunks (again after a failure).
  const withMore = <T,>(chunk: Promise<T>) =>
    Promise.all([
      chunk,
      (more ||= language.more().then(
        (m) => Object.assign(messages, m.default),
        (e) => {
          more = undefined;
          throw e;
        },
      )),
    ]).then(([m]) => m);
  const ui: Ui = {
    ...tr,
    ctx,
    optional: inventory.categories.filter((c) => !c.required),
    dialog: false,
    draft: {},
    actions: (label, third) => decisionButtons(ui, label, third),
    button,
    decide(action, choice) {
      // Before the call: the core hides the UI synchronously after a decision.
      status = tr.t('status.saved');
      crumbs[action](choice!);
      draw();
    },
    toggle(id, on) {
      ui.draft[id] = on;
      for (const s of inventory.services) if (s.category == id) ui.draft[s.id] = on;
      draw();
    },
    save() {
      const { draft, optional } = ui;
      const services: Record<string, boolean> = {};
      // Exceptions: the services whose switch differs from their category's.
      for (const s of inventory.services)
        if (optional.some((c) => c.id == s.category) && !draft[s.id] != !draft[s.category]) services[s.id] = !!draft[s.id];
      ui.decide('save', { categories: optional.filter((c) => draft[c.id]).map((c) => c.id), services });
    },
    show(view, from) {
      status = '';
      if (view == 'banner') {
        shown = true;
        draw();
      } else if (!ui.dialog && !opening) {
        opening = true;
        opener = from || doc.activeElement;
        // The dialog is its own chunk: a first visit that never customises does not download it.
        withMore(import('./dialog-chunk')).then((m) => {
          if (!opening) return; // hidden while loading
          opening = false;
          dialogView = m.preferencesDialog;
          adopt(root, m.preferencesDialogStyles);
          ui.dialog = true;
          ui.draft = {};
          // Off on a first visit (nothing is granted), the stored choice afterwards (C2).
          for (const x of [...inventory.categories, ...inventory.services]) ui.draft[x.id] = crumbs.isGranted(x.id);
          release = m.inertOutside(host);
          draw();
          root.getElementById('crumbs-dt')!.focus();
        }, () => (opening = false)); // failed to load: a later click may retry
      }
    },
    close() {
      opening = false;
      if (!ui.dialog) return;
      ui.dialog = false;
      release();
      draw();
      (opener as HTMLElement | null)?.focus();
    },
  };
  const draw = () => {
    render(
      [
        shown && banner(ui),
        ui.dialog && dialogView!(ui),
        <p role="status">{status}</p>,
      ],
      root,
    );
    // While the banner covers the bottom of the viewport, scrolling keeps the focused element
    // above it (WCAG 2.4.11, requirement K2), and as much room at the end of the page lets its last
    // links scroll out from under it. CSSOM, not a style attribute: CSP allows it.
    const room = shown && win.innerHeight - (root.firstChild as Element).getBoundingClientRect().top + 'px';
    htmlStyle.scrollPaddingBottom = room || saved[0]!;
    htmlStyle.paddingBottom = room || saved[1]!;
  };
  const onResize = () => shown && draw();
  const tables = () => doc.querySelectorAll('[data-crumbs-cookie-table]');
  const update = () => {
    draw();
    // Placeholders and the cookie declaration are chunks too, loaded only by pages that need them.
    // If one fails to load, the embeds simply stay blocked; nothing may reach the page as an error.
    const quiet = () => {};
    if (placeholders || ctx.blockedEmbeds()[0])
      withMore(import('./placeholders')).then((m) => (placeholders ||= m.createPlaceholders(ui, prepare)).sync(), quiet);
    if (tables()[0])
      withMore(import('./cookie-tables')).then((m) => m.fillCookieTables(ui, tables()), quiet);
  };
  const hide = () => {
    shown = false;
    ui.close();
    draw();
  };
  win.addEventListener('resize', onResize);
  update();
  return {
    show: ui.show,
    hide,
    update,
    destroy() {
      hide();
      win.removeEventListener('resize', onResize);
      render(null, root);
      host.remove();
      placeholders?.clear();
      tables().forEach((el) => render(null, el));
    },
  };
};
