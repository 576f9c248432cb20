import { fireEvent, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { makeInventory } from '../helpers/fake-ui-context';
import { mountFakeUi } from '../helpers/mount-fake-ui';

describe('banner', () => {
  // That the three look equal is measured where CSS applies: tests/browser/banner-layout.test.mjs.
  it('is a labelled region with three real buttons and no autofocus', async () => {
    const m = await mountFakeUi();
    const { handle, ui } = m;
    // Nothing until the core asks, not even the host.
    expect(document.getElementById('crumbs-root')).toBeNull();
    handle.show('banner');
    const region = ui.getByRole('region', { name: 'Your privacy choices' });
    const buttons = within(region).getAllByRole('button');
    expect(buttons.map((b) => b.textContent)).toEqual(['Accept all', 'Reject all', 'Customise']);
    expect(buttons.every((b) => b.tagName == 'BUTTON' && !b.hasAttribute('autofocus'))).toBe(true);
    expect(m.shadow.activeElement).toBeNull();
  });

  it('names purposes and third parties, links the policy and says how to change later', async () => {
    const { handle, ui } = await mountFakeUi();
    handle.show('banner');
    const region = ui.getByRole('region');
    expect(region.textContent).toContain('Analytics, Functionality, Targeting');
    expect(region.textContent).toContain('Third parties: Google, Hotjar, Vimeo Inc.');
    expect(region.textContent).toContain('Cookie settings');
    expect(ui.getByRole('link', { name: 'Cookie policy' }).getAttribute('href')).toBe('/privacy#cookies');
  });

  it('ends the third parties with one full stop when a provider name ends with one', async () => {
    const inventory = makeInventory();
    const services = inventory.services.map((s) => (s.id == 'vimeo' ? { ...s, provider: 'Google Ireland Ltd.' } : s));
    const { handle, ui } = await mountFakeUi({ inventory: { ...inventory, services } });
    handle.show('banner');
    const text = ui.getByRole('region', { name: 'Your privacy choices' }).textContent!;
    expect(text).toContain('Third parties: Google, Hotjar, Google Ireland Ltd. You can change');
    expect(text).not.toContain('..');
  });

  it('accepts and rejects with one click each, saying each comes from the banner', async () => {
    const { handle, ui, calls } = await mountFakeUi();
    handle.show('banner');
    fireEvent.click(ui.getByRole('button', { name: 'Accept all' }));
    fireEvent.click(ui.getByRole('button', { name: 'Reject all' }));
    expect(calls).toEqual([['layer', 'banner'], ['acceptAll', undefined], ['layer', 'banner'], ['rejectAll', undefined]]);
  });

  it('opens the preferences dialog from Customise', async () => {
    const { handle, ui, calls } = await mountFakeUi();
    handle.show('banner');
    fireEvent.click(ui.getByRole('button', { name: 'Customise' }));
    expect(await ui.findByRole('dialog', { name: 'Cookie settings' })).toBeTruthy();
    expect(calls).toEqual([]);
  });

  it('pads the page scroll by its height while shown, and restores it', async () => {
    document.documentElement.style.scrollPaddingBottom = '3px';
    const { handle } = await mountFakeUi();
    handle.show('banner');
    expect(document.documentElement.style.scrollPaddingBottom).toMatch(/^\d+(\.\d+)?px$/);
    handle.hide();
    expect(document.documentElement.style.scrollPaddingBottom).toBe('3px');
    document.documentElement.style.scrollPaddingBottom = '';
  });

  it('adds as much room at the end of the page while shown, so the last links can scroll out from under it', async () => {
    const style = document.documentElement.style;
    style.paddingBottom = '5px';
    const { handle } = await mountFakeUi();
    handle.show('banner');
    expect(style.paddingBottom).toMatch(/^\d+(\.\d+)?px$/);
    expect(style.paddingBottom).toBe(style.scrollPaddingBottom);
    handle.hide();
    expect(style.paddingBottom).toBe('5px');
    style.paddingBottom = '';
  });

  it('uses the box layout when the inventory asks for it', async () => {
    const { handle, ui } = await mountFakeUi({ inventory: makeInventory({ ui: { layout: 'box' } }) });
    handle.show('banner');
    expect(ui.getByRole('region').className).toContain('crumbs-box');
  });

  it('says that a GPC signal is honoured', async () => {
    const { handle, ui } = await mountFakeUi({ gpc: true });
    handle.show('banner');
    expect(ui.getByRole('region').textContent).toContain('Global Privacy Control');
  });

  it('shows inventory texts as text, never as HTML, and never links a javascript: URL', async () => {
    const evil = '<img src=x onerror=alert(1)>';
    const inventory = makeInventory({ policyUrl: 'javascript:alert(1)' });
    const analytics = { ...inventory.categories[1]!, name: evil };
    const m = await mountFakeUi({
      inventory: { ...inventory, categories: [inventory.categories[0]!, analytics] },
    });
    const { handle, ui } = m;
    handle.show('banner');
    expect(ui.getByRole('region').textContent).toContain(evil);
    expect(m.shadow.querySelector('img')).toBeNull();
    expect(ui.queryByRole('link')).toBeNull();
  });
});
