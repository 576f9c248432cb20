import { createHash, randomUUID } from 'node:crypto';
import type { ConsentRecord } from '../../../src/log-server/record-schema';

export const TOKEN = 'test-token-0123456789abcdef';
export const ORIGIN = 'https://shop.example';

/** A notice snapshot text and its hash, as the widget computes it. */
export function notice(text = JSON.stringify({ lang: 'en', layer: 'banner', texts: ['We use cookies'] })) {
  return { snapshot: text, noticeHash: 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex') };
}

/** A valid record, as the widget sends it, with fresh ids and the current time. */
export function makeRecord(overrides: Partial<ConsentRecord> & Record<string, unknown> = {}): ConsentRecord {
  return {
    recordId: randomUUID(),
    id: randomUUID(),
    time: new Date().toISOString(),
    action: 'save',
    layer: 'dialog',
    revision: 3,
    categories: ['necessary', 'analytics'],
    services: ['google-analytics'],
    exceptions: { hotjar: false },
    shown: ['google-analytics', 'hotjar'],
    lang: 'en-GB',
    gpc: false,
    inventoryHash: 'h_abc-123',
    noticeHash: notice().noticeHash,
    version: '0.1.0',
    ...overrides,
  } as ConsentRecord;
}
