import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCrumbs } from '../../src/core/create-crumbs';
import type { Crumbs, CrumbsOptions, UiHandle, UiView } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';
import { readStoredDecision, storeDecision } from '../helpers/stored-decision';

const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  document.documentElement.removeAttribute('data-ran');
  vi.useRealTimers();
});

/**
 * For an absence, which has no promise or event to await: a test that asserts one starts with
 * `vi.useFakeTimers()`, and this runs every task queued meanwhile, those they queue in turn and
 * the microtasks between them, however many there are, before the test looks.
 */
const afterEveryTask = () => vi.runAllTimersAsync();

/** A UI stand-in that records what the core asked of it. */
function fakeUi() {
  const calls: string[] = [];
  const handle: UiHandle = {
    show: (view: UiView) => void calls.push('show:' + view),
    hide: () => void calls.push('hide'),
    update: () => void calls.push('update'),
    destroy: () => void calls.push('destroy'),
  };
  const loader = vi.fn(() => handle);
  return { calls, loader };
}

function start(options: Partial<CrumbsOptions> = {}) {
  const crumbs = createCrumbs({ inventory: makeInventoryJson(), reload: vi.fn(), ...options });
  instances.push(crumbs);
  return crumbs;
}

const inline = (consent: string, name: string) =>
  `<script type="text/plain" data-consent="${consent}">var h = document.documentElement;` +
  `h.setAttribute('data-ran', (h.getAttribute('data-ran') || '') + '${name},')</script>`;
const ran = () => (document.documentElement.getAttribute('data-ran') ?? '').split(',').filter(Boolean);
const gatedPage = () =>
  (document.body.innerHTML =
    inline('analytics', 'analytics-1') +
    inline('hotjar', 'hotjar') +
    inline('targeting', 'targeting') +
    inline('vimeo', 'vimeo') +
    inline('analytics', 'analytics-2'));

const storedCookie = (name?: string) => readStoredDecision(name);

describe('first visit', () => {
  it('runs nothing gated, grants nothing optional, and shows the banner', async () => {
    gatedPage();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    expect(await crumbs.ready).toBeNull();
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:banner']));
    expect(ran()).toEqual([]);
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(crumbs.isGranted('necessary')).toBe(true);
    expect(crumbs.getConsent()).toBeNull();
    expect(document.cookie).not.toContain('crumbs_consent');
  });
});

describe('returning visitor', () => {
  it('with a decision granting analytics, runs the analytics scripts once each, in order, and nothing else', async () => {
    storeDecision({ grantedCategories: ['analytics'] });
    gatedPage();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await vi.waitFor(() => expect(ran()).toEqual(['analytics-1', 'hotjar', 'analytics-2']));
    expect(crumbs.getConsent()).toMatchObject({
      categories: ['necessary', 'analytics'],
      services: ['session', 'google-analytics', 'hotjar'],
    });
  });

  it('downloads no UI code and shows the settings button instead', async () => {
    storeDecision();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await vi.waitFor(() => expect(document.querySelector('[data-crumbs-settings]')).not.toBeNull());
    expect(ui.loader).not.toHaveBeenCalled();
    const host = document.querySelector('[data-crumbs-settings]')!;
    const button = host.shadowRoot!.querySelector('button')!;
    expect(button.getAttribute('aria-label')).toBe('Cookie settings');
    button.click();
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:preferences']));
    expect(ui.loader).toHaveBeenCalledTimes(1);
    // It stays in the page, so the dialog can give focus back to it.
    expect(host.isConnected).toBe(true);
  });

  it('honours a per-service exception', async () => {
    storeDecision({ grantedCategories: ['analytics'], serviceExceptions: { hotjar: 0 } });
    gatedPage();
    const crumbs = start();
    await crumbs.ready;
    await vi.waitFor(() => expect(ran()).toEqual(['analytics-1', 'analytics-2']));
    expect(crumbs.isGranted('hotjar')).toBe(false);
  });

  it.each([
    ['an older inventory revision', { inventoryRevision: 0 }],
    ['an expired decision', { decidedAt: Math.floor(Date.now() / 1000) - 183 * 86400 }],
  ])('treats %s as no decision', async (_label, change) => {
    storeDecision(change);
    gatedPage();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    expect(await crumbs.ready).toBeNull();
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:banner']));
    expect(ran()).toEqual([]);
  });

  it('treats a tampered cookie as no decision', async () => {
    vi.useFakeTimers();
    storeDecision({ grantedCategories: ['analytics'] });
    const edited = decodeURIComponent(document.cookie.split('crumbs_consent=')[1]!).replace('"analytics"', '"targeting"');
    document.cookie = 'crumbs_consent=' + encodeURIComponent(edited) + '; path=/';
    gatedPage();
    const crumbs = start();
    expect(await crumbs.ready).toBeNull();
    // An absence: time for a gated script to run, were it to.
    await afterEveryTask();
    expect(ran()).toEqual([]);
  });

  it('asks again about a service added after the decision, without granting it, while older grants stay', async () => {
    storeDecision({ grantedCategories: ['analytics'], shownServices: ['session', 'google-analytics'] });
    gatedPage();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:banner']));
    expect(crumbs.isGranted('google-analytics')).toBe(true);
    expect(crumbs.isGranted('hotjar')).toBe(false);
    expect(ran()).toEqual(['analytics-1', 'analytics-2']);
  });
});

