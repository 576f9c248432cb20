import { fireEvent, waitFor, within } from '@testing-library/preact';
import { describe, expect, it, vi } from 'vitest';
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
    // jsdom has no anchor positioning: the placeholder stands in the flow, sized by custom
    // properties (its stylesheet resets every other inline value a page could give it).
    expect(host.style.getPropertyValue('--crumbs-width')).toBe('640px');
    expect(iframe.style.getPropertyValue('display')).toBe('none');
    expect(iframe.style.getPropertyPriority('display')).toBe('important');
    expect(host.lang).toBe('en');
    expect(host.shadowRoot!.textContent).toContain('Vimeo');
    expect(host.shadowRoot!.textContent).toContain('Functionality');
    expect(ph.getByRole('button', { name: 'Load once' })).toBeTruthy();
    expect(ph.getByRole('button', { name: 'Always allow Vimeo' })).toBeTruthy();
    // Nothing is requested from the third party: no src, no image.
    expect(iframe.getAttribute('src')).toBeNull();
    expect(host.shadowRoot!.querySelector('img,iframe')).toBeNull();
  });

  it('are all a returning page view with a blocked embed gets: no banner host, no observer of the page', async () => {
    const iframe = vimeoEmbed();
    const observed = vi.spyOn(MutationObserver.prototype, 'observe');
    await mountFakeUi({ embeds: [iframe] });
    await placeholderOf(iframe);
    expect(document.getElementById('crumbs-root')).toBeNull();
    // testing-library's waitFor observes the document; the UI's keeper would observe <html>.
    expect(observed.mock.calls.filter(([target]) => target == document.documentElement)).toEqual([]);
    observed.mockRestore();
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
    expect(iframe.hasAttribute('style')).toBe(false);
    expect(document.activeElement).toBe(iframe);
  });

  it('go away when the embed is granted', async () => {
    const iframe = vimeoEmbed();
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(iframe.hasAttribute('style')).toBe(false);
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
    expect(iframe.hasAttribute('style')).toBe(false);
  });

  it('hide the embed even when page CSS shows it (.video iframe { display: block }), and give it back', async () => {
    const iframe = vimeoEmbed();
    document.head.insertAdjacentHTML('beforeend', '<style>p + iframe { display: block; }</style>');
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    expect(getComputedStyle(iframe).display).toBe('none');
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(iframe.hasAttribute('style')).toBe(false);
    expect(getComputedStyle(iframe).display).toBe('block');
  });

  it('restore the embed\'s own inline display exactly, priority included', async () => {
    const iframe = vimeoEmbed();
    iframe.style.setProperty('display', 'inline-block', 'important');
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    expect(iframe.style.getPropertyValue('display')).toBe('none');
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(iframe.getAttribute('style')).toBe('display: inline-block !important;');
  });

  it('keep the proportions of an embed with numeric width and height, so they scale like it', async () => {
    const iframe = vimeoEmbed();
    await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    expect(host.style.getPropertyValue('--crumbs-ratio')).toBe('640 / 360');
    expect(host.style.getPropertyValue('--crumbs-height')).toBe(''); // auto: from the width it gets
  });

  it('take a non-numeric size as it is', async () => {
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1" width="100%" height="20em"></iframe>';
    const iframe = document.querySelector('iframe')!;
    await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    const value = (name: string) => host.style.getPropertyValue(name);
    expect([value('--crumbs-width'), value('--crumbs-height'), value('--crumbs-ratio')]).toEqual(['100%', '20em', '']);
  });

  it('"Always allow" moves keyboard focus to the embed it loads', async () => {
    const iframe = vimeoEmbed();
    const { embeds, ctx, calls } = await mountFakeUi({ embeds: [iframe] });
    // As the core does: the decision activates the embed, which is no longer blocked.
    ctx.allowService = (id) => {
      calls.push(['allowService', id]);
      embeds.length = 0;
    };
    const { host, ph } = await placeholderOf(iframe);
    const always = ph.getByRole('button', { name: 'Always allow Vimeo' });
    always.focus();
    fireEvent.click(always);
    expect(calls).toEqual([['allowService', 'vimeo']]);
    expect(host.isConnected).toBe(false);
    expect(document.activeElement).toBe(iframe);
  });

  it('"Always allow" moves focus to the embed also when the decision is applied later (decision code still loading)', async () => {
    const iframe = vimeoEmbed();
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host, ph } = await placeholderOf(iframe);
    const always = ph.getByRole('button', { name: 'Always allow Vimeo' });
    always.focus();
    fireEvent.click(always);
    expect(host.isConnected).toBe(true);
    // The decision lands: the core no longer lists the embed and asks the UI to update.
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(document.activeElement).toBe(iframe);
  });

  it('a placeholder removed while focus is elsewhere leaves focus where it is', async () => {
    document.body.innerHTML = '<button>Elsewhere</button>';
    const elsewhere = document.querySelector('button')!;
    const iframe = document.createElement('iframe');
    iframe.dataset.consent = 'vimeo';
    iframe.dataset.src = 'https://player.vimeo.com/video/1';
    document.body.append(iframe);
    const { embeds, handle } = await mountFakeUi({ embeds: [iframe] });
    const { host } = await placeholderOf(iframe);
    elsewhere.focus();
    embeds.length = 0;
    handle.update();
    await waitFor(() => expect(host.isConnected).toBe(false));
    expect(document.activeElement).toBe(elsewhere);
  });

  it('"Always allow" keeps the placeholder while the embed is still blocked (it needs another id too)', async () => {
    const iframe = vimeoEmbed('vimeo analytics');
    const { calls } = await mountFakeUi({ embeds: [iframe] });
    const { host, ph } = await placeholderOf(iframe);
    fireEvent.click(ph.getByRole('button', { name: 'Always allow Vimeo' }));
    expect(calls).toEqual([['allowService', 'vimeo']]);
    expect(host.isConnected).toBe(true);
    expect(getComputedStyle(iframe).display).toBe('none');
  });
});
