import { afterEach, describe, expect, it, vi } from 'vitest';
import { createGate, type Gate } from '../../../src/core/gate/create-gate';
import { settle } from '../../helpers/settle';

let gate: Gate | undefined;
afterEach(() => {
  gate?.stop();
  gate = undefined;
  document.documentElement.removeAttribute('data-ran');
});

/**
 * Waits for an assertion to hold, for 200 ms at most: well under the gate's own fallbacks (an embed
 * waits 1 s for its scripts, a script's load 10 s), so what it awaits comes from the event the test
 * sent, never from a fallback timer.
 */
const happens = (assertion: () => void) => vi.waitFor(assertion, { timeout: 200 });
/** Waits until the gate has activated the element with this id (it no longer carries `data-consent`). */
const activated = (id: string) => happens(() => expect(document.getElementById(id)?.hasAttribute('data-consent')).toBe(false));
const grantOnly = (...ids: string[]) => {
  const granted = new Set(ids);
  return (id: string) => granted.has(id);
};
// jsdom runs scripts in its own global, so they record into the DOM, which the test shares.
const inline = (consent: string, name: string) =>
  `<script type="text/plain" data-consent="${consent}">var h = document.documentElement;` +
  `h.setAttribute('data-ran', (h.getAttribute('data-ran') || '') + '${name},')</script>`;
const ran = () => (document.documentElement.getAttribute('data-ran') ?? '').split(',').filter(Boolean);

describe('gated scripts', () => {
  it('runs granted inline scripts once each, in document order, and nothing else', async () => {
    document.body.innerHTML =
      inline('analytics', 'a1') + inline('targeting', 't1') + inline('google-analytics', 'ga') + inline('analytics', 'a2');
    gate = createGate(document, grantOnly('analytics', 'google-analytics'), () => {});
    gate.refresh();
    await happens(() => expect(ran()).toEqual(['a1', 'ga', 'a2']));
    gate.refresh();
    await settle();
    expect(ran()).toEqual(['a1', 'ga', 'a2']);
  });

  it('runs nothing while nothing is granted', async () => {
    document.body.innerHTML = inline('analytics', 'a1') + inline('necessary-but-unknown', 'x');
    gate = createGate(document, grantOnly(), () => {});
    gate.refresh();
    await settle();
    expect(ran()).toEqual([]);
    expect(document.querySelectorAll('script[type="text/plain"]')).toHaveLength(2);
  });

  it('requires every id when several are given', async () => {
    document.body.innerHTML = inline('analytics targeting', 'both');
    gate = createGate(document, grantOnly('analytics'), () => {});
    gate.refresh();
    await settle();
    expect(ran()).toEqual([]);
  });

  it('keeps attributes, nonce and data-type, and waits for an external script before the next one', async () => {
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics" src="https://www.googletagmanager.com/gtag/js?id=G-1" ' +
      'id="gtag" data-x="1" crossorigin="anonymous" nonce="abc"></script>' +
      '<script type="text/plain" data-consent="analytics" data-type="module" data-src="/m.js"></script>' +
      inline('analytics', 'after');
    (document.getElementById('gtag') as HTMLScriptElement).nonce = 'abc';
    gate = createGate(document, grantOnly('analytics'), () => {});
    gate.refresh();
    await activated('gtag');
    await settle();
    const external = document.getElementById('gtag') as HTMLScriptElement;
    expect(external.type).toBe('');
    expect(external.src).toBe('https://www.googletagmanager.com/gtag/js?id=G-1');
    expect(external.getAttribute('data-x')).toBe('1');
    expect(external.getAttribute('crossorigin')).toBe('anonymous');
    expect(external.nonce).toBe('abc');
    expect(external.hasAttribute('data-consent')).toBe(false);
    // The inline script must wait until the external one before it has loaded.
    expect(ran()).toEqual([]);
    external.dispatchEvent(new Event('load'));
    await happens(() => expect(document.querySelector('script[src="/m.js"]')).not.toBeNull());
    await settle();
    const module = document.querySelector('script[src="/m.js"]') as HTMLScriptElement;
    expect(module.type).toBe('module');
    expect(ran()).toEqual([]);
    module.dispatchEvent(new Event('error'));
    await happens(() => expect(ran()).toEqual(['after']));
  });

  it('does not wait for an async external script', async () => {
    document.body.innerHTML =
      '<script type="text/plain" data-consent="analytics" async src="/vendor.js"></script>' + inline('analytics', 'next');
    gate = createGate(document, grantOnly('analytics'), () => {});
    gate.refresh();
    await happens(() => expect(ran()).toEqual(['next']));
    expect((document.querySelector('script[src="/vendor.js"]') as HTMLScriptElement).async).toBe(true);
  });

  it('reports which ids had scripts run', async () => {
    document.body.innerHTML = inline('hotjar', 'hj');
    gate = createGate(document, grantOnly('hotjar'), () => {});
    gate.refresh();
    await happens(() => expect(gate!.ran(new Set(['hotjar']))).toBe(true));
    expect(gate.ran(new Set(['vimeo']))).toBe(false);
  });
});

