import { LANGUAGES } from './languages';

// Drawn by the core so that reopening the preferences costs a returning visitor no UI download.
// The markup is ours; the only inventory text (the label) goes in through setAttribute.
// A cookie with a bite out of it and three chocolate chunks (holes, as they are drawn the other way
// round), in a 24 px box.
const ICON = 'M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5m-5 8h3v3H7zm6 3h3v3h-3zm-4 4h2v2H9z';
// The CSS puts the button in the bottom `left` or `right` corner. The icon is a box cut to the
// cookie's outline (`clip-path: path()`), not an SVG element: a page's first SVG element cost 5.6 ms
// at 4x CPU (measured), in the button's task, which made it a long one in cold returning page views
// (50 ms, traced with the profiler). In forced colours (Windows high contrast) the browser would
// paint the box in the button's own colour: it keeps the button's text colour instead. The focus
// ring is white and blue, so it shows on light and dark pages alike; the button is all that can
// take focus in this shadow root. The host is in the page: its reset is important, which beats the
// page's important rules (the inner context wins), so none can hide it.
const css = (side: string) =>
  ':host{all:initial!important;display:block!important}button{position:fixed;bottom:16px;' + side + ':16px;z-index:2147483000;width:44px;height:44px;padding:0;border-radius:50%;' +
  'border:2px solid #fff;background:#1f4fd1;cursor:pointer}' +
  "i{display:block;width:24px;height:24px;margin:auto;background:#fff;clip-path:path('" + ICON + "')}" +
  '@media (forced-colors:active){i{forced-color-adjust:none;background:ButtonText}}' +
  ':focus-visible{outline:3px solid #1f4fd1;outline-offset:2px;box-shadow:0 0 0 2px #fff}@media print{*{display:none}}';

/** The small "cookie settings" button shown after a decision. */
export interface SettingsButton {
  /** Shows or hides it. */
  toggle(visible: boolean): void;
  /** Removes it from the page. */
  remove(): void;
  /** Moves keyboard focus to it. */
  focus(): void;
}

/**
 * Draws the button in its own shadow root (page CSS cannot reach it) with a constructable
 * stylesheet (no `<style>` or style attribute a strict CSP would block).
 */
export function createSettingsButton(
  lang: string,
  override: string | undefined,
  position: string | undefined,
  onOpen: (button: HTMLButtonElement) => void,
): SettingsButton {
  const host = document.createElement('div');
  host.dataset.crumbsSettings = '';
  const root = host.attachShadow({ mode: 'open' });
  // Constructable stylesheets came with adoptedStyleSheets (Firefox 101, Safari 16.4); without them the button is unstyled.
  if (root.adoptedStyleSheets) {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(css(position == 'bottom-right' ? 'right' : 'left'));
    root.adoptedStyleSheets = [sheet];
  }
  // Built node by node, not through innerHTML, which a page under Trusted Types refuses. With no form
  // in the shadow root, the button's default type submits nothing. The icon's element has no text:
  // the button's name is its label.
  const button = root.appendChild(document.createElement('button'));
  button.appendChild(document.createElement('i'));
  const label = override ?? (Object.hasOwn(LANGUAGES, lang) ? LANGUAGES[lang] : LANGUAGES.en)!;
  button.title = label;
  button.setAttribute('aria-label', label);
  button.onclick = () => onOpen(button);
  return {
    toggle(visible) {
      if (!visible) host.remove();
      // A page may have removed its body: then there is nowhere to show it, and nothing to throw.
      else if (!host.isConnected) document.body?.append(host);
    },
    remove: () => host.remove(),
    focus: () => button.focus(),
  };
}
