import type { Browser, BrowserContext, CDPSession, Page, Request, Route } from 'playwright-core';
import { AuditError } from './audit-error';

/** Intercepts every request of a context (tests serve fixture sites on fake hosts with it). */
export type RouteHandler = (route: Route, request: Request) => Promise<void> | void;

/** A request the page made, with what started it. */
export interface RequestRecord {
  readonly url: string;
  readonly host: string;
  /** The page being visited when it was made. */
  readonly page: string;
  /** Resource type as Chromium names it (script, image, fetch, document...). */
  readonly type: string;
  /** The frame that made it. */
  readonly frame: string;
  /** What started it: a script URL (`https://x/tag.js:1`), `HTML of <page>`, or a frame (see {@link Recorder.finish}). */
  initiator?: string;
}

/** A cookie or storage write seen by the instrumented setters, with the script that made it. */
export interface WriteRecord {
  readonly kind: 'cookie' | 'localStorage' | 'sessionStorage';
  readonly name: string;
  /** `document.cookie` attributes as written (`max-age=63072000; path=/; domain=.x.com`). */
  readonly attributes: string;
  /** The script URL (and line) on top of the stack, or `inline script in <page>`. */
  readonly script?: string;
  readonly frame: string;
  readonly page: string;
  /** A write that deletes (max-age ≤ 0 or an expiry in the past). */
  readonly deletes: boolean;
}

/** A `Set-Cookie` response header. */
export interface SetCookieRecord {
  readonly name: string;
  readonly attributes: string;
  /** The response that carried it. */
  readonly url: string;
  readonly page: string;
  readonly deletes: boolean;
}

/** A cookie in the browser's jar when a page had settled. */
export interface CookieRecord {
  readonly name: string;
  readonly domain: string;
  readonly path: string;
  /** Unix time in seconds, or -1 for a session cookie. */
  readonly expires: number;
  readonly httpOnly: boolean;
  /** The page after which it was first seen. */
  readonly page: string;
  /** When it was read (ms), to turn `expires` into a lifetime. */
  readonly seenAt: number;
}

/** A storage key or IndexedDB database of the page's origin when a page had settled. */
export interface StorageRecord {
  readonly kind: 'localStorage' | 'sessionStorage' | 'indexedDB';
  readonly name: string;
  readonly origin: string;
  readonly page: string;
}

/** Everything one browser context produced. */
export interface Evidence {
  readonly requests: RequestRecord[];
  readonly writes: WriteRecord[];
  readonly setCookies: SetCookieRecord[];
  readonly cookies: CookieRecord[];
  readonly storage: StorageRecord[];
}

/** Options of a recording context. */
export interface RecorderOptions {
  /** Milliseconds for a page load. */
  readonly timeout: number;
  readonly route?: RouteHandler;
}

/**
 * Runs in every frame before any page script: wraps the `document.cookie` setter and
 * `Storage.prototype.setItem`, so that each write is reported with the script on top of the stack.
 * The originals are called unchanged (Crumbs and the site see no difference).
 */
function instrument(): void {
  const report = (window as unknown as { __crumbsAuditWrite?: (entry: unknown) => void }).__crumbsAuditWrite;
  if (!report) return;
  const caller = (): string | undefined => {
    const stack = new Error().stack || '';
    const match = /(https?:\/\/[^\s)]+?):(\d+):\d+/.exec(stack);
    if (!match) return undefined;
    return match[1] === location.href.split('#')[0] ? 'inline script in ' + match[1] : match[1] + ':' + match[2];
  };
  const send = (kind: string, text: string, name: string) => {
    try {
      report({ kind, text, name, script: caller(), frame: location.href });
    } catch {
      // never into the page
    }
  };
  const cookie = Object.getOwnPropertyDescriptor(Document.prototype, 'cookie');
  if (cookie && cookie.set && cookie.get) {
    const set = cookie.set;
    Object.defineProperty(Document.prototype, 'cookie', {
      configurable: true,
      enumerable: cookie.enumerable,
      get: cookie.get,
      set(this: Document, value: string) {
        const text = String(value);
        send('cookie', text, text.split(';')[0]!.split('=')[0]!.trim());
        set.call(this, value);
      },
    });
  }
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function (this: Storage, key: string, value: string) {
    let kind = 'localStorage';
    try {
      if (this === window.sessionStorage) kind = 'sessionStorage';
    } catch {
      // storage blocked: the call below throws as it would have
    }
    send(kind, '', String(key));
    return setItem.call(this, key, value);
  };
}

