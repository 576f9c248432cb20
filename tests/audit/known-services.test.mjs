// data/known-services.json: well formed, each entry citing the vendor's documentation, and shared
// with the validator's lint (a tracker of a non-necessary service declared as necessary is warned
// about; a necessary service's cookie, or a generic name, is not).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileCookieName, validateAndLint } from '../../src/core/inventory/index.ts';
import { ROOT } from './helpers.mjs';

const { services } = JSON.parse(readFileSync(join(ROOT, 'data/known-services.json'), 'utf8'));
const CATEGORIES = ['necessary', 'analytics', 'functionality', 'targeting'];

/** An inventory declaring `cookies` under one necessary service. */
const necessary = (cookies) => ({
  revision: 1,
  categories: [{ id: 'necessary', required: true }],
  services: [{ id: 'site', name: 'Site', category: 'necessary', justification: 'j', cookies: [{ name: 'crumbs_consent' }, ...cookies.map((name) => ({ name }))] }],
});

describe('data/known-services.json', () => {
  it('lists the services issue 15 names, each with hosts, cookie names Crumbs can compile, a category and a source', () => {
    const ids = services.map((s) => s.id);
    for (const id of ['google-analytics', 'google-ads', 'google-tag-manager', 'hotjar', 'meta-pixel', 'microsoft-clarity', 'microsoft-advertising', 'linkedin-insight', 'tiktok-pixel', 'youtube', 'vimeo', 'hubspot', 'matomo', 'stripe', 'recaptcha', 'cloudflare'])
      expect(ids).toContain(id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const s of services) {
      expect(CATEGORIES, s.id).toContain(s.category);
      expect(s.source, s.id).toMatch(/^https:\/\//);
      expect(s.hosts.length, s.id).toBeGreaterThan(0);
      expect(s.description, s.id).toBeTruthy();
      for (const c of s.cookies) expect(compileCookieName(c.name), `${s.id} ${c.name}`).toBeInstanceOf(RegExp);
    }
  });

  it('feeds the lint: every non-generic cookie of a non-necessary service is flagged in a required category', () => {
    const trackers = services.filter((s) => s.category != 'necessary').flatMap((s) => s.cookies.filter((c) => !c.generic).map((c) => [s.name, c.name]));
    const { warnings } = validateAndLint(necessary(trackers.map(([, name]) => name)));
    trackers.forEach(([service, name], i) => {
      expect(warnings.some((w) => w.path == `services[0].cookies[${i + 1}].name` && w.message.includes(`looks like a ${service} cookie`)), `${service} ${name}`).toBe(true);
    });
  });

  it('leaves necessary services and generic names alone', () => {
    const names = [...services.filter((s) => s.category == 'necessary').flatMap((s) => s.cookies.map((c) => c.name)), 'player', 'flags', 'Session', 'cart_token'];
    expect(validateAndLint(necessary(names)).warnings.filter((w) => /looks like/.test(w.message))).toEqual([]);
  });
});
