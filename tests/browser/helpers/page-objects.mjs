// The widget as a person finds it on a page: by role and accessible name, as a screen reader
// would, never by class names. Failures say what was looked for, and what the page reported.

/** The site object of each open page, for the diagnostics of `visible`. */
const SITES = new WeakMap();

/** Registers `site` as the one of `page` (its failed requests and console errors explain failures). */
export function registerSite(page, site) {
  SITES.set(page, site);
}

/** Clicks the button with this exact accessible name inside `scope` (a locator or the page). */
export function button(scope, name) {
  return scope.getByRole('button', { name, exact: true });
}

/** A switch in the preferences dialog, opening the disclosure that holds it when it is collapsed. */
export async function revealSwitch(dialog, name) {
  const control = dialog.getByRole('switch', { name, exact: true });
  if (await control.isVisible()) return control;
  const disclosures = dialog.locator('summary, [aria-expanded="false"]');
  for (const disclosure of await disclosures.all()) {
    if ((await disclosure.getAttribute('aria-expanded')) === 'false' || (await disclosure.evaluate((el) => el.tagName === 'SUMMARY' && !el.parentElement.open)))
      await disclosure.click();
    if (await control.isVisible()) return control;
  }
  return control;
}

/** Resolves when `locator` is visible; fails with `what` in the message otherwise. */
export async function visible(locator, what, timeout = 10_000) {
  try {
    await locator.first().waitFor({ state: 'visible', timeout });
  } catch {
    // Say why when we can: a failed widget download or a console error usually explains it.
    const site = SITES.get(locator.page());
    const failed = site ? site.failedRequests.map((r) => `${r.status} ${r.url}`) : [];
    const errors = site ? site.consoleMessages.filter((m) => m.type === 'error').map((m) => m.text) : [];
    const why = [...failed, ...errors].slice(0, 8).join('; ');
    throw new Error(`${what} did not become visible within ${timeout} ms${why ? ' (' + why + ')' : ''}`);
  }
}

/** The cookie banner: a labelled region holding the three decision buttons. */
export const banner = (page) =>
  page.getByRole('region').filter({ has: page.getByRole('button', { name: 'Reject all', exact: true }) });

/** The preferences dialog. */
export const dialog = (page) => page.getByRole('dialog');

/** The small cookie-settings button the core draws after a decision. */
export const settingsButton = (page) => page.locator('[data-crumbs-settings]').getByRole('button', { name: 'Cookie settings' });

/** The element that has focus, looking into shadow roots; null when it is the body. */
export const focused = (page) =>
  page.evaluate(() => {
    let el = document.activeElement;
    while (el && el.shadowRoot && el.shadowRoot.activeElement) el = el.shadowRoot.activeElement;
    if (!el || el === document.body) return null;
    const root = el.getRootNode();
    return {
      tag: el.tagName.toLowerCase(),
      role: el.getAttribute('role'),
      name: (el.getAttribute('aria-label') || (el.labels && el.labels[0] ? el.labels[0].textContent : el.textContent) || '')
        .trim()
        .replace(/\s+/g, ' '),
      checked: el.checked,
      inDialog: !!el.closest('[role="dialog"]'),
      inBanner: !!el.closest('[role="region"]') && root !== document,
      inSettingsButton: !!(root && root.host && root.host.hasAttribute('data-crumbs-settings')),
    };
  });
