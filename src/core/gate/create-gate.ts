import { activateElement, deactivateElement, EMBED_TAGS } from './activate-element';
import { activateScript } from './activate-script';
import { checkMarkup, idsOf, isSleeping } from './check-markup';

/** Activates `data-consent` markup as consent allows, including elements added later. */
export interface Gate {
  /** Activates every waiting element whose ids are all granted, in document order. */
  refresh(): void;
  /** Waiting embeds (iframes, players...) that want a placeholder. */
  blocked(): Element[];
  /** Activates one element regardless of consent ("load once"). */
  force(element: Element): void;
  /** Whether a script gated on any of these ids already ran on this page. */
  ran(ids: ReadonlySet<string>): boolean;
  /** Takes activated embeds gated on revoked ids back out of the page. */
  revoke(ids: ReadonlySet<string>): void;
  /** Stops watching the document. */
  stop(): void;
}

const WATCHED = '[data-consent],[data-crumbs-cookie-table]';

/**
 * Creates the gate for a document.
 *
 * @param isGranted - decides one category or service id; an element runs when all its ids are granted
 * @param onChange - called after new gated elements appear, so a UI can draw placeholders
 * @param isKnown - whether an id exists in the inventory (unknown ids are reported as markup mistakes)
 */
export function createGate(
  doc: Document,
  isGranted: (id: string) => boolean,
  onChange: () => void,
  isKnown: (id: string) => boolean = () => true,
): Gate {
  const done = new WeakSet<Element>();
  const checked = new WeakSet<Element>();
  const ranIds: string[][] = [];
  const activeEmbeds = new Set<Element>();
  let scriptQueue = Promise.resolve();

  const allowed = (element: Element) => {
    const ids = idsOf(element);
    return ids.length > 0 && ids.every(isGranted);
  };

  const activate = (element: Element, forced = false) => {
    done.add(element);
    if (element.tagName == 'SCRIPT') {
      if (!isSleeping(element as HTMLScriptElement)) return;
      // Chained so that scripts run one after another in document order, as the parser would run them.
      scriptQueue = scriptQueue
        .then(() => {
          // Consent may have been revoked, or the element removed (an SPA route), while it waited.
          if (!element.isConnected) return;
          if (!forced && !allowed(element)) return void done.delete(element);
          ranIds.push(idsOf(element));
          return activateScript(element as HTMLScriptElement);
        })
        .catch(() => {});
    } else {
      activateElement(element);
      activeEmbeds.add(element);
    }
  };

  const waiting = () => Array.from(doc.querySelectorAll('[data-consent]')).filter((el) => !done.has(el));

  // While the page is still parsing, an inline script with nothing after it yet may still be
  // receiving its text from the network; it waits for the next addition or DOMContentLoaded.
  const complete = (element: Element) =>
    doc.readyState != 'loading' || element.nextSibling != null || element.hasAttribute('src') || element.hasAttribute('data-src');

  const refresh = () => {
    for (const element of waiting()) {
      if (!checked.has(element)) {
        checked.add(element);
        if (checkMarkup(element, isKnown, allowed(element))) {
          done.add(element);
          continue;
        }
      }
      if (allowed(element) && complete(element)) activate(element);
    }
  };

  // Only additions that matter wake us, so the UI's own insertions do not loop back into an update.
  const matters = (node: Node) =>
    node instanceof Element && (node.matches(WATCHED) || node.querySelector(WATCHED) != null);
  const observer = new MutationObserver((records) => {
    if (records.some((r) => Array.from(r.addedNodes).some(matters))) {
      refresh();
      onChange();
    }
  });
  observer.observe(doc.documentElement, { childList: true, subtree: true });
  doc.addEventListener('DOMContentLoaded', refresh);

  return {
    refresh,
    blocked: () => waiting().filter((el) => EMBED_TAGS.includes(el.tagName)),
    force: (element) => activate(element, true),
    ran: (ids) => ranIds.some((list) => list.some((id) => ids.has(id))),
    revoke(ids) {
      for (const element of activeEmbeds) {
        if (idsOf(element).some((id) => ids.has(id))) {
          activeEmbeds.delete(element);
          deactivateElement(element);
        }
      }
    },
    stop() {
      observer.disconnect();
      doc.removeEventListener('DOMContentLoaded', refresh);
    },
  };
}
