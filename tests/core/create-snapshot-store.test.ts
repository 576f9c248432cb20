import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { effectScope } from 'vue';
import { createCrumbs } from '../../src/core/create-crumbs';
import type { Crumbs, CrumbsOptions } from '../../src/types';
import { makeInventoryJson } from '../helpers/inventory';
import { readmeBlocks } from '../readme/extract';

const instances: Crumbs[] = [];
afterEach(() => {
  for (const crumbs of instances.splice(0)) crumbs.destroy();
  document.cookie = 'crumbs_consent=; max-age=0; path=/';
});

function start(options: Partial<CrumbsOptions> = {}) {
  const crumbs = createCrumbs({ inventory: makeInventoryJson(), reload: vi.fn(), ...options });
  instances.push(crumbs);
  return crumbs;
}

describe('subscribe / getSnapshot', () => {
  it('returns one frozen object until the state changes, and a new one after each change', async () => {
    const crumbs = start();
    await crumbs.ready;
    const first = crumbs.getSnapshot();
    expect(crumbs.getSnapshot()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    expect(first).toEqual({ status: 'ready', consent: null, granted: ['necessary', 'session'] });

    await crumbs.save({ categories: ['analytics'], services: { hotjar: false } });
    const second = crumbs.getSnapshot();
    expect(second).not.toBe(first);
    expect(second.status).toBe('ready');
    expect(second.consent?.action).toBe('save');
    expect(second.granted).toEqual(['necessary', 'analytics', 'session', 'google-analytics']);
    expect(crumbs.getSnapshot()).toBe(second);
  });

  it('is loading until a promised inventory arrives, then ready', async () => {
    let arrive!: (json: unknown) => void;
    const crumbs = start({ inventory: new Promise((resolve) => (arrive = resolve)) });
    const onChange = vi.fn();
    crumbs.subscribe(onChange);
    expect(crumbs.getSnapshot()).toEqual({ status: 'loading', consent: null, granted: [] });
    arrive(makeInventoryJson());
    await crumbs.ready;
    expect(onChange).toHaveBeenCalled();
    expect(crumbs.getSnapshot().status).toBe('ready');
  });

  it('says failed for an invalid inventory, and grants nothing', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const crumbs = start({ inventory: { categories: 'none' } });
    const onChange = vi.fn();
    crumbs.subscribe(onChange);
    await crumbs.ready;
    await vi.waitFor(() => expect(onChange).toHaveBeenCalled());
    expect(crumbs.getSnapshot()).toEqual({ status: 'failed', consent: null, granted: [] });
  });

  it('calls every subscriber once per decision, without `this`, and not after unsubscribing', async () => {
    const crumbs = start();
    await crumbs.ready;
    const { subscribe, getSnapshot } = crumbs;
    const seen: string[][] = [];
    const off = subscribe(() => seen.push([...getSnapshot().granted]));
    const throwing = subscribe(() => {
      throw new Error('a subscriber of the page');
    });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await crumbs.acceptAll();
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.at(-1)).toContain('targeting');
    expect(error).toHaveBeenCalled();
    off();
    throwing();
    const count = seen.length;
    await crumbs.rejectAll();
    expect(seen.length).toBe(count);
    expect(getSnapshot().granted).toEqual(['necessary', 'session']);
  });

  it("drives the README's Vue composable, verbatim: the ref follows each decision until its scope ends", async () => {
    const block = readmeBlocks().filter((b) => b.lang === 'ts' && b.code.includes("from 'vue'"));
    expect(block, 'one Vue composable in README.md').toHaveLength(1);
    // Inside the project, so that `vue` and `crumbs-consent` resolve as in a user's project.
    const dir = join(process.cwd(), 'node_modules/.cache/crumbs-readme');
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'use-consent-vue.ts');
    writeFileSync(file, block[0]!.code);
    const { useConsent } = (await import(/* @vite-ignore */ file)) as { useConsent: (crumbs: Crumbs) => { value: { granted: readonly string[] } } };

    const crumbs = start();
    await crumbs.ready;
    const scope = effectScope();
    const snapshot = scope.run(() => useConsent(crumbs))!;
    expect(snapshot.value.granted).not.toContain('analytics');
    await crumbs.acceptAll();
    expect(snapshot.value.granted).toContain('analytics');
    scope.stop();
    await crumbs.rejectAll();
    expect(snapshot.value.granted, 'no update once the scope is disposed').toContain('analytics');
  });
});
