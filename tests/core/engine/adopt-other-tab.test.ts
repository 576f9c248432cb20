import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrumbs } from '../../../src/core/create-crumbs';
import type { Crumbs, UiContext, UiHandle } from '../../../src/types';
import { makeInventoryJson } from '../../helpers/inventory';
import { storeDecision } from '../../helpers/stored-decision';

const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  document.body.innerHTML = '';
  document.documentElement.removeAttribute('data-ran');
});

/** A first visit's instance whose banner is up, with a UI stand-in that records what it was asked. */
async function asking(inventory = makeInventoryJson()) {
  const calls: string[] = [];
  let context!: UiContext;
  const handle: UiHandle = {
    show: (view) => void calls.push('show:' + view),
    hide: () => void calls.push('hide'),
    update: () => void calls.push('update'),
    destroy: () => void calls.push('destroy'),
  };
  document.body.innerHTML =
    '<script type="text/plain" data-consent="analytics">document.documentElement.setAttribute("data-ran", "analytics")</script>';
  const crumbs = createCrumbs({ inventory, reload: vi.fn(), ui: (ctx) => ((context = ctx), handle) });
  instances.push(crumbs);
  expect(await crumbs.ready).toBeNull();
  await vi.waitFor(() => expect(calls).toEqual(['show:banner']));
  return { crumbs, calls, context };
}
/** What a browser does when the visitor comes back to this tab. */
const shown = () => document.dispatchEvent(new Event('visibilitychange'));

describe('adoptOtherTabs', () => {
  it('takes over a decision another tab stored, when this tab is shown again: grants run, the banner goes, events tell the page', async () => {
    const { crumbs, calls } = await asking();
    const changes = vi.fn();
    crumbs.on('change', changes);
    storeDecision({ actionTaken: 'accept-all', grantedCategories: ['analytics', 'functionality', 'targeting'] });
    shown();
    expect(crumbs.getConsent()).toMatchObject({ action: 'accept-all', id: '6c1f7d7e-3b8a-4a8e-9f65-1d1e6d3c2b10' });
    expect(crumbs.isGranted('analytics')).toBe(true);
    expect(document.documentElement.getAttribute('data-ran')).toBe('analytics');
    expect(changes).toHaveBeenCalledTimes(1);
    await vi.waitFor(() => expect(calls).toContain('hide'));
  });

  it('leaves a tab that has decided alone, and a decision on another notice or an old revision', async () => {
    const { crumbs } = await asking();
    storeDecision({ inventoryRevision: 0, actionTaken: 'accept-all', grantedCategories: ['analytics'] });
    shown();
    storeDecision({ noticeFingerprint: '0badf00d', actionTaken: 'accept-all', grantedCategories: ['analytics'] });
    shown();
    expect(crumbs.getConsent()).toBeNull();
    await crumbs.rejectAll();
    storeDecision({ actionTaken: 'accept-all', grantedCategories: ['analytics'] });
    shown();
    expect(crumbs.getConsent()?.action).toBe('reject-all');
    expect(document.documentElement.hasAttribute('data-ran')).toBe(false);
  });

  it('does nothing while the tab is hidden, nor after destroy()', async () => {
    const { crumbs } = await asking();
    storeDecision({ actionTaken: 'accept-all', grantedCategories: ['analytics'] });
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    shown();
    expect(crumbs.getConsent()).toBeNull();
    visibility.mockRestore();
    crumbs.destroy();
    shown();
    expect(crumbs.getConsent()).toBeNull();
    expect(document.documentElement.hasAttribute('data-ran')).toBe(false);
  });

  it('still takes over in a tab that only allowed an embed (no answer: its banner still asks), and never re-applies its own', async () => {
    const { crumbs, context } = await asking(makeInventoryJson({ googleConsentMode: { enabled: true } }));
    const changes = vi.fn();
    crumbs.on('change', changes);
    context.allowService('vimeo');
    await vi.waitFor(() => expect(crumbs.getConsent()?.action).toBe('embed'));
    expect(changes).toHaveBeenCalledTimes(1);
    // Its own decision, read back when the tab is shown: nothing happens, not even a Consent Mode update.
    const dataLayer = (window as unknown as { dataLayer: unknown[] }).dataLayer;
    const pushes = dataLayer.length;
    shown();
    expect(dataLayer.length).toBe(pushes);
    expect(changes).toHaveBeenCalledTimes(1);
    storeDecision({ actionTaken: 'accept-all', grantedCategories: ['analytics', 'functionality', 'targeting'] });
    shown();
    expect(crumbs.getConsent()?.action).toBe('accept-all');
    expect(document.documentElement.getAttribute('data-ran')).toBe('analytics');
    expect(changes).toHaveBeenCalledTimes(2);
  });

  it('never throws into the page: an effect that throws is reported as ours', async () => {
    const { crumbs } = await asking(makeInventoryJson({ googleConsentMode: { enabled: true } }));
    const saved = (window as { dataLayer?: unknown }).dataLayer;
    const errors: unknown[] = [];
    const onError = (event: ErrorEvent) => void errors.push(event.error);
    window.addEventListener('error', onError);
    const reported = vi.spyOn(console, 'error').mockImplementation(() => {});
    try {
      (window as { dataLayer?: unknown }).dataLayer = { push: () => { throw new Error('no push'); } };
      storeDecision({ actionTaken: 'accept-all', grantedCategories: ['analytics', 'functionality', 'targeting'] });
      shown();
    } finally {
      (window as { dataLayer?: unknown }).dataLayer = saved;
      window.removeEventListener('error', onError);
    }
    expect(errors).toEqual([]);
    expect(reported).toHaveBeenCalledWith('[crumbs]', expect.objectContaining({ message: 'no push' }));
    reported.mockRestore();
    void crumbs;
  });
});
