import { fireEvent, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeInventory } from '../helpers/fake-ui-context';
import { mountFakeUi } from '../helpers/mount-fake-ui';

describe('cookie declaration', () => {
  it('fills every [data-crumbs-cookie-table] element, in the light DOM, in the UI language', async () => {
    document.body.innerHTML = '<h2>Cookies</h2><div data-crumbs-cookie-table>Loading…</div>';
    const el = document.querySelector<HTMLElement>('[data-crumbs-cookie-table]')!;
    const { calls } = await mountFakeUi({ lang: 'de' });
    const table = within(el);
    await waitFor(() => expect(table.getByRole('heading', { name: 'Statistik' })).toBeTruthy());
    expect(el.textContent).not.toContain('Loading');
    expect(el.firstElementChild!.getAttribute('lang')).toBe('de');
    expect(table.getByRole('heading', { name: 'Google Analytics' })).toBeTruthy();
    expect(table.getByText('Anbieter: Google')).toBeTruthy();
    expect(table.getByRole('link', { name: 'Datenschutzerklärung von Google Analytics' })).toBeTruthy();
    expect(table.getAllByRole('columnheader', { name: 'Speicherdauer' }).length).toBeGreaterThan(0);
    expect(table.getByRole('cell', { name: '_hjSessionUser' })).toBeTruthy();
    const open = table.getByRole('button', { name: 'Cookie-Einstellungen' });
    fireEvent.click(open);
    expect(calls).toEqual([['showPreferences', open]]);
  });

  it('re-renders on update, for elements added later', async () => {
    const { handle } = await mountFakeUi({ inventory: makeInventory() });
    document.body.insertAdjacentHTML('beforeend', '<section data-crumbs-cookie-table></section>');
    handle.update();
    await waitFor(() => expect(document.querySelector('[data-crumbs-cookie-table] table')).not.toBeNull());
  });
});

describe('cookie names', () => {
  it('are shown readably when written as a regular expression', async () => {
    const { cookieName } = await import('../../src/ui/cookie-table');
    expect(cookieName('/^_gat/')).toBe('_gat…');
    expect(cookieName('/^_gid$/')).toBe('_gid');
    expect(cookieName('/_fbp$/i')).toBe('…_fbp');
    expect(cookieName('/^wp\\.settings-/')).toBe('wp.settings-…');
    expect(cookieName('/^_ga_[A-Z0-9]+$/')).toBe('^_ga_[A-Z0-9]+$');
    expect(cookieName('_ga_*')).toBe('_ga_*');
    expect(cookieName('/')).toBe('/');
  });

  it('appear so in the page\'s declaration, with their domain', async () => {
    document.body.innerHTML = '<div data-crumbs-cookie-table></div>';
    const inventory = makeInventory();
    const services = inventory.services.map((s) =>
      s.id == 'google-analytics'
        ? { ...s, cookies: [{ name: '/^_gat/', duration: '1 minute', storage: 'cookie' as const, matcher: /^_gat/, domain: 'accounts.google.com' }] }
        : s,
    );
    await mountFakeUi({ inventory: { ...inventory, services } });
    const el = document.querySelector<HTMLElement>('[data-crumbs-cookie-table]')!;
    await waitFor(() => expect(within(el).getByRole('cell', { name: '_gat… (accounts.google.com)' })).toBeTruthy());
    expect(el.textContent).not.toContain('/^_gat/');
  });
});
