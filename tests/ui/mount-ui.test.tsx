import { fireEvent, waitFor } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeInventory } from '../helpers/fake-ui-context';
import { mountFakeUi } from '../helpers/mount-fake-ui';

describe('mountUi', () => {
  it('puts an open shadow root first in <body>, with lang and dir, and no style element or attribute', async () => {
    document.body.innerHTML = '<main><a href="/">page</a></main>';
    const m = await mountFakeUi({ lang: 'de' });
    m.handle.show('banner');
    const { host, shadow } = m;
    expect(document.body.firstElementChild).toBe(host);
    expect(host.lang).toBe('de');
    expect(host.dir).toBe('ltr');
    expect(shadow.querySelector('style,[style]')).toBeNull();
    // Only the page's <html> gets a style, through CSSOM (scroll padding), which CSP allows.
    expect(document.body.querySelector('style,[style]')).toBeNull();
  });

  it('forces the theme from the inventory', async () => {
    const m = await mountFakeUi({ inventory: makeInventory({ ui: { theme: 'dark' } }) });
    m.handle.show('banner');
    expect(m.host.getAttribute('data-theme')).toBe('dark');
  });

  it('speaks the picked language, and inventory texts win', async () => {
    const fr = await mountFakeUi({ lang: 'fr' });
    fr.handle.show('banner');
    expect(fr.ui.getByRole('button', { name: 'Tout refuser' })).toBeTruthy();
    fr.handle.destroy();

    const de = await mountFakeUi({
      lang: 'de-AT',
      inventory: makeInventory({ texts: { de: { 'banner.title': 'Kekse?' } } }),
    });
    de.handle.show('banner');
    expect(de.ui.getByRole('region', { name: 'Kekse?' })).toBeTruthy();
    expect(de.ui.getByRole('button', { name: 'Alle ablehnen' })).toBeTruthy();
  });

  it('falls back to English for a language it does not bundle', async () => {
    const { handle, ui } = await mountFakeUi({ lang: 'sv' });
    handle.show('banner');
    expect(ui.getByRole('button', { name: 'Reject all' })).toBeTruthy();
  });

  it('announces a decision in a polite status region', async () => {
    const { handle, ui } = await mountFakeUi();
    handle.show('banner');
    const status = ui.getByRole('status');
    expect(status.textContent).toBe('');
    fireEvent.click(ui.getByRole('button', { name: 'Reject all' }));
    expect(status.textContent).toBe('Your choices were saved.');
  });

  it('hides on request and removes everything on destroy', async () => {
    document.body.innerHTML = '<div data-crumbs-cookie-table></div>';
    const { handle, ui } = await mountFakeUi();
    handle.show('banner');
    handle.hide();
    expect(ui.queryByRole('region')).toBeNull();
    await waitFor(() => expect(document.querySelector('table')).not.toBeNull());
    handle.destroy();
    expect(document.getElementById('crumbs-root')).toBeNull();
    expect(document.querySelector('[data-crumbs-cookie-table]')!.childNodes.length).toBe(0);
  });
});
