// Every request of a test page is answered here, none by the network: the site (demo/ and dist/
// through demo/serve.mjs, with per-test overrides), axe-core on the site's origin, the vendor
// stand-ins; anything else is recorded as a leak and aborted.
import { siteResponse } from '../../../demo/serve.mjs';
import { AXE_PATH, AXE_SOURCE } from './axe.mjs';
import { vendorResponse } from './vendors.mjs';

export const SITE_HOST = 'www.crumbs-demo.test';
export const SITE = 'https://' + SITE_HOST;

/**
 * Routes every request of `context`.
 * @param {import('playwright-core').BrowserContext} context
 * @param {() => import('playwright-core').Page | undefined} currentPage - the test's page, once it exists
 * @returns what the routes record, and `overrides` (path to a response, or a function of the request)
 */
export async function routeSite(context, currentPage) {
  const requests = [];
  const leaks = [];
  const overrides = new Map();
  const failedRequests = [];
  await context.route('**/*', async (route, request) => {
    const url = new URL(request.url());
    let mainFrame = false;
    try {
      mainFrame = !!currentPage() && request.frame() === currentPage().mainFrame();
    } catch {
      // Requests of workers have no frame.
    }
    requests.push({
      url: url.href,
      host: url.hostname,
      path: url.pathname,
      method: request.method(),
      type: request.resourceType(),
      navigation: request.isNavigationRequest(),
      mainFrame,
      at: Date.now(),
    });
    if (url.protocol === 'https:' && url.hostname === SITE_HOST) {
      if (url.pathname === AXE_PATH) return route.fulfill({ status: 200, contentType: 'text/javascript', body: AXE_SOURCE });
      const override = overrides.get(url.pathname);
      // A function may return a promise: a response that arrives late, or never.
      if (override) return route.fulfill(await (typeof override === 'function' ? override(request) : override));
      const cookie = await request.headerValue('cookie').catch(() => null);
      const { status, headers, body } = siteResponse(url.pathname, { cookie: cookie ?? '', secure: true });
      if (status >= 400) failedRequests.push({ status, url: url.href });
      return route.fulfill({ status, headers, body });
    }
    const vendor = url.protocol === 'https:' ? vendorResponse(url) : null;
    if (vendor) return route.fulfill(vendor);
    leaks.push(url.href);
    return route.abort('blockedbyclient');
  });
  return { requests, leaks, overrides, failedRequests };
}
