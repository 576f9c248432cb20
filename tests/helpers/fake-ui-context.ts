import type { Consent, Crumbs, Inventory, UiContext } from '../../src/types';

/** A validated inventory as the core would hand it to the UI: four categories, three services. */
export function makeInventory(overrides: Partial<Inventory> = {}): Inventory {
  const cookie = (name: string, duration: string, description: string) => ({
    name,
    duration,
    description,
    storage: 'cookie' as const,
    matcher: new RegExp('^' + name.replace('*', '.*') + '$'),
  });
  return {
    revision: 1,
    policyUrl: '/privacy#cookies',
    categories: [
      { id: 'necessary', required: true, saleOrSharing: false },
      { id: 'analytics', required: false, saleOrSharing: false },
      { id: 'functionality', required: false, saleOrSharing: false },
      { id: 'targeting', required: false, saleOrSharing: true },
    ],
    services: [
      {
        id: 'session',
        name: 'Session',
        category: 'necessary',
        hosts: [],
        cookies: [cookie('sid', 'session', 'Keeps you signed in.')],
      },
      {
        id: 'google-analytics',
        name: 'Google Analytics',
        provider: 'Google',
        category: 'analytics',
        policyUrl: 'https://policies.google.com/privacy',
        description: { en: 'Counts visits.', de: 'Zählt Besuche.' },
        hosts: ['www.googletagmanager.com'],
        cookies: [cookie('_ga', '2 years', 'Distinguishes visitors.'), cookie('_ga_*', '2 years', 'Keeps session state.')],
      },
      {
        id: 'hotjar',
        name: 'Hotjar',
        category: 'analytics',
        hosts: [],
        cookies: [cookie('_hjSessionUser', '1 year', 'Persists the Hotjar user ID.')],
      },
      {
        id: 'vimeo',
        name: 'Vimeo',
        provider: 'Vimeo Inc.',
        category: 'functionality',
        policyUrl: 'https://vimeo.com/privacy',
        hosts: ['player.vimeo.com'],
        cookies: [],
      },
    ],
    consent: { cookieName: 'crumbs_consent', maxAgeDays: 182, reloadOnRevoke: true },
    gpc: 'honor',
    ui: {},
    texts: {},
    hash: 'abc123',
    ...overrides,
  };
}

/** A stored decision, for "returning visitor" tests. */
export function makeConsent(overrides: Partial<Consent> = {}): Consent {
  return {
    id: '3f1c2a9e-7b1d-4c55-9a0e-1234567890ab',
    time: '2025-01-01T00:00:00.000Z',
    revision: 1,
    action: 'save',
    categories: ['necessary', 'analytics'],
    services: ['session', 'google-analytics'],
    exceptions: { hotjar: false },
    shown: ['session', 'google-analytics', 'hotjar', 'vimeo'],
    lang: 'en',
    gpc: false,
    ...overrides,
  };
}

/** Options of {@link fakeUiContext}. */
export interface FakeOptions {
  inventory?: Inventory;
  lang?: string;
  gpc?: boolean;
  /** The stored decision; its `categories` and `services` drive `isGranted`. */
  consent?: Consent | null;
  /** Elements `blockedEmbeds()` returns (the array may be changed by the test). */
  embeds?: Element[];
}

/** The fake context plus what the UI did with it. */
export interface Fake {
  ctx: UiContext;
  /** Every call the UI made on the instance or the context, in order: `['save', choice]`. */
  calls: [string, ...unknown[]][];
  /** The list behind `ctx.blockedEmbeds()`. */
  embeds: Element[];
}

/**
 * A UiContext whose Crumbs instance only records calls, so UI tests do not depend on the core.
 * `isGranted` answers from the stored decision (nothing on a first visit).
 */
export function fakeUiContext(options: FakeOptions = {}): Fake {
  const calls: Fake['calls'] = [];
  const embeds = options.embeds ?? [];
  const consent = options.consent ?? null;
  const record =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
    };
  const decision =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push([name, ...args]);
      return Promise.resolve();
    };
  const crumbs: Crumbs = {
    ready: Promise.resolve(consent),
    getConsent: () => consent,
    isGranted: (id) => !!consent && (consent.categories.includes(id) || consent.services.includes(id)),
    // Like the real ones: a decision resolves once stored and applied.
    acceptAll: decision('acceptAll'),
    rejectAll: decision('rejectAll'),
    save: decision('save'),
    showBanner: record('showBanner'),
    showPreferences: record('showPreferences'),
    hide: record('hide'),
    reset: record('reset'),
    on: () => () => {},
    destroy: record('destroy'),
  };
  const ctx: UiContext = {
    crumbs,
    inventory: options.inventory ?? makeInventory(),
    lang: options.lang ?? 'en',
    gpc: options.gpc ?? false,
    blockedEmbeds: () => embeds,
    loadOnce: record('loadOnce'),
    allowService: record('allowService'),
    layer: record('layer'),
    document,
  };
  return { ctx, calls, embeds };
}
