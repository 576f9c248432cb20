/**
 * Accessible names of the settings button, per bundled language (inventory texts override). They
 * equal the UI's `settings.button` texts: one function, one name (WCAG 3.2.4).
 */
const LABELS: { [lang: string]: string } = {
  en: 'Cookie settings',
  de: 'Cookie-Einstellungen',
  fr: 'Paramètres des cookies',
  es: 'Configuración de cookies',
  it: 'Impostazioni cookie',
  nl: 'Cookie-instellingen',
  pt: 'Definições de cookies',
  pl: 'Ustawienia cookie',
};

// Drawn by the core so that reopening the preferences costs a returning visitor no UI download.
// The markup is a constant of ours; the only inventory text (the label) goes in through setAttribute.
const CSS =
  'button{position:fixed;bottom:16px;left:16px;z-index:2147483000;width:44px;height:44px;padding:0;border-radius:50%;' +
  'border:2px solid #fff;background:#1f4fd1;color:#fff;cursor:pointer;box-shadow:0 2px 8px #0006}' +
  '.r{left:auto;right:16px}button:focus-visible{outline:3px solid #1f4fd1;outline-offset:2px;box-shadow:0 0 0 2px #fff}' +
  '@media print{button{display:none}}';
const MARKUP =
  '<button type="button"><svg viewBox="0 0 24 24" width="26" height="26" aria-hidden="true" fill="currentColor">' +
  '<path d="M12 2a10 10 0 1 0 10 10 4 4 0 0 1-5-5 4 4 0 0 1-5-5Zm-4 8.5a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm6 3a1.5 1.5 0 1 1 0 3 1.5 1.5 0 0 1 0-3Zm-5 4a1 1 0 1 1 0 2 1 1 0 0 1 0-2Z"/></svg></button>';

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
  host.setAttribute('data-crumbs-settings', '');
  const root = host.attachShadow({ mode: 'open' });
  if ('adoptedStyleSheets' in root && typeof CSSStyleSheet.prototype.replaceSync == 'function') {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
  }
  root.innerHTML = MARKUP;
  const button = root.firstChild as HTMLButtonElement;
  if (position == 'bottom-right') button.className = 'r';
  const label = override ?? LABELS[lang] ?? LABELS.en!;
  button.title = label;
  button.setAttribute('aria-label', label);
  button.onclick = () => onOpen(button);
  return {
    toggle(visible) {
      if (!visible) host.remove();
      else if (!host.isConnected) document.body.append(host);
    },
    remove: () => host.remove(),
    focus: () => button.focus(),
  };
}
