import { decodeDecision } from '../consent/decision-codec';
import { agreedValue, readCookies } from '../consent/read-cookie';
import { isDecisionCurrent, resolveGrants } from '../consent/resolve-grants';
import { cookieStore } from '../cookie-store';
import { guard } from '../guard';
import type { NoticeCache } from '../notice/create-notice-cache';
import type { Runtime } from '../runtime';
import { viewAfterDecision } from './view-after-decision';

/**
 * A tab that still asks takes over a decision the visitor made in another tab of the site, on the
 * same notice: its banner goes, and what was granted there runs here, through the one pipeline. So
 * the visitor is not asked twice, and a click here cannot overwrite the answer given there unseen.
 * Told by the Cookie Store's `change` event where the browser has one (at once, even in a tab in
 * the background; not in an insecure context or an older browser), and checked again whenever the
 * tab is shown. A tab that has answered keeps its own answer until its next page view: no tab
 * follows another's changes live, since taking back a grant there would mean reloading this page
 * under the visitor's eyes. An "always allow" on a placeholder is no answer (the banner still
 * asks), so a tab with one still takes over. The listeners come with the decision code: a decision
 * stored in the moment before it arrived is taken over at the next change or showing.
 */
export function adoptOtherTabs(runtime: Runtime, notices: NoticeCache): void {
  const { state } = runtime;
  const store = cookieStore();
  const onShown = () => document.visibilityState == 'visible' && adopt();
  const onChange = (event: Event) =>
    (event as CookieChangeEvent).changed?.some((cookie) => cookie.name == state.inventory?.consent.cookieName) && adopt();
  // Guarded as the visitor's own decisions are: an effect that throws (a page's dataLayer that
  // takes no push) must not reach the page from its event loop.
  const adopt = guard(() => {
    if (state.destroyed) {
      document.removeEventListener('visibilitychange', onShown);
      return store?.removeEventListener('change', onChange);
    }
    const { inventory, decision } = state;
    // A tab that answered keeps its answer; one that only allowed an embed still asks.
    if (!inventory || decision?.answered || state.reloading) return;
    // Cookies of that name that disagree are no decision (start-up deals with them on the next page).
    const stored = decodeDecision(agreedValue(readCookies(inventory.consent.cookieName)), inventory.services.map((s) => s.id));
    // As at start-up: the revision, the age and the notice must still hold.
    if (!stored || !isDecisionCurrent(stored, inventory, Date.now() / 1000) || !notices.sameNotice(stored)) return;
    // This tab's own embed decision, read back.
    if (decision && stored.id == decision.id && stored.decidedAt == decision.decidedAt && stored.actionTaken == decision.actionTaken) return;
    runtime.applyChange(runtime.commit(stored, resolveGrants(stored, inventory, state.gpc)));
    viewAfterDecision(runtime);
  });
  document.addEventListener('visibilitychange', onShown);
  try {
    store?.addEventListener('change', onChange);
  } catch {
    // A page's own cookieStore without events: the tab checks when it is shown again.
  }
}
