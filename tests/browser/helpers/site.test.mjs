// The browser suite's wait (site.mjs, `settled`) is what lets a test say "nothing happened": it
// must wait for what a page sets off after the fact, a request made from a timer and the script
// its late answer runs, without a fixed sleep.
import { expect, test } from 'vitest';
import { htmlResponse, SITE, useSite } from './site.mjs';

const env = useSite();

test('settled waits for a request set off by a later task, and for what its late answer runs', async () => {
  const site = await env.open();
  let answer;
  site.serve('/late.js', () => new Promise((resolve) => (answer = resolve)));
  site.serve(
    '/settle.html',
    htmlResponse(
      '<!doctype html><html lang="en"><title>settle</title><p>settle</p>' +
        // Two task turns later, as a gate's released script or a lazily loaded file would be.
        '<script>setTimeout(() => setTimeout(() => { const s = document.createElement("script"); s.src = "/late.js"; document.head.append(s); }));</script>',
    ),
  );
  await site.page.goto(SITE + '/settle.html');
  let done = false;
  const settling = site.settled().then(() => (done = true));
  // The answer comes only once the request is seen, after the page's own load.
  await expect.poll(() => typeof answer).toBe('function');
  expect(done, 'not settled while the request is open').toBe(false);
  answer({ status: 200, contentType: 'text/javascript', body: 'window.__late = true;' });
  await settling;
  expect(await site.page.evaluate(() => window.__late)).toBe(true);
});