describe('decisions', () => {
  it('acceptAll stores the decision, runs every gated script once without reload, and emits events', async () => {
    gatedPage();
    const crumbs = start();
    await crumbs.ready;
    const onConsent = vi.fn();
    const onChange = vi.fn();
    const domEvents: string[] = [];
    crumbs.on('consent', onConsent);
    crumbs.on('change', onChange);
    const listener = (e: Event) => domEvents.push(e.type);
    document.addEventListener('crumbs:consent', listener);
    document.addEventListener('crumbs:change', listener);
    await crumbs.acceptAll();
    document.removeEventListener('crumbs:consent', listener);
    document.removeEventListener('crumbs:change', listener);
    expect(ran()).toEqual(['analytics-1', 'hotjar', 'targeting', 'vimeo', 'analytics-2']);
    expect(storedCookie()).toMatchObject({ actionTaken: 'accept-all', grantedCategories: ['analytics', 'functionality', 'targeting'], inventoryRevision: 1 });
    expect(onConsent).toHaveBeenCalledTimes(1);
    expect(onConsent.mock.calls[0]![0]).toMatchObject({
      action: 'accept-all',
      inventoryHash: expect.stringMatching(/^[0-9a-f]{8}$/),
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
    });
    expect(onChange.mock.calls[0]![0].granted).toEqual(
      expect.arrayContaining(['analytics', 'google-analytics', 'hotjar', 'vimeo', 'meta-pixel', 'targeting']),
    );
    expect(domEvents).toEqual(['crumbs:consent', 'crumbs:change']);
    await crumbs.acceptAll();
    expect(ran()).toHaveLength(5);
  });

  it('rejectAll stores a refusal and runs nothing', async () => {
    gatedPage();
    const crumbs = start();
    await crumbs.ready;
    await crumbs.rejectAll();
    expect(ran()).toEqual([]);
    expect(storedCookie()).toMatchObject({ actionTaken: 'reject-all', grantedCategories: [] });
    expect(crumbs.getConsent()).toMatchObject({ categories: ['necessary'], action: 'reject-all' });
  });

  it('save grants analytics except Hotjar', async () => {
    gatedPage();
    const crumbs = start();
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics'], services: { hotjar: false } });
    expect(ran()).toEqual(['analytics-1', 'analytics-2']);
    expect(crumbs.getConsent()).toMatchObject({ exceptions: { hotjar: false }, services: ['session', 'google-analytics'] });
  });

  it('ignores unknown ids in save and never grants required categories away', async () => {
    const crumbs = start();
    await crumbs.ready;
    await crumbs.save({ categories: ['nope', 'analytics'], services: { ghost: true } });
    expect(crumbs.getConsent()).toMatchObject({ categories: ['necessary', 'analytics'], exceptions: {} });
    expect(crumbs.isGranted('ghost')).toBe(false);
  });

  it('withdrawing deletes the revoked cookies and reloads once because a revoked script ran', async () => {
    gatedPage();
    const reload = vi.fn();
    const crumbs = start({ reload });
    await crumbs.ready;
    await crumbs.acceptAll();
    document.cookie = '_ga=GA1.1.1; path=/';
    document.cookie = '_ga_ABC=GS1; path=/';
    document.cookie = '_hjSession_123=1; path=/';
    const onChange = vi.fn();
    crumbs.on('change', onChange);
    await crumbs.rejectAll();
    expect(document.cookie).not.toMatch(/_ga|_hj/);
    expect(reload).toHaveBeenCalledTimes(1);
    expect(onChange.mock.calls[0]![0].revoked).toEqual(expect.arrayContaining(['analytics', 'hotjar', 'targeting']));
  });

  it('does not reload when no script of a revoked service ran, or when reloadOnRevoke is off', async () => {
    const reload = vi.fn();
    const crumbs = start({ reload });
    await crumbs.ready;
    crumbs.acceptAll();
    await crumbs.rejectAll();
    expect(reload).not.toHaveBeenCalled();

    gatedPage();
    const other = start({ reload, inventory: makeInventoryJson({ consent: { reloadOnRevoke: false, cookieName: 'other' } }) });
    await other.ready;
    await other.acceptAll();
    await other.rejectAll();
    expect(reload).not.toHaveBeenCalled();
  });

  it('deletes declared cookies of services that are not granted on every start', async () => {
    document.cookie = '_ga=1; path=/';
    document.cookie = 'PHPSESSID=1; path=/';
    const crumbs = start();
    await crumbs.ready;
    expect(document.cookie).toBe('PHPSESSID=1');
  });

  it('reset forgets the decision and shows the banner', async () => {
    const ui = fakeUi();
    storeDecision();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await crumbs.reset();
    expect(document.cookie).not.toContain('crumbs_consent');
    expect(crumbs.getConsent()).toBeNull();
    expect(crumbs.isGranted('analytics')).toBe(false);
    // The view follows the decision; the UI loads on its own time.
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:banner']));
  });
});

