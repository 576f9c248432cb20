import { decodeDecision } from '../consent/decision-codec';
import { agreedValue, readCookies } from '../consent/read-cookie';
import { isDecisionCurrent, resolveGrants } from '../consent/resolve-grants';
import { cookieStore } from '../cookie-store';
import type { NoticeCache } from '../notice/create-notice-cache';
import type { Runtime } from '../runtime';
import { viewAfterDecision } from './view-after-decision';

/**
 * A tab that still asks takes over a decision the visitor made in another tab of the site, on the
 * same notice: its banner goes, and what was granted there runs here, through the one pipeline. So
 * the visitor is not asked twice, and a click here cannot overwrite the answer given there unseen.
 * Told by the Cookie Store's `change` event where the browser has one (at once, even in a tab in
 * the background; not in an insecure context or an older browser), and checked again whenever the
 * tab is shown. A tab that has decided keeps its own decision until its next page view: no tab
 * follows another's changes live, since taking back a grant there would mean reloading this page
 * under the visitor's eyes.
 */
export function adoptOtherTabs(runtime: Runtime, notices: NoticeCache): void {
  const { state } = runtime;
  const adopt = () => {
    const inventory = state.inventory;
    if (!inventory || state.decision || state.destroyed || state.reloading) return;
    // Cookies of that name that disagree are no decision (start-up deals with them on the next page).
    const stored = decodeDecision(agreedValue(readCookies(inventory.consent.cookieName)), inventory.services.map((s) => s.id));
    // As at start-up: the revision, the age and the notice must still hold.
    if (!stored || !isDecisionCurrent(stored, inventory, Date.now() / 1000) || !notices.sameNotice(stored)) return;
    runtime.applyChange(runtime.commit(stored, resolveGrants(stored, inventory, state.gpc)));
    viewAfterDecision(runtime);
  };
  const onChange = (event: Event) =>
    (event as CookieChangeEvent).changed?.some((cookie) => cookie.name == state.inventory?.consent.cookieName) && adopt();
  document.addEventListener('visibilitychange', () => document.visibilityState == 'visible' && adopt());
  try {
    cookieStore()?.addEventListener('change', onChange);
  } catch {
    // A page's own cookieStore without events: the tab checks when it is shown again.
  }
}