describe('gated embeds', () => {
  const iframe = '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1" width="640" height="360"></iframe>';

  it('has no src until granted, then gets it', () => {
    document.body.innerHTML = iframe + '<img data-consent="analytics" data-src="/p.gif" data-srcset="/p2.gif 2x">';
    let granted = false;
    gate = createGate(document, () => granted, () => {});
    gate.refresh();
    const frame = document.querySelector('iframe')!;
    expect(frame.hasAttribute('src')).toBe(false);
    expect(gate.blocked()).toEqual([frame]);
    granted = true;
    gate.refresh();
    expect(frame.getAttribute('src')).toBe('https://player.vimeo.com/video/1');
    expect(document.querySelector('img')!.getAttribute('srcset')).toBe('/p2.gif 2x');
    expect(gate.blocked()).toEqual([]);
  });

  it('uses data for <object> and href for <link>', () => {
    document.body.innerHTML =
      '<object data-consent="a" data-src="/o.swf"></object><link data-consent="a" rel="stylesheet" data-href="/x.css">';
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    expect(document.querySelector('object')!.getAttribute('data')).toBe('/o.swf');
    expect(document.querySelector('link')!.getAttribute('href')).toBe('/x.css');
  });

  it('loads one embed once on request, leaving others blocked', () => {
    document.body.innerHTML = iframe + iframe;
    gate = createGate(document, () => false, () => {});
    const [first, second] = Array.from(document.querySelectorAll('iframe'));
    gate.force(first!);
    expect(first!.getAttribute('src')).toBe('https://player.vimeo.com/video/1');
    expect(second!.hasAttribute('src')).toBe(false);
  });

  it('takes a revoked embed out of the page again', () => {
    document.body.innerHTML = iframe;
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    gate.revoke(new Set(['vimeo']));
    const frame = document.querySelector('iframe')!;
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frame.getAttribute('data-src')).toBe('https://player.vimeo.com/video/1');
  });
});

