// The demo pages are written as a site owner would write them: Crumbs first, vendor tags gated, no
// inline code or style beyond the gated snippets, and nothing optional on a first visit to any page.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { siteResponse } from '../../demo/serve.mjs';
import { visible } from './helpers/page-objects.mjs';
import { expectNothingOptional, ROOT, useSite } from './helpers/site.mjs';

const env = useSite();
const DEMO = join(ROOT, 'demo');
const PAGES = readdirSync(DEMO).filter((f) => f.endsWith('.html'));

describe('demo pages', () => {
  test('each page loads crumbs.js as the first script in <head>, gates every vendor tag and links data-crumbs-open', () => {
    expect(PAGES.sort()).toEqual(['article.html', 'cookies.html', 'csp.html', 'index.html', 'spa.html']);
    for (const page of PAGES) {
      // As served: the shared header and footer put in place.
      const html = siteResponse('/' + page).body.toString('utf8');
      expect(html, page).not.toContain('<!--#include');
      const head = html.slice(html.indexOf('<head>'), html.indexOf('</head>'));
      const scripts = [...html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
      expect(scripts[0][1].trim(), page).toBe('src="/crumbs/crumbs.js" data-inventory="/cookies.json"');
      expect(head.indexOf('<script'), page).toBe(head.indexOf('<script src="/crumbs/crumbs.js"'));
      for (const [tag, attributes, body] of scripts.slice(1)) {
        const external = /\bsrc=/.test(attributes);
        const vendor = /googletagmanager|hotjar|facebook|vimeo|\/vendors\//.test(tag);
        if (vendor || !external) expect(attributes, `${page}: ${tag.slice(0, 80)}`).toMatch(/type="text\/plain" data-consent="[\w-]+"/);
        if (page === 'csp.html') expect(body.trim(), `${page}: inline script`).toBe('');
      }
      expect(html, page).not.toMatch(/\sstyle=/);
      expect(html, page).not.toMatch(/<style\b/);
      expect(html, page).toMatch(/<footer[\s\S]*data-crumbs-open[\s\S]*<\/footer>/);
    }
  });

  for (const page of PAGES) {
    test(`first visit to ${page}: banner, nothing optional fetched or stored`, async () => {
      const site = await env.open();
      await site.goto('/' + page.replace('index.html', ''));
      await visible(site.banner(), 'the banner');
      await site.settled();
      await expectNothingOptional(site);
      expect((await site.state()).vendorsRan).toEqual([]);
      expect((await site.cookies()).map((c) => c.name)).toEqual(['Session']);
    });
  }
});