describe('UI seam', () => {
  it('opens the preferences from any data-crumbs-open element, with the opener', async () => {
    storeDecision();
    document.body.innerHTML = '<footer><a href="#" data-crumbs-open><span>Cookie settings</span></a></footer>';
    const ui = fakeUi();
    const shown: (Element | null | undefined)[] = [];
    const loader = vi.fn(() => ({ ...ui.loader(), show: (_v: UiView, opener?: Element | null) => void shown.push(opener) }));
    const crumbs = start({ ui: loader });
    await crumbs.ready;
    document.querySelector('span')!.click();
    await vi.waitFor(() => expect(shown).toEqual([document.querySelector('a')]));
  });

  it('loads the UI for a blocked embed even with a stored decision', async () => {
    storeDecision({ grantedCategories: ['analytics'] });
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1"></iframe>';
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    // The placeholder is drawn; a settled decision also closes any banner (an early one, adopted).
    await vi.waitFor(() => expect(ui.calls).toEqual(['hide', 'update']));
    const context = ui.loader.mock.calls[0] as unknown as [{ blockedEmbeds(): Element[]; allowService(id: string): void }];
    expect(context[0].blockedEmbeds()).toHaveLength(1);
    context[0].allowService('vimeo');
    await vi.waitFor(() => expect(document.querySelector('iframe')!.getAttribute('src')).toBe('https://player.vimeo.com/video/1'));
    expect(crumbs.getConsent()).toMatchObject({ action: 'embed', exceptions: { vimeo: true } });
    expect(crumbs.isGranted('analytics')).toBe(true);
  });

  it('reports a UI that fails to load and stays closed', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    const crumbs = start({ ui: () => Promise.reject(new Error('404 crumbs-ui.js')) });
    crumbs.on('error', onError);
    await crumbs.ready;
    await vi.waitFor(() => expect(onError).toHaveBeenCalled());
    expect(onError.mock.calls[0]![0].message).toContain('404 crumbs-ui.js');
    expect(errors).toHaveBeenCalledTimes(1);
  });
});