describe('embeds granted with scripts', () => {
  // A frame's document took the CPU a tag needed once it had arrived: embeds come after the scripts.
  const iframe = '<iframe data-consent="analytics" data-src="https://player.vimeo.com/video/1"></iframe>';
  const script = (extra = '') => `<script type="text/plain" data-consent="analytics" id="tag" src="/tag.js" ${extra}></script>`;
  const frame = () => document.querySelector('iframe')!;
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it.each([['async', 'async'], ['ordered', '']])('an embed waits for an external %s script granted with it, and loads once it has loaded', async (_name, extra) => {
    document.body.innerHTML = iframe + script(extra);
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('tag');
    await settle();
    expect(frame().hasAttribute('src'), 'while the script loads').toBe(false);
    expect(gate.blocked(), 'no placeholder meanwhile: it is granted').toEqual([]);
    document.getElementById('tag')!.dispatchEvent(new Event('load'));
    await happens(() => expect(frame().getAttribute('src')).toBe('https://player.vimeo.com/video/1'));
  });

  it('an embed waits one second at most for a script that does not load', async () => {
    vi.useFakeTimers();
    document.body.innerHTML = script('async') + iframe;
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await vi.advanceTimersByTimeAsync(999);
    expect(frame().hasAttribute('src')).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(frame().getAttribute('src')).toBe('https://player.vimeo.com/video/1');
  });

  it('an embed without scripts to wait for loads at once; one loaded once while it waits stays', async () => {
    document.body.innerHTML = iframe;
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    expect(frame().hasAttribute('src')).toBe(true);
    gate.stop();
    document.body.innerHTML = script('async') + iframe;
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('tag');
    gate.force(frame());
    expect(frame().hasAttribute('src'), 'load once: at once').toBe(true);
    document.getElementById('tag')!.dispatchEvent(new Event('load'));
    await settle();
    expect(frame().getAttribute('src')).toBe('https://player.vimeo.com/video/1');
  });

  it('a player\'s source waits with its player; a picture\'s source and an image do not', async () => {
    document.body.innerHTML =
      script('async') +
      '<video data-consent="analytics"><source data-consent="analytics" data-src="/v.mp4"></video>' +
      '<picture><source data-consent="analytics" data-srcset="/p.webp"><img data-consent="analytics" data-src="/p.png"></picture>';
    // jsdom has no media: the player's reload is what the source's activation asks for.
    const reload = vi.spyOn(HTMLMediaElement.prototype, 'load').mockImplementation(() => {});
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('tag');
    await settle();
    expect(document.querySelector('video source')!.hasAttribute('src')).toBe(false);
    expect(reload).not.toHaveBeenCalled();
    expect(document.querySelector('picture source')!.getAttribute('srcset')).toBe('/p.webp');
    expect(document.querySelector('img')!.getAttribute('src')).toBe('/p.png');
    document.getElementById('tag')!.dispatchEvent(new Event('load'));
    await happens(() => expect(document.querySelector('video source')!.getAttribute('src')).toBe('/v.mp4'));
    expect(reload).toHaveBeenCalledOnce();
  });

  it('a stopped gate (a destroyed instance) activates no embed that was waiting', async () => {
    document.body.innerHTML = script('async') + iframe;
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('tag');
    gate.stop();
    document.getElementById('tag')!.dispatchEvent(new Event('load'));
    await settle();
    expect(frame().hasAttribute('src')).toBe(false);
  });

  it('an embed whose consent is taken back while it waits stays blocked, with its placeholder', async () => {
    document.body.innerHTML = script('async') + iframe;
    let granted = true;
    const changes = vi.fn();
    gate = createGate(document, () => granted, changes);
    gate.refresh();
    await activated('tag');
    granted = false;
    document.getElementById('tag')!.dispatchEvent(new Event('load'));
    await settle();
    expect(frame().hasAttribute('src')).toBe(false);
    expect(gate.blocked()).toEqual([frame()]);
    expect(changes).toHaveBeenCalled();
  });
});

describe('elements added later', () => {
  it('activates granted elements added after start-up and announces the change', async () => {
    let changes = 0;
    gate = createGate(document, grantOnly('analytics'), () => changes++);
    gate.refresh();
    const route = document.createElement('div');
    route.innerHTML = inline('analytics', 'spa') + '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/2"></iframe>';
    document.body.append(route);
    await happens(() => expect(ran()).toEqual(['spa']));
    expect(gate.blocked()).toHaveLength(1);
    expect(changes).toBeGreaterThan(0);
  });

  it('ignores additions that are not gated', async () => {
    let changes = 0;
    gate = createGate(document, () => true, () => changes++);
    document.body.append(document.createElement('p'));
    await settle();
    expect(changes).toBe(0);
  });
});

