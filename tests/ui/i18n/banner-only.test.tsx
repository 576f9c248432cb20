import { fireEvent, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
import { mountFakeUi } from '../../helpers/mount-fake-ui';
import { loadMessages } from '../../../src/ui/i18n/load-messages';

// The second part of every language never arrives (and is counted): the banner must not need it.
const more = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../src/ui/i18n/load-messages', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../../src/ui/i18n/load-messages')>();
  return {
    ...original,
    loadLanguage: (lang: string) =>
      original.loadLanguage(lang).then((m) => ({
        default: m.default,
        more: () => (more.calls++, new Promise<never>(() => {})),
      })),
  };
});

const langs = ['en', 'de', 'fr', 'es', 'it', 'nl', 'pt', 'pl'];

describe('the banner with only the first part of a language loaded', () => {
  it('shows every text of the banner, in every language, without fetching the second part', async () => {
    for (const lang of langs) {
      const m = await loadMessages(lang);
      const { handle, ui } = await mountFakeUi({ lang, gpc: true });
      handle.show('banner');
      const region = ui.getByRole('region', { name: m['banner.title'] });
      const names = within(region).getAllByRole('button').map((b) => b.textContent);
      expect(names, lang).toEqual([m['banner.acceptAll'], m['banner.rejectAll'], m['banner.customise']]);
      expect(within(region).getByRole('link', { name: m['policy.link'] })).toBeTruthy();
      const text = region.textContent!;
      expect(text, lang).toContain(m['category.analytics.name']);
      expect(text, lang).toContain(m['change.later']);
      expect(text, lang).toContain(m['gpc.honoured']);
      expect(text, lang).not.toMatch(/\{\w+\}/); // every slot filled
      fireEvent.click(within(region).getByRole('button', { name: m['banner.rejectAll'] }));
      expect(ui.getByRole('status').textContent, lang).toBe(m['status.saved']);
      handle.destroy();
    }
    expect(more.calls).toBe(0);
  });

  it('asks for the second part only when the dialog opens, and once', async () => {
    const { handle } = await mountFakeUi({ lang: 'de' });
    handle.show('banner');
    expect(more.calls).toBe(0);
    handle.show('preferences');
    handle.hide();
    handle.show('preferences');
    await vi.waitFor(() => expect(more.calls).toBeGreaterThan(0));
    // An absence: time for a second request, were there one.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(more.calls).toBe(1);
  });
});
