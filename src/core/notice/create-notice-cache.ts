import type { Inventory, NoticeLayer, NoticeSnapshot } from '../../types';
import { VERSION } from '../version';
import { fingerprintOf, hashOf, noticeFingerprint, noticeSnapshot, noticeText, snapshotNotice } from './notice-snapshot';

/** One instance's notice hashes, each computed once per inventory and language. */
export interface NoticeCache {
  /** The notice snapshot in the UI language for `layer`, with its hash (a consent record's `noticeHash`). */
  notice(layer: NoticeLayer): NoticeSnapshot;
  /**
   * The notice fingerprint of `inventory` (the one in force by default), also of an inventory not
   * begun yet (the check of a stored decision): the warm-up then reuses it.
   */
  fingerprint(inventory?: Inventory): string;
  /**
   * Whether `decision` was given on the notice of `inventory` (the one in force by default): the
   * one rule for start-up and for a decision taken over from another tab. A decision without a
   * fingerprint (an older format) counts.
   */
  sameNotice(decision: { readonly noticeFingerprint?: string }, inventory?: Inventory): boolean;
  /**
   * Computes the fingerprint and the banner's and dialog's snapshots ahead of the click while the
   * banner waits, one per idle period, so that a decision's path to the first tag it grants holds no
   * hashing.
   */
  warmUp(): void;
}

/**
 * Hashing a notice takes milliseconds on a slow phone (SHA-256 in script, cold): each hash is kept
 * per inventory and language, and the warm-up computes them while the visitor reads the banner.
 * @param state - the instance's state, read at each call: the inventory in force and its language
 */
export function createNoticeCache(state: { readonly inventory?: Inventory; readonly lang: string; readonly destroyed: boolean }): NoticeCache {
  const memo = new Map<string, unknown>();
  const once = <T>(key: string, compute: () => T, current: Inventory): T => {
    const full = current.hash + ' ' + key;
    if (!memo.has(full)) memo.set(full, compute());
    return memo.get(full) as T;
  };
  const noticeKey = (lang: string, layer: NoticeLayer) => lang + ' ' + layer;
  const FINGERPRINT = 'n';
  const snapshotOf = (layer: NoticeLayer, current: Inventory) => once(noticeKey(state.lang, layer), () => snapshotNotice(current, state.lang, layer), current);
  const fingerprint = (current = state.inventory!) => once(FINGERPRINT, () => noticeFingerprint(current), current);

  const warmUp = () => {
    const idle = (window as Window & { requestIdleCallback?: (task: () => void) => void }).requestIdleCallback ?? setTimeout;
    const current = state.inventory!;
    const { lang } = state;
    // By the browser's own SHA-256 where it has one (secure contexts): in script, one hash still made
    // a long task of its idle period at 4x CPU (45-65 ms, traced). Else in script, one hash per idle
    // period. Each step: its memo key, the text hashed, what the hash makes, and the same in script.
    const snapshot = (layer: NoticeLayer) => () => {
      const text = noticeSnapshot(current, lang, layer, VERSION);
      return [noticeKey(lang, layer), text, (hex: string) => ({ noticeHash: hashOf(hex), snapshot: text }), () => snapshotOf(layer, current)] as const;
    };
    const steps = [() => [FINGERPRINT, noticeText(current), fingerprintOf, () => fingerprint(current)] as const, snapshot('banner'), snapshot('dialog')];
    const subtle = globalThis.crypto?.subtle;
    const next = (): unknown =>
      steps[0] &&
      idle(() => {
        if (state.inventory != current || state.destroyed) return;
        const [key, text, make, inScript] = steps.shift()!();
        const native = subtle
          ?.digest('SHA-256', new TextEncoder().encode(text))
          .then((buffer) => once(key, () => make([...new Uint8Array(buffer)].map((byte) => byte.toString(16).padStart(2, '0')).join('')), current));
        if (!native) return void (inScript(), next());
        // The script's hash where the browser's failed, unless the inventory has gone meanwhile.
        void native.catch(() => void (state.inventory == current && inScript())).then(next);
      });
    next();
  };

  return {
    notice: (layer) => snapshotOf(layer, state.inventory!),
    fingerprint,
    sameNotice: (decision, inventory) => !decision.noticeFingerprint || decision.noticeFingerprint == fingerprint(inventory),
    warmUp,
  };
}