/** Whether cookie attributes delete the cookie. */
export function deletesCookie(attributes: string): boolean {
  const maxAge = /;\s*max-age\s*=\s*(-?\d+)/i.exec(attributes);
  if (maxAge) return Number(maxAge[1]) <= 0;
  const expires = /;\s*expires\s*=\s*([^;]+)/i.exec(attributes);
  return !!expires && Date.parse(expires[1]!) < Date.now();
}

/** The initiator of a CDP request event, as one line. */
function describeInitiator(initiator: { type: string; url?: string; lineNumber?: number; stack?: { callFrames: { url: string; lineNumber: number }[]; parent?: unknown } }, documentUrl: string): string | undefined {
  let stack: typeof initiator.stack | undefined = initiator.stack;
  while (stack) {
    const frame = stack.callFrames.find((f) => f.url);
    if (frame) return frame.url === documentUrl ? `inline script in ${frame.url}` : `${frame.url}:${frame.lineNumber + 1}`;
    stack = stack.parent as typeof stack;
  }
  if (initiator.url) return initiator.type === 'parser' ? `HTML of ${initiator.url}` : initiator.url;
  return undefined;
}

/**
 * A fresh browser context (no cookies, no storage) that records every request, `Set-Cookie`,
 * cookie and storage write, and, on {@link Recorder.snapshot}, the cookie jar and the page's storage.
 */