describe('failing closed', () => {
  it('with an invalid inventory: runs nothing, emits one error naming the path, and the API does not throw', async () => {
    gatedPage();
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    const inventory = makeInventoryJson();
    (inventory.services[1]!.cookies![0] as { name: unknown }).name = '';
    const onError = vi.fn();
    const domErrors: unknown[] = [];
    const listener = (e: Event) => domErrors.push((e as CustomEvent).detail);
    document.addEventListener('crumbs:error', listener);
    const crumbs = start({ inventory });
    crumbs.on('error', onError);
    expect(await crumbs.ready).toBeNull();
    document.removeEventListener('crumbs:error', listener);
    crumbs.acceptAll();
    await crumbs.save({ categories: ['analytics'] });
    expect(ran()).toEqual([]);
    expect(crumbs.isGranted('analytics')).toBe(false);
    expect(crumbs.getConsent()).toBeNull();
    expect(errors).toHaveBeenCalledTimes(1);
    expect(String(errors.mock.calls[0]![0])).toContain('services[1].cookies[0].name');
    expect(onError.mock.calls[0]![0].problems[0]).toMatchObject({ path: 'services[1].cookies[0].name' });
    expect(domErrors).toHaveLength(1);
    expect(document.cookie).not.toContain('crumbs_consent');
  });

  it('with an inventory that fails to load', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const onError = vi.fn();
    const crumbs = start({ inventory: Promise.reject(new Error('/cookies.json: HTTP 404')) });
    crumbs.on('error', onError);
    expect(await crumbs.ready).toBeNull();
    expect(onError).toHaveBeenCalledWith({
      message: 'The inventory could not be loaded (Error: /cookies.json: HTTP 404); nothing optional was activated.',
    });
  });

  it('when a subscriber throws, the decision still completes', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    gatedPage();
    const crumbs = start();
    await crumbs.ready;
    crumbs.on('consent', () => {
      throw new Error('host bug');
    });
    await crumbs.acceptAll();
    expect(ran()).toHaveLength(5);
  });
});

describe('instances', () => {
  it('two instances with different cookies do not interfere', async () => {
    const a = start({ inventory: makeInventoryJson({ consent: { cookieName: 'consent_a' } }), gate: false });
    const b = start({ inventory: makeInventoryJson({ consent: { cookieName: 'consent_b' } }), gate: false });
    await Promise.all([a.ready, b.ready]);
    await a.acceptAll();
    expect(a.isGranted('analytics')).toBe(true);
    expect(b.isGranted('analytics')).toBe(false);
    expect(storedCookie('consent_a')).not.toBeNull();
    expect(storedCookie('consent_b')).toBeNull();
  });
});

describe('settings button text', () => {
  it('shows an inventory override as literal text, never as markup', async () => {
    storeDecision();
    const crumbs = start({
      inventory: makeInventoryJson({ texts: { en: { 'settings.button': '<img src=x onerror=alert(1)>' } } }),
    });
    await crumbs.ready;
    const button = await vi.waitFor(() => document.querySelector('[data-crumbs-settings]')!.shadowRoot!.querySelector('button')!);
    expect(button.getAttribute('aria-label')).toBe('<img src=x onerror=alert(1)>');
    expect(button.querySelector('img')).toBeNull();
  });

  it('is not drawn when the inventory turns it off', async () => {
    vi.useFakeTimers();
    storeDecision();
    const crumbs = start({ inventory: makeInventoryJson({ ui: { settingsButton: 'none' } }) });
    await crumbs.ready;
    // An absence: time for the button to be drawn (in a task of its own), were it to be.
    await afterEveryTask();
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
  });

  it('stays hidden when the banner is asked for while the button waits for its task', async () => {
    vi.useFakeTimers();
    storeDecision();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    crumbs.showBanner();
    await vi.waitFor(() => expect(ui.calls).toContain('show:banner'));
    // An absence: time for the button to be drawn, were it to be.
    await afterEveryTask();
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
  });

  it('starts as usual when the Cookie Store API throws: the clean-up reads document.cookie', async () => {
    Object.defineProperty(window, 'cookieStore', {
      value: {
        getAll() {
          throw new Error('a page stub');
        },
      },
      configurable: true,
    });
    try {
      storeDecision({ grantedCategories: [] });
      document.cookie = '_ga=1; path=/';
      gatedPage();
      const crumbs = start();
      expect(await crumbs.ready).toMatchObject({ categories: ['necessary'] });
      expect(document.cookie).not.toMatch(/(^|; )_ga=/);
      await vi.waitFor(() => expect(document.querySelector('[data-crumbs-settings]')).not.toBeNull());
    } finally {
      delete (window as { cookieStore?: unknown }).cookieStore;
    }
  });
});

