import { fireEvent, waitFor, within } from '@testing-library/preact';
import { describe, expect, it } from 'vitest';
import { mountFakeUi } from '../helpers/mount-fake-ui';

/** A gated Vimeo iframe as the markup contract writes it. */
function vimeoEmbed(consent = 'vimeo') {
  document.body.innerHTML = `<p>Video:</p><iframe data-consent="${consent}" data-src="https://player.vimeo.com/video/1" width="640" height="360"></iframe>`;
  return document.querySelector('iframe')!;
}

/** Waits for the placeholder before `embed` and returns queries scoped to its shadow root. */
async function placeholderOf(embed: Element) {
  await waitFor(() => expect(embed.previousElementSibling?.className).toBe('crumbs-placeholder'));
  const host = embed.previousElementSibling as HTMLElement;
  return { host, ph: within(host.shadowRoot as unknown as HTMLElement) };
}

describe('embed placeholders', () => {
  it('stand in for a blocked embed with its size, naming service and category', async () => {
    const iframe = vimeoEmbed();
    await mountFakeUi({ embeds: [iframe] });
    const { host, ph } = await placeholderOf(iframe);
    expect(host.style.width).toBe('640px');
    expect(host.style.height).toBe('360px');
    expect(iframe.hidden).toBe(true);
    expect(host.lang).toBe('en');
    expect(host.shadowRoot!.textContent).toContain('Vimeo');
    expect(host.shadowRoot!.textContent).toContain('Functionality');
    expect(ph.getByRole('button', { name: 'Load once' })).toBeTruthy();
    expect(ph.getByRole('button', { name: 'Always allow Vimeo' })).toBeTruthy();
    // Nothing is requested from the third party: no src, no image.
    expect(iframe.getAttribute('src')).toBeNull();
    expect(host.shadowRoot!.querySelector('img,iframe')).toBeNull();
  });

  it('"Always allow" records the decision through the core', async () => {
    const iframe = vimeoEmbed();
    const { calls } = await mountFakeUi({ embeds: [iframe] });
    const { ph } = await placeholderOf(iframe);
    fireEvent.click(ph.getByRole('button', { name: 'Always allow Vimeo' }));
    expect(calls).toEqual([['allowService', 'vimeo']]);
  });

  it('"Load once" loads the embed without a decision and removes the placeholder', async () => {
    const iframe = vimeoEmbed();
    const { calls } = await mountFakeUi({ embeds: [iframe] });
    const { host, ph } = await placeholderOf(iframe);
    fireEvent.click(ph.getByRole('button', { name: 'Load once' }));
    expect(calls).toEqual([['loadOnce', iframe]]);
    expect(host.isConnected).toBe(false);
    expect(iframe.hidden).toBe(false);
  });

  it('go away when the embed is granted', async () => {
    const iframe = vimeoEmbed();
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(iframe.hidden).toBe(false);
  });

  it('name a category when the embed is gated on a category, with no "always allow"', async () => {
    const iframe = vimeoEmbed('functionality');
    await mountFakeUi({ embeds: [iframe] });
    const { host, ph } = await placeholderOf(iframe);
    expect(host.shadowRoot!.textContent).toContain('Functionality');
    expect(ph.getAllByRole('button').map((b) => b.textContent)).toEqual(['Load once']);
  });

  it('are removed by destroy', async () => {
    const iframe = vimeoEmbed();
    const { handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    handle.destroy();
    expect(host.isConnected).toBe(false);
    expect(iframe.hidden).toBe(false);
  });
});