export class Recorder {
  readonly evidence: Evidence = { requests: [], writes: [], setCookies: [], cookies: [], storage: [] };
  /** The page being visited (what records are attributed to). */
  current = '';
  private readonly initiators = new Map<string, string>();
  private readonly seenCookies = new Set<string>();
  private readonly seenStorage = new Set<string>();
  /** Requests in flight, and when the last one started or ended (for {@link Recorder.quiet}). */
  private inflight = 0;
  private lastActivity = 0;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
    private readonly timeout: number,
  ) {}

  /** Opens a recording context and its one page. */
  static async open(browser: Browser, options: RecorderOptions): Promise<Recorder> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, locale: 'en-GB' });
    try {
      if (options.route) await context.route('**/*', options.route);
      let recorder: Recorder | undefined;
      await context.exposeBinding('__crumbsAuditWrite', (source, entry: { kind: WriteRecord['kind']; text: string; name: string; script?: string; frame: string }) => {
        if (!recorder || !entry || typeof entry.name != 'string') return;
        const attributes = entry.text.split(';').slice(1).map((a) => a.trim()).filter(Boolean).join('; ');
        recorder.evidence.writes.push({
          kind: entry.kind,
          name: entry.name,
          attributes,
          ...(entry.script ? { script: entry.script } : {}),
          frame: entry.frame || source.frame.url(),
          page: recorder.current,
          deletes: entry.kind == 'cookie' && deletesCookie('; ' + attributes),
        });
      });
      await context.addInitScript(instrument);
      const page = await context.newPage();
      recorder = new Recorder(context, page, options.timeout);
      await recorder.listen();
      return recorder;
    } catch (error) {
      await context.close().catch(() => {});
      throw error;
    }
  }

  private async listen(): Promise<void> {
    const { context, page, evidence } = this;
    // Chromium knows what started each request (the parser, or the script on top of the stack);
    // Playwright does not expose it, so it is read from the DevTools protocol of the top frame.
    // Requests of cross-origin frames (an embedded player) are still recorded, by Playwright, with
    // their frame as the initiator.
    try {
      const cdp: CDPSession = await context.newCDPSession(page);
      await cdp.send('Network.enable');
      cdp.on('Network.requestWillBeSent', (event) => {
        const initiator = describeInitiator(event.initiator as never, event.documentURL);
        if (initiator && !this.initiators.has(event.request.url)) this.initiators.set(event.request.url, initiator);
      });
    } catch {
      // Initiators are extra evidence; the request itself is still recorded.
    }
    const done = () => {
      this.inflight = Math.max(0, this.inflight - 1);
      this.lastActivity = Date.now();
    };
    context.on('requestfinished', done);
    context.on('requestfailed', done);
    context.on('request', (request) => {
      this.inflight++;
      this.lastActivity = Date.now();
      let url: URL;
      try {
        url = new URL(request.url());
      } catch {
        return;
      }
      if (!/^(https?|wss?):$/.test(url.protocol)) return;
      let frame = '';
      try {
        frame = request.frame().url();
      } catch {
        // a worker's request has no frame
      }
      evidence.requests.push({ url: url.href, host: url.hostname, page: this.current, type: request.resourceType(), frame });
    });
    context.on('response', (response) => {
      void response
        .headerValues('set-cookie')
        .then((values) => {
          for (const header of values.flatMap((v) => v.split('\n'))) {
            const name = header.split(';')[0]!.split('=')[0]!.trim();
            if (!name) continue;
            const attributes = header.split(';').slice(1).map((a) => a.trim()).join('; ');
            evidence.setCookies.push({ name, attributes, url: response.url(), page: this.current, deletes: deletesCookie('; ' + attributes) });
          }
        })
        .catch(() => {});
    });
  }

  /**
   * Fills in the initiators: Chromium's DevTools events arrive independently of Playwright's
   * request events, so they are joined once the phase is over.
   */
  finish(): Evidence {
    for (const record of this.evidence.requests) {
      if (record.initiator) continue;
      const initiator = this.initiators.get(record.url) ?? (record.frame && record.frame !== record.page ? `frame ${record.frame}` : undefined);
      if (initiator) record.initiator = initiator;
    }
    return this.evidence;
  }

  /**
   * Opens `url` in the page, waits for Crumbs to apply the stored choice (when it is there),
   * scrolls to the end and back (lazy content), and waits until the network is quiet.
   * @throws AuditError when the page cannot be loaded
   */
  async visit(url: string, settle: 'quiet' | 'ready' = 'quiet'): Promise<void> {
    this.current = url;
    let response;
    try {
      response = await this.page.goto(url, { waitUntil: 'load', timeout: this.timeout });
    } catch (error) {
      throw new AuditError(`cannot load ${url}: ${(error as Error).message.split('\n')[0]}`);
    }
    if (response && response.status() >= 400) throw new AuditError(`cannot load ${url}: HTTP ${response.status()}`);
    if (settle == 'ready') await this.ready();
    else await this.settle();
  }

  /**
   * Reloads the current page and lets it settle. A navigation of the page's own (Crumbs reloads
   * once after a revoke, and on a busy machine that can come after the audit's reload started)
   * aborts the audit's reload: then the page's load is awaited and the reload tried again.
   */
  async reload(): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const loaded = this.page.waitForEvent('load', { timeout: Math.min(this.timeout, 10_000) }).catch(() => {});
      try {
        await this.page.reload({ waitUntil: 'load', timeout: this.timeout });
        break;
      } catch (error) {
        if (attempt == 3) throw new AuditError(`cannot reload ${this.current}: ${(error as Error).message.split('\n')[0]}`);
        await loaded;
      }
    }
    await this.settle();
  }

  /** Waits until Crumbs (when the page has it) applied the stored choice. */
  async ready(): Promise<void> {
    await this.page
      .evaluate(() => {
        const crumbs = (window as { Crumbs?: { ready?: Promise<unknown> } }).Crumbs;
        return crumbs?.ready instanceof Promise ? crumbs.ready.then(() => undefined) : undefined;
      })
      .catch(() => {});
  }

  /**
   * Waits until Crumbs has activated every gated element (a frame, a player, an image) that the
   * decision in force grants, at most `limit` ms. Its gate holds an embed back until the tags before
   * it have run (up to a second, see create-gate.ts): while a tag that has arrived is busy on the
   * main thread the network is quiet, and the page would otherwise be recorded before the embed
   * was even asked for, without the cookies its response sets (a demo audit on a busy machine
   * missed Vimeo's `vuid` so). Nothing to wait for without Crumbs, or once nothing granted is left.
   */
  async activated(limit = 3000): Promise<void> {
    await this.page
      .evaluate(async (limit) => {
        const crumbs = (window as { Crumbs?: { isGranted?: (id: string) => boolean } }).Crumbs;
        if (typeof crumbs?.isGranted != 'function') return;
        const waiting = () =>
          Array.from(document.querySelectorAll('[data-consent][data-src]')).some((element) => {
            // A gated script is replaced by an active copy rather than given its address.
            if (element.tagName == 'SCRIPT') return false;
            const real = element.getAttribute(element.tagName == 'OBJECT' ? 'data' : 'src');
            const gated = element.getAttribute('data-src')!;
            const ids = (element.getAttribute('data-consent') ?? '').split(/\s+/).filter(Boolean);
            let web = false;
            try {
              // Crumbs refuses any other address (a javascript: frame), and says so: nothing comes.
              web = /^https?:$/.test(new URL(gated.trim().split(/\s/)[0]!, element.baseURI).protocol);
            } catch {
              // not an address at all
            }
            return web && real != gated && ids.length > 0 && ids.every((id) => crumbs.isGranted!(id));
          });
        const end = performance.now() + limit;
        while (waiting() && performance.now() < end) await new Promise((resolve) => setTimeout(resolve, 25));
      }, limit)
      .catch(() => {});
  }

  /** Waits for Crumbs (if any) and what it activates, scrolls, and waits for a quiet network. */
  async settle(): Promise<void> {
    await this.ready();
    await this.activated();
    await this.page
      .evaluate(async () => {
        // Scrolling counts as no decision (SPEC 6); it also wakes content loaded on scroll.
        window.scrollTo(0, document.documentElement.scrollHeight);
        await new Promise((resolve) => requestAnimationFrame(resolve));
        window.scrollTo(0, 0);
      })
      .catch(() => {});
    await this.quiet();
  }

  /**
   * Resolves once no request has been in flight for `calm` ms (what tags start after load, and
   * what those start, is then over), or after `limit` ms on a page that never goes quiet (polling,
   * a socket). Shorter than Playwright's `networkidle` (500 ms), which adds up over the phases.
   */
  async quiet(calm = 250, limit = Math.min(this.timeout, 8000)): Promise<void> {
    const start = Date.now();
    this.lastActivity = Math.max(this.lastActivity, start);
    while (Date.now() - start < limit) {
      const idle = this.inflight == 0 ? Date.now() - this.lastActivity : 0;
      if (idle >= calm) return;
      await new Promise((resolve) => setTimeout(resolve, Math.max(25, calm - idle)));
    }
  }

  /** Records the cookie jar and the page's storage, each item with the page it first appeared on. */
  async snapshot(): Promise<void> {
    const now = Date.now();
    for (const c of await this.context.cookies()) {
      const key = `${c.name}\u0000${c.domain}\u0000${c.path}`;
      if (this.seenCookies.has(key)) continue;
      this.seenCookies.add(key);
      this.evidence.cookies.push({ name: c.name, domain: c.domain, path: c.path, expires: c.expires, httpOnly: c.httpOnly, page: this.current, seenAt: now });
    }
    const items = await this.page
      .evaluate(async () => {
        const out: { kind: string; name: string }[] = [];
        for (const kind of ['localStorage', 'sessionStorage'] as const) {
          try {
            const storage = window[kind];
            for (let i = 0; i < storage.length; i++) out.push({ kind, name: storage.key(i)! });
          } catch {
            // blocked
          }
        }
        try {
          for (const db of await indexedDB.databases()) if (db.name) out.push({ kind: 'indexedDB', name: db.name });
        } catch {
          // not supported or blocked
        }
        return { origin: location.origin, out };
      })
      .catch(() => ({ origin: '', out: [] }));
    for (const item of items.out) {
      const key = `${item.kind}\u0000${item.name}\u0000${items.origin}`;
      if (this.seenStorage.has(key)) continue;
      this.seenStorage.add(key);
      this.evidence.storage.push({ kind: item.kind as StorageRecord['kind'], name: item.name, origin: items.origin, page: this.current });
    }
  }

  /** Starts a new record (after a decision): what the page does from now on. */
  reset(): void {
    for (const list of Object.values(this.evidence)) (list as unknown[]).length = 0;
    this.seenCookies.clear();
    this.seenStorage.clear();
  }

  /** Forgets which storage keys were seen, so that the next snapshot lists every one present. */
  forgetStorage(): void {
    this.seenStorage.clear();
  }

  /** The cookie jar now (after a revoke: what survived). */
  async cookiesNow(): Promise<CookieRecord[]> {
    const now = Date.now();
    return (await this.context.cookies()).map((c) => ({ name: c.name, domain: c.domain, path: c.path, expires: c.expires, httpOnly: c.httpOnly, page: this.current, seenAt: now }));
  }

  /** Same-origin links of the current page (no fragments, no downloads), in document order. */
  async sameOriginLinks(): Promise<string[]> {
    return this.page
      .evaluate(() => {
        const seen = new Set<string>();
        for (const a of Array.from(document.querySelectorAll('a[href]'))) {
          try {
            const url = new URL((a as HTMLAnchorElement).href, location.href);
            url.hash = '';
            if (url.origin === location.origin && !/\.(pdf|zip|png|jpe?g|gif|svg|webp|mp4|docx?)$/i.test(url.pathname)) seen.add(url.href);
          } catch {
            // not a URL
          }
        }
        return [...seen];
      })
      .catch(() => []);
  }

  /** Closes the context (and its page). */
  async close(): Promise<void> {
    await this.context.close().catch(() => {});
  }
}
