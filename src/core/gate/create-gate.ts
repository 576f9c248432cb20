import { activateElement, deactivateElement, EMBED_TAGS } from './activate-element';
import { activateScript } from './activate-script';
import { checkMarkup, idsOf, isSleeping } from './check-markup';

/** Activates `data-consent` markup as consent allows, including elements added later. */
export interface Gate {
  /**
   * Activates every waiting element whose ids are all granted: scripts in document order, then
   * embeds (see `refresh`).
   */
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

/** Whether the parser has moved past an element: something follows it or one of its ancestors. */
const parsed = (element: Element) => {
  for (let node: Node | null = element; node; node = node.parentNode) if (node.nextSibling) return true;
  return false;
};
const READY = 'DOMContentLoaded';
/** How long a granted embed waits at most for the scripts granted with it (see `refresh`). */
const EMBED_WAIT_MS = 1000;
/** What waits for them: the embeds, and a player's `<source>` (it reloads the player; a `<picture>`'s does not). */
const afterScripts = (element: Element) =>
  EMBED_TAGS.includes(element.tagName) || (element.tagName == 'SOURCE' && /^(VIDEO|AUDIO)$/.test(element.parentElement?.tagName ?? ''));

/**
 * Creates the gate for a document.
 *
 * @param isGranted - decides one category or service id; an element runs when all its ids are granted
 * @param onChange - called after new gated elements appear, so a UI can draw placeholders
 * @param isKnown - whether an id exists in the inventory (unknown ids are reported as markup mistakes)
 * @param report - told when a granted element could not be activated (a strict Trusted Types
 *   policy that does not allow Crumbs' policy refuses it, for example)
 */
export function createGate(
  doc: Document,
  isGranted: (id: string) => boolean,
  onChange: () => void,
  isKnown: (id: string) => boolean = () => true,
  report: (message: string) => void = () => {},
): Gate {
  const failed = (error: unknown) => report('A granted element could not be activated (' + String(error) + ').');
  // Every gated element seen so far: true once activated, false while it waits for consent.
  const seen = new WeakMap<Element, boolean>();
  const ranIds: string[] = [];
  const activeEmbeds = new Set<Element>();
  // External scripts activated and not loaded yet, `async` ones included: embeds wait for them.
  const loading = new Set<Promise<void>>();
  let stopped = false;
  // What the next script must wait for (document order): an external script that loads. At first,
  // the end of the task that created the gate: scripts granted at start-up run once the instance
  // exists (a gated script may use it).
  let pending: Promise<void> | undefined;
  const follow = (next: Promise<unknown>) => {
    const mine = (pending = next.then(() => {}, failed));
    void mine.then(() => {
      if (pending == mine) pending = undefined;
    });
  };
  follow(Promise.resolve());
  // Script activations waiting in that queue.
  let queued = 0;
  /**
   * Runs script activations one after another. With nothing to wait for, at once: in the same task
   * as the visitor's click, so that a granted tag's request leaves before the banner's removal is
   * even drawn (a microtask would come after the UI's work in that task).
   */
  const inOrder = (task: () => Promise<void> | undefined) => {
    if (pending) {
      queued++;
      return follow(pending.then(() => (queued--, task())));
    }
    try {
      const next = task();
      if (next) follow(next);
    } catch (error) {
      failed(error);
    }
  };

  const allowed = (element: Element) => {
    const ids = idsOf(element);
    return ids.length > 0 && ids.every(isGranted);
  };

  const show = (element: Element) => {
    try {
      // While the page parses, Chromium may never navigate an iframe whose src is set before the
      // parser has finished it, and a script can add siblings that make it look finished. A copy
      // that carries its address from the start loads at once: it replaces the waiting frame
      // (empty, so nothing is lost; the page cannot have a reference to it yet that matters).
      const live = doc.readyState == 'loading' && element.tagName == 'IFRAME' ? (element.cloneNode(true) as Element) : element;
      activateElement(live);
      if (live != element) {
        seen.set(live, true);
        element.replaceWith(live);
      }
      activeEmbeds.add(live);
    } catch (error) {
      failed(error);
    }
  };

  const activate = (element: Element, forced?: boolean) => {
    seen.set(element, true);
    if (element.tagName != 'SCRIPT') show(element);
    else if (isSleeping(element as HTMLScriptElement)) {
      // One after another in document order, as the parser would run them.
      inOrder(() => {
        // Consent may have been revoked, or the element removed (an SPA route), while it waited.
        if (!element.isConnected) return;
        if (!forced && !allowed(element)) return void seen.set(element, false);
        ranIds.push(...idsOf(element));
        const { loaded, ordered } = activateScript(element as HTMLScriptElement);
        if (!loaded) return;
        loading.add(loaded);
        void loaded.then(() => loading.delete(loaded));
        if (ordered) return loaded;
      });
    }
  };

  const waiting = () => [...doc.querySelectorAll('[data-consent]')].filter((element) => !seen.get(element));

  // Whether some granted element waits for the parser to move past it.
  let unfinished = false;

  const refresh = () => {
    unfinished = false;
    const embeds: Element[] = [];
    for (const element of waiting()) {
      const granted = allowed(element);
      // Checked once, when first seen. An element that checkMarkup replaces is out of the document, so
      // it never comes back here (and it is not granted, so it is not activated now); its gated copy
      // is handled as a new element.
      if (!seen.has(element)) {
        seen.set(element, false);
        checkMarkup(element, isKnown, granted);
      }
      if (!granted) continue;
      // While the page is still parsing, an element the parser has not yet passed waits for the next
      // addition or DOMContentLoaded: an inline script with nothing after it may still be receiving
      // its text, and other embeds may still be receiving their children (a video's sources). An
      // iframe (replaced by a copy, see `show`) and an external script (copied into a new element)
      // need not wait for the parser.
      if (
        doc.readyState != 'loading' ||
        element.tagName == 'IFRAME' ||
        (element.tagName == 'SCRIPT' ? element.nextSibling || element.matches('[src],[data-src]') : parsed(element))
      ) {
        if (afterScripts(element)) {
          seen.set(element, true);
          embeds.push(element);
        } else activate(element);
      } else {
        unfinished = true;
      }
    }
    // Embeds after the scripts: a frame's document (and a new process for a cross-site one) took
    // the CPU that a tag needed to run once it had arrived, which delayed the first tag after
    // "accept all" by about 200 ms (measured at 4x CPU). An embed waits for the scripts queued in
    // document order and every external script still loading, at most EMBED_WAIT_MS; without
    // any, it goes at once.
    const go = () => {
      if (stopped) return;
      // Loaded once meanwhile (a placeholder's button): it is there already.
      const left = embeds.filter((element) => !activeEmbeds.has(element));
      // Taken back (or out of the page) while it waited: it waits again, with its placeholder.
      const back = left.filter((element) => !element.isConnected || !allowed(element));
      for (const element of left) back.includes(element) ? seen.set(element, false) : show(element);
      if (back[0]) onChange();
    };
    if (!embeds[0]) return;
    if (!queued && !loading.size) return go();
    // The queue first: the scripts in it are then inserted, and the external ones are loading.
    const scripts = Promise.resolve(pending).then(() => Promise.all(loading));
    void Promise.race([scripts, new Promise((resolve) => setTimeout(resolve, EMBED_WAIT_MS))]).then(go);
  };

  // Only additions that matter wake us, so the UI's own insertions do not loop back into an update;
  // any addition does while an element waits for the parser, which may just have moved past it.
  const observer = new MutationObserver((records) => {
    for (const record of records) {
      // Text and comment nodes come too; they have neither method.
      for (const node of record.addedNodes as Iterable<Partial<Element>>) {
        if (node.matches?.(WATCHED) || node.querySelector?.(WATCHED)) {
          refresh();
          return onChange();
        }
      }
    }
    if (unfinished) refresh();
  });
  observer.observe(doc, { childList: true, subtree: true });
  doc.addEventListener(READY, refresh);

  return {
    refresh,
    blocked: () => waiting().filter((element) => EMBED_TAGS.includes(element.tagName)),
    force: (element) => activate(element, true),
    ran: (ids) => ranIds.some((id) => ids.has(id)),
    revoke(ids) {
      for (const element of activeEmbeds) {
        if (idsOf(element).some((id) => ids.has(id))) {
          activeEmbeds.delete(element);
          deactivateElement(element);
        }
      }
    },
    stop() {
      stopped = true;
      observer.disconnect();
      doc.removeEventListener(READY, refresh);
    },
  };
}