describe('edge cases', () => {
  it('starts synchronously in <head> before <body> exists, and draws the settings button once it does', async () => {
    storeDecision();
    const errors = vi.spyOn(console, 'error');
    const body = document.body;
    body.remove();
    const crumbs = start();
    expect(crumbs.isGranted('analytics')).toBe(true);
    document.documentElement.append(body);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    await crumbs.ready;
    await vi.waitFor(() => expect(document.querySelector('[data-crumbs-settings]')).not.toBeNull());
    expect(errors).not.toHaveBeenCalled();
  });

  const onlyRequired = () => makeInventoryJson({ categories: [{ id: 'necessary', required: true }], services: [] });

  it('shows no banner and no settings button when every category is required', async () => {
    vi.useFakeTimers();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader, inventory: onlyRequired() });
    await crumbs.ready;
    // An absence: time for the UI or the settings button to be asked for, were they to be.
    await afterEveryTask();
    expect(ui.loader).not.toHaveBeenCalled();
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
  });

  it('closes the dialog after a decision and asks nothing on reset when every category is required', async () => {
    vi.useFakeTimers();
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader, inventory: onlyRequired() });
    await crumbs.ready;
    crumbs.showPreferences();
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:preferences']));
    await crumbs.acceptAll();
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:preferences', 'hide', 'update']));
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
    await crumbs.reset();
    // An absence: time for a banner to be asked for, were it to be.
    await afterEveryTask();
    expect(ui.calls.filter((c) => c.startsWith('show'))).toEqual(['show:preferences']);
  });

  it('activates nothing more once a revoke has triggered the reload', async () => {
    document.body.innerHTML = inline('analytics', 'analytics') + inline('functionality', 'functionality');
    const reload = vi.fn();
    const crumbs = start({ reload });
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics'] });
    await crumbs.save({ categories: ['functionality'] });
    expect(reload).toHaveBeenCalledTimes(1);
    expect(ran()).toEqual(['analytics']);
  });

  it('treats ids named like Object.prototype members as plain ids', async () => {
    const inventory = makeInventoryJson();
    inventory.services.push({ id: 'constructor', name: 'Odd', category: 'analytics', cookies: [] } as never);
    const crumbs = start({ inventory });
    const handler = vi.fn();
    expect(() => crumbs.on('toString' as never, handler)).not.toThrow();
    await crumbs.ready;
    await crumbs.save({ categories: ['analytics'] });
    expect(crumbs.isGranted('constructor')).toBe(true);
  });

  it('keeps the decision on this host even when an effect of the decision throws (a dataLayer that takes no push)', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const crumbs = start({ inventory: makeInventoryJson({ consent: { domain: 'example.com' }, googleConsentMode: { enabled: true } }) });
    await crumbs.ready;
    // The page swaps its dataLayer for one that refuses pushes after Crumbs' defaults went out.
    const saved = (window as { dataLayer?: unknown }).dataLayer;
    (window as { dataLayer?: unknown }).dataLayer = Object.freeze([]);
    try {
      await crumbs.acceptAll();
    } finally {
      (window as { dataLayer?: unknown }).dataLayer = saved;
    }
    // The check after the effects still ran: the cookie the browser dropped (wrong domain) is on this host.
    expect(storedCookie()).toMatchObject({ grantedCategories: expect.arrayContaining(['analytics']) });
  });

  it('keeps the decision on this host, with a warning, when consent.domain does not match it', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const crumbs = start({ inventory: makeInventoryJson({ consent: { domain: 'example.com' } }) });
    await crumbs.ready;
    await crumbs.acceptAll();
    expect(storedCookie()).not.toBeNull();
    expect(String(warn.mock.calls[0]![0])).toContain('consent.domain "example.com" does not match localhost');
    // reset() forgets that one too: the next page view asks again.
    await crumbs.reset();
    expect(storedCookie()).toBeNull();
  });
});