describe('the script queue', () => {
  const external = (id: string, extra = '') =>
    `<script type="text/plain" data-consent="analytics" id="${id}" src="/${id}.js" ${extra}></script>`;

  it('keeps onload attribute handlers of the page', async () => {
    document.body.innerHTML = external('vendor', 'onload="window.vendorReady = true"');
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('vendor');
    const script = document.getElementById('vendor') as HTMLScriptElement;
    expect(script.getAttribute('onload')).toBe('window.vendorReady = true');
    expect(typeof script.onload).toBe('function');
  });

  it('skips a waiting script whose element was removed, and goes on with the next', async () => {
    document.body.innerHTML = external('first') + external('second') + inline('analytics', 'third');
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await activated('first');
    document.getElementById('second')!.remove();
    document.getElementById('first')!.dispatchEvent(new Event('load'));
    await happens(() => expect(ran()).toEqual(['third']));
  });

  it('does not run a waiting script whose consent was revoked meanwhile', async () => {
    document.body.innerHTML = external('first') + inline('analytics', 'queued');
    let granted = true;
    gate = createGate(document, () => granted, () => {});
    gate.refresh();
    await activated('first');
    granted = false;
    document.getElementById('first')!.dispatchEvent(new Event('load'));
    await settle();
    expect(ran()).toEqual([]);
    expect(gate.ran(new Set(['analytics']))).toBe(true); // the first one did run
    granted = true;
    gate.refresh();
    await happens(() => expect(ran()).toEqual(['queued']));
  });
});

describe('markup mistakes', () => {
  it('reports an id that is no category or service, once, and keeps the element blocked', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = inline('google_analytics', 'typo');
    const known = (id: string) => id == 'google-analytics';
    gate = createGate(document, known, () => {}, known);
    gate.refresh();
    gate.refresh();
    await settle();
    expect(ran()).toEqual([]);
    expect(warn).toHaveBeenCalledTimes(1);
    expect(String(warn.mock.calls[0]![0])).toContain('"google_analytics" is no category or service');
  });

  it('reports a gated script without type="text/plain"', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<script data-consent="analytics" src="/ga.js"></script>';
    gate = createGate(document, () => false, () => {});
    gate.refresh();
    expect(String(warn.mock.calls[0]![0])).toContain('has no type="text/plain"');
  });

  it('takes an embed with a real src out of the page and gates it, when not granted', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<iframe data-consent="vimeo" src="https://player.vimeo.com/video/1"></iframe>';
    gate = createGate(document, () => false, () => {});
    gate.refresh();
    const frame = document.querySelector('iframe')!;
    expect(frame.hasAttribute('src')).toBe(false);
    expect(frame.getAttribute('data-src')).toBe('https://player.vimeo.com/video/1');
    expect(String(warn.mock.calls[0]![0])).toContain('has src instead of data-src: the browser fetched it before consent. It is blocked from now on.');
  });

  it('only reports an embed with a real src when it is granted anyway', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<img data-consent="analytics" src="/pixel.gif">';
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    expect(document.querySelector('img')!.getAttribute('src')).toBe('/pixel.gif');
    expect(warn).toHaveBeenCalledTimes(1);
  });
});

describe('markup mistakes, continued', () => {
  it('records the real address of a granted leaking embed, so a revoke can take it away', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML = '<iframe data-consent="vimeo" src="https://player.vimeo.com/video/1"></iframe>';
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    gate.revoke(new Set(['vimeo']));
    expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false);
  });

  it('strips a page-made copy of an activated embed that is not granted', () => {
    document.body.innerHTML =
      '<iframe data-consent="vimeo" data-src="https://player.vimeo.com/video/1" src="https://player.vimeo.com/video/1"></iframe>';
    gate = createGate(document, () => false, () => {});
    gate.refresh();
    expect(document.querySelector('iframe')!.hasAttribute('src')).toBe(false);
  });

  it('accepts text/plain in any case and with parameters', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    document.body.innerHTML =
      '<script type="Text/Plain; charset=utf-8" data-consent="a">document.documentElement.setAttribute("data-ran", "x,")</script>';
    gate = createGate(document, () => true, () => {});
    gate.refresh();
    await happens(() => expect(ran()).toEqual(['x']));
    expect(warn).not.toHaveBeenCalled();
  });
});
