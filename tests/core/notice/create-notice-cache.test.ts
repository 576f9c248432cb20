// The notice hashes of the decision code: computed ahead of the click while the banner waits, once
// each. Driven through createCrumbs, whose npm build has the decision code at hand.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { noticeFingerprint, snapshotNotice } from '../../../src/core/notice/notice-snapshot';
import { useFirstVisits } from '../../helpers/first-visit';
import { readStoredDecision } from '../../helpers/stored-decision';

// Counts the SHA-256 runs (pure script: milliseconds each on a slow phone) behind the real function.
const hashing = vi.hoisted(() => ({ calls: 0 }));
vi.mock('../../../src/core/notice/sha256', async (importOriginal) => {
  const real = await importOriginal<typeof import('../../../src/core/notice/sha256')>();
  return { sha256: (text: string) => (hashing.calls++, real.sha256(text)) };
});

const firstVisit = useFirstVisits();
afterEach(() => vi.restoreAllMocks());

/** The browser's own SHA-256, watched: the warm-up uses it where there is one (a secure context). */
function watchDigests() {
  const digest = vi.spyOn(crypto.subtle, 'digest');
  return {
    digest,
    /** The three warm-up hashes are done and kept. */
    async done() {
      await vi.waitFor(() => expect(digest).toHaveBeenCalledTimes(3));
      await Promise.all(digest.mock.results.map((result) => result.value));
      await new Promise((resolve) => setTimeout(resolve));
    },
  };
}

describe('createNoticeCache', () => {
  it('hashes the notice while the banner waits, with the browser\'s own SHA-256, so that a decision from it hashes nothing on its way to the tags', async () => {
    hashing.calls = 0;
    const native = watchDigests();
    const { crumbs, records, ui } = firstVisit();
    await crumbs.ready;
    // The warm-up runs when the page is idle: the notice's fingerprint, the banner's and the dialog's snapshots.
    await native.done();
    (await ui()).layer('banner');
    await crumbs.acceptAll();
    expect(hashing.calls, 'SHA-256 runs in script, warm-up and "Accept all"').toBe(0);
    // And the results are the ones computed afresh, in script, apart from the instance.
    const fresh = snapshotNotice((await ui()).inventory, (await ui()).lang, 'banner');
    expect(records[0]!.noticeHash).toBe(fresh.noticeHash);
    expect((await crumbs.noticeSnapshot('banner'))?.snapshot).toBe(fresh.snapshot);
    expect(readStoredDecision()?.noticeFingerprint).toBe(noticeFingerprint((await ui()).inventory));
  });

  it('without the browser\'s SHA-256 (an insecure context), prepares one hash in script per idle period: each a task of its own, never one long task', async () => {
    // The page's idle periods, run by hand: what each one computed.
    const idle: (() => void)[] = [];
    vi.stubGlobal('requestIdleCallback', (task: () => void) => idle.push(task));
    const real = globalThis.crypto;
    vi.stubGlobal('crypto', { getRandomValues: (array: Uint8Array) => real.getRandomValues(array) });
    try {
      hashing.calls = 0;
      const { crumbs, records, ui } = firstVisit();
      await crumbs.ready;
      const perPeriod: number[] = [];
      while (idle.length) {
        const before = hashing.calls;
        idle.shift()!();
        perPeriod.push(hashing.calls - before);
      }
      expect(perPeriod).toEqual([1, 1, 1]);
      (await ui()).layer('banner');
      await crumbs.acceptAll();
      expect(hashing.calls, 'none during "Accept all"').toBe(3);
      expect(records[0]!.noticeHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('computes a notice it has not prepared (the API layer) once, then reuses it', async () => {
    hashing.calls = 0;
    const native = watchDigests();
    const { crumbs, records } = firstVisit();
    await crumbs.ready;
    await native.done();
    hashing.calls = 0;
    await crumbs.rejectAll();
    await crumbs.acceptAll();
    expect(hashing.calls).toBe(1);
    expect(records.map((r) => [r.action, r.layer])).toEqual([
      ['reject-all', 'api'],
      ['accept-all', 'api'],
    ]);
    expect(records[0]!.noticeHash).toBe(records[1]!.noticeHash);
  });
});