describe('Global Privacy Control', () => {
  afterEach(() => Object.defineProperty(navigator, 'globalPrivacyControl', { value: undefined, configurable: true }));
  const withGpc = () => Object.defineProperty(navigator, 'globalPrivacyControl', { value: true, configurable: true });

  it('stores and records the opt-out when the signal overrides an older grant, so it lasts without the signal', async () => {
    storeDecision({ grantedCategories: ['analytics', 'targeting'], gpcPresent: 0 });
    withGpc();
    const records: unknown[] = [];
    const listener = (e: Event) => records.push((e as CustomEvent).detail);
    document.addEventListener('crumbs:consent', listener);
    const crumbs = start();
    await crumbs.ready;
    document.removeEventListener('crumbs:consent', listener);
    expect(records).toEqual([expect.objectContaining({ gpc: true, categories: ['necessary', 'analytics'] })]);
    expect(crumbs.isGranted('targeting')).toBe(false);
    expect(storedCookie()).toMatchObject({ grantedCategories: ['analytics'], gpcPresent: 1 });
    crumbs.destroy();
    Object.defineProperty(navigator, 'globalPrivacyControl', { value: false, configurable: true });
    const later = start();
    await later.ready;
    expect(later.isGranted('targeting')).toBe(false);
    expect(later.isGranted('analytics')).toBe(true);
  });

  it('"always allow" on an embed does not bring back a grant the signal overrides', async () => {
    storeDecision({ grantedCategories: ['analytics', 'targeting'], gpcPresent: 0 });
    withGpc();
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1"></iframe>';
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await vi.waitFor(() => expect(ui.loader).toHaveBeenCalled());
    const context = (ui.loader.mock.calls[0] as unknown as [{ allowService(id: string): void }])[0];
    context.allowService('vimeo');
    await vi.waitFor(() => expect(crumbs.isGranted('vimeo')).toBe(true));
    expect(crumbs.isGranted('targeting')).toBe(false);
    expect(crumbs.isGranted('meta-pixel')).toBe(false);
  });
});

describe('focus after a decision', () => {
  it('moves to the settings button when the control that had it (in the banner) goes away', async () => {
    const root = document.createElement('div');
    root.id = 'crumbs-root';
    root.attachShadow({ mode: 'open' }).innerHTML = '<button>Reject all</button>';
    document.body.append(root);
    const handle: UiHandle = { show() {}, hide: () => root.remove(), update() {}, destroy() {} };
    const crumbs = start({ ui: () => handle });
    await crumbs.ready;
    root.shadowRoot!.querySelector('button')!.focus();
    expect(document.activeElement).toBe(root);
    await crumbs.rejectAll();
    await vi.waitFor(() => expect(document.activeElement).toBe(document.querySelector('[data-crumbs-settings]')));
    expect(document.activeElement!.shadowRoot!.activeElement?.getAttribute('aria-label')).toBe('Cookie settings');
  });

  it('stays where it is when the decision came from elsewhere (an API call)', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<input id="search">';
    const crumbs = start({ ui: fakeUi().loader });
    await crumbs.ready;
    (document.getElementById('search') as HTMLInputElement).focus();
    await crumbs.acceptAll();
    // An absence: time for the settings button to appear and for focus to move, were it to.
    await afterEveryTask();
    expect(document.querySelector('[data-crumbs-settings]')).not.toBeNull();
    expect(document.activeElement?.id).toBe('search');
  });
});

describe('"always allow" on a placeholder before any answer', () => {
  it('grants that service only and keeps asking about the rest, now and on the next page', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1"></iframe>';
    const ui = fakeUi();
    const crumbs = start({ ui: ui.loader });
    await crumbs.ready;
    await vi.waitFor(() => expect(ui.calls).toEqual(['show:banner']));
    const context = (ui.loader.mock.calls[0] as unknown as [{ allowService(id: string): void }])[0];
    context.allowService('vimeo');
    await vi.waitFor(() => expect(crumbs.isGranted('vimeo')).toBe(true));
    // An absence: time for the banner to be closed and the settings button drawn, were they to be.
    await afterEveryTask();
    expect(ui.calls).not.toContain('hide');
    expect(document.querySelector('[data-crumbs-settings]')).toBeNull();
    crumbs.destroy();

    const next = fakeUi();
    const later = start({ ui: next.loader });
    await later.ready;
    await vi.waitFor(() => expect(next.calls[0]).toBe('show:banner'));
    expect(later.isGranted('vimeo')).toBe(true);
    await later.rejectAll();
    expect(storedCookie()).toMatchObject({ answered: 1 });
  });
});
