import { fireEvent } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeConsent, makeInventory } from '../helpers/fake-ui-context';
import { mountFakeUi } from '../helpers/mount-fake-ui';

/** Mounts, opens the dialog from a page button, and waits for it. */
async function openDialog(options: Parameters<typeof mountFakeUi>[0] = {}) {
  const opener = document.createElement('button');
  opener.textContent = 'Cookie settings';
  document.body.append(opener);
  opener.focus();
  const m = await mountFakeUi(options);
  m.handle.show('preferences', opener);
  const dialog = await m.ui.findByRole('dialog', { name: 'Cookie settings' });
  return { ...m, dialog, opener };
}

const switchNamed = (m: Awaited<ReturnType<typeof openDialog>>, name: RegExp | string) =>
  m.ui.getByRole('switch', { name }) as HTMLInputElement;

describe('preferences dialog', () => {
  it('is a modal dialog, labelled and described, and focus moves inside', async () => {
    const { dialog, shadow, opener } = await openDialog();
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(shadow.getElementById(dialog.getAttribute('aria-describedby')!)!.textContent).toContain('optional cookies');
    expect(dialog.contains(shadow.activeElement)).toBe(true);
    // The page behind it is inert while it is open.
    expect(opener.hasAttribute('inert')).toBe(true);
  });

  it('keeps Tab and Shift+Tab inside', async () => {
    const { dialog, shadow } = await openDialog();
    const buttons = [...dialog.querySelectorAll('button')];
    const first = buttons[0]!;
    const last = buttons[buttons.length - 1]!;
    last.focus();
    fireEvent.keyDown(last, { key: 'Tab' });
    expect(shadow.activeElement).toBe(first);
    fireEvent.keyDown(first, { key: 'Tab', shiftKey: true });
    expect(shadow.activeElement).toBe(last);
  });

  it('closes on Escape without deciding anything, and focus returns to the opener', async () => {
    const { dialog, ui, calls, opener } = await openDialog();
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(ui.queryByRole('dialog')).toBeNull();
    expect(calls).toEqual([]);
    expect(document.activeElement).toBe(opener);
    expect(opener.hasAttribute('inert')).toBe(false);
  });

  it('closes from its close button without deciding anything', async () => {
    const { ui, calls } = await openDialog();
    fireEvent.click(ui.getByRole('button', { name: 'Close' }));
    expect(ui.queryByRole('dialog')).toBeNull();
    expect(calls).toEqual([]);
  });

  it('returns focus to Customise when opened from the banner, and the banner stays', async () => {
    const m = await mountFakeUi();
    m.handle.show('banner');
    const customise = m.ui.getByRole('button', { name: 'Customise' });
    customise.focus();
    fireEvent.click(customise);
    const dialog = await m.ui.findByRole('dialog');
    fireEvent.keyDown(dialog, { key: 'Escape' });
    expect(m.shadow.activeElement).toBe(customise);
    expect(m.ui.getByRole('region')).toBeTruthy();
  });

  it('starts with every optional switch off on a first visit; required ones are on and locked', async () => {
    const m = await openDialog();
    for (const name of ['Analytics', 'Functionality', 'Targeting', 'Google Analytics', 'Hotjar', 'Vimeo'])
      expect(switchNamed(m, name).checked).toBe(false);
    const necessary = switchNamed(m, /Strictly necessary/);
    expect(necessary.checked).toBe(true);
    expect(necessary.disabled).toBe(true);
    expect(necessary.labels![0]!.textContent).toContain('Always active');
    fireEvent.click(necessary);
    expect(necessary.checked).toBe(true);
  });

  it('reflects the stored choice and shows its consent id', async () => {
    const consent = makeConsent();
    const m = await openDialog({ consent });
    expect(switchNamed(m, 'Analytics').checked).toBe(true);
    expect(switchNamed(m, 'Google Analytics').checked).toBe(true);
    expect(switchNamed(m, 'Hotjar').checked).toBe(false);
    expect(switchNamed(m, 'Targeting').checked).toBe(false);
    expect(m.dialog.textContent).toContain('Consent ID: ' + consent.id);
  });

  it('saves categories with per-service exceptions, and says so', async () => {
    const m = await openDialog();
    fireEvent.click(switchNamed(m, 'Analytics')); // carries Google Analytics and Hotjar along
    expect(switchNamed(m, 'Hotjar').checked).toBe(true);
    fireEvent.click(switchNamed(m, 'Hotjar')); // off again: an exception
    fireEvent.click(switchNamed(m, 'Vimeo')); // one service of an off category: an exception
    fireEvent.click(m.ui.getByRole('button', { name: 'Save choices' }));
    expect(m.calls).toEqual([
      ['layer', 'dialog'],
      ['save', { categories: ['analytics'], services: { hotjar: false, vimeo: true } }],
    ]);
    expect(m.ui.getByRole('status').textContent).toBe('Your choices were saved.');
  });

  it('saves nothing optional when nothing is switched on (same as Reject all)', async () => {
    const m = await openDialog();
    fireEvent.click(m.ui.getByRole('button', { name: 'Save choices' }));
    expect(m.calls).toEqual([['layer', 'dialog'], ['save', { categories: [], services: {} }]]);
  });

  it('has Accept all, Reject all and Save choices as equal buttons', async () => {
    const m = await openDialog();
    const names = ['Accept all', 'Reject all', 'Save choices'];
    const buttons = names.map((name) => m.ui.getByRole('button', { name }));
    expect(new Set(buttons.map((b) => b.className)).size).toBe(1);
    fireEvent.click(buttons[0]!);
    fireEvent.click(buttons[1]!);
    expect(m.calls.map((c) => c.join(':'))).toEqual(['layer:dialog', 'acceptAll:', 'layer:dialog', 'rejectAll:']);
  });

  it('lists services with provider, purpose, policy link and cookie table', async () => {
    const m = await openDialog();
    expect(m.dialog.textContent).toContain('Provider: Google');
    expect(m.dialog.textContent).toContain('Counts visits.');
    expect(m.ui.getByRole('link', { name: 'Google Analytics privacy policy' }).getAttribute('href')).toBe(
      'https://policies.google.com/privacy',
    );
    const headers = m.ui.getAllByRole('columnheader').slice(0, 3);
    expect(headers.map((h) => [h.textContent, h.getAttribute('scope')])).toEqual([
      ['Cookie', 'col'],
      ['Duration', 'col'],
      ['Purpose', 'col'],
    ]);
    expect(m.ui.getByRole('cell', { name: '_ga_*' })).toBeTruthy();
  });

  it('renders hostile inventory texts as text and drops non-http policy links', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const inventory = makeInventory();
    const services = inventory.services.map((s) =>
      s.id == 'hotjar' ? { ...s, description: evil, policyUrl: 'javascript:alert(1)' } : s,
    );
    const m = await openDialog({ inventory: { ...inventory, services } });
    expect(m.dialog.textContent).toContain(evil);
    expect(m.shadow.querySelector('img')).toBeNull();
    expect(m.ui.queryByRole('link', { name: /Hotjar/ })).toBeNull();
  });

  it('speaks German when asked', async () => {
    const m = await mountFakeUi({ lang: 'de' });
    m.handle.show('preferences');
    expect(await m.ui.findByRole('dialog', { name: 'Cookie-Einstellungen' })).toBeTruthy();
    expect(m.ui.getByRole('switch', { name: 'Statistik' })).toBeTruthy();
    expect(m.ui.getByRole('button', { name: 'Auswahl speichern' })).toBeTruthy();
    expect(m.ui.getByText('Zählt Besuche.')).toBeTruthy();
  });

  it('says that a GPC signal is honoured, with the intro, above the categories', async () => {
    const m = await openDialog({ gpc: true });
    const note = m.ui.getByText(/Global Privacy Control/);
    expect(m.dialog.contains(note)).toBe(true);
    const analytics = switchNamed(m, 'Analytics');
    expect(note.compareDocumentPosition(analytics) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    // Once, and not in the footer with the buttons.
    expect(m.ui.getAllByText(/Global Privacy Control/)).toHaveLength(1);
    expect(note.closest('.crumbs-foot')).toBeNull();
  });

  it('keeps Accept all, Reject all and Save choices in a footer outside the scrolling list', async () => {
    const m = await openDialog();
    const list = switchNamed(m, 'Analytics').closest('.crumbs-scroll')!;
    expect(list).toBeTruthy();
    expect(list.contains(m.ui.getByRole('heading', { name: 'Cookie settings' }))).toBe(true);
    const foot = m.ui.getByRole('button', { name: 'Accept all' }).closest('.crumbs-foot')!;
    expect(m.dialog.contains(foot)).toBe(true);
    for (const name of ['Accept all', 'Reject all', 'Save choices']) {
      const button = m.ui.getByRole('button', { name });
      expect(foot.contains(button)).toBe(true);
      expect(list.contains(button)).toBe(false);
      expect(button.className).toBe('crumbs-btn');
    }
  });

  it('Tab wraps from the last footer button to the close button and back', async () => {
    const m = await openDialog();
    const save = m.ui.getByRole('button', { name: 'Save choices' });
    const close = m.ui.getByRole('button', { name: 'Close' });
    save.focus();
    fireEvent.keyDown(save, { key: 'Tab' });
    expect(m.shadow.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: 'Tab', shiftKey: true });
    expect(m.shadow.activeElement).toBe(save);
  });

  it('Shift+Tab from the title, where focus starts, wraps to the last button', async () => {
    const m = await openDialog();
    const title = m.ui.getByRole('heading', { name: 'Cookie settings' });
    expect(m.shadow.activeElement).toBe(title);
    fireEvent.keyDown(title, { key: 'Tab', shiftKey: true });
    expect(m.shadow.activeElement).toBe(m.ui.getByRole('button', { name: 'Save choices' }));
  });

  it('starts focus on the title, and the close button is the next Tab stop', async () => {
    const m = await openDialog();
    const title = m.ui.getByRole('heading', { name: 'Cookie settings' });
    expect(m.shadow.activeElement).toBe(title);
    const stops = [...m.dialog.querySelectorAll<HTMLElement>('*')].filter((el) => el.matches('button,[href],input:not(:disabled),summary'));
    const next = stops.find((el) => title.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
    expect(next).toBe(m.ui.getByRole('button', { name: 'Close' }));
    expect(stops[0]).toBe(next);
  });

  it('shows regular-expression cookie names readably, and lets long names wrap between their parts', async () => {
    const inventory = makeInventory();
    const cookie = (name: string) => ({ name, duration: '1 minute', storage: 'cookie' as const, matcher: /x/ });
    const services = inventory.services.map((s) =>
      s.id == 'hotjar'
        ? { ...s, cookies: [cookie('/^_gat/'), cookie('/^_gid$/'), cookie('/_ga_[A-Z0-9]+/i'), cookie('_hjAbsoluteSessionInProgress')] }
        : s,
    );
    const m = await openDialog({ inventory: { ...inventory, services } });
    for (const name of ['_gat…', '_gid', '_ga_[A-Z0-9]+', '_hjAbsoluteSessionInProgress'])
      expect(m.ui.getByRole('cell', { name }), name).toBeTruthy();
    expect(m.dialog.textContent).not.toContain('/^_gat/');
    expect(m.ui.getByRole('cell', { name: '_hjAbsoluteSessionInProgress' }).querySelectorAll('wbr')).toHaveLength(4);
    expect(m.ui.getByRole('cell', { name: '_gid' }).querySelector('wbr')).toBeNull();
  });

  it('says how many services and cookies each category discloses', async () => {
    const m = await openDialog();
    // necessary: Session (1 cookie); analytics: Google Analytics (2) + Hotjar (1); functionality: Vimeo (0).
    for (const text of ['Services (1) and cookies (1)', 'Services (2) and cookies (3)', 'Services (1) and cookies (0)'])
      expect(m.ui.getByText(text).tagName).toBe('SUMMARY');
    // Targeting has no service, so no disclosure.
    expect(m.dialog.querySelectorAll('summary')).toHaveLength(3);
  });

  it('counts services and cookies in every bundled language', async () => {
    const expected: Record<string, string> = {
      de: 'Dienste (2) und Cookies (3)',
      fr: 'Services (2) et cookies (3)',
      es: 'Servicios (2) y cookies (3)',
      it: 'Servizi (2) e cookie (3)',
      nl: 'Diensten (2) en cookies (3)',
      pt: 'Serviços (2) e cookies (3)',
      pl: 'Usługi (2) i pliki cookie (3)',
    };
    for (const [lang, text] of Object.entries(expected)) {
      const m = await mountFakeUi({ lang });
      m.handle.show('preferences');
      await m.ui.findByRole('dialog');
      expect(m.ui.getByText(text).tagName).toBe('SUMMARY');
      m.handle.destroy();
    }
  });

  it('does not open when hidden while its code loads', async () => {
    const m = await mountFakeUi();
    m.handle.show('preferences');
    m.handle.hide();
    // The code it was waiting for is here (the same modules, loaded once), and one macrotask for the
    // UI's own callbacks: the dialog would be open now, were it to open.
    await Promise.all([import('../../src/ui/dialog-chunk'), import('../../src/ui/i18n/more-en')]);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(m.ui.queryByRole('dialog')).toBeNull();
  });
});
