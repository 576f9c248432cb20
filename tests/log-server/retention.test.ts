// @vitest-environment node
import { describe, expect, test, vi } from 'vitest';
import { scheduleRetention } from '../../src/log-server/schedule-retention';
import { makeRecord } from './helpers/records';
import { STORE_KINDS, useDatabases } from './helpers/stores';

// Each test starts services, databases or processes: generous limits for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const databases = useDatabases();
const DAY = 24 * 60 * 60 * 1000;
const ALL_TIME: [Date, Date] = [new Date(0), new Date(Date.UTC(9999, 0, 1))];
const logs: unknown[] = [];
const log = { info: (...args: unknown[]) => logs.push(args), error: (...args: unknown[]) => logs.push(args) } as never;

describe.each(STORE_KINDS)('retention on %s', (kind) => {
  test('deletes exactly the records received more than N days ago, at start and on schedule; 0 keeps all', async () => {
    const store = await databases.store(kind);
    try {
      const now = Date.now();
      const ages = [401, 400.01, 399.99, 10, 0];
      const records = ages.map(() => makeRecord());
      for (const [i, age] of ages.entries()) await store.append(records[i]!, new Date(now - age * DAY));
      const forever = scheduleRetention(store, 0, log, { now: () => now });
      expect(await forever.runNow()).toBe(0);
      await forever.stop();
      expect(await store.exportPage(...ALL_TIME, undefined, 100)).toHaveLength(5);

      // Started: runs once at once; then every `everyMs` (here with a clock moved 20 days on).
      let clock = now;
      const retention = scheduleRetention(store, 400, log, { now: () => clock, everyMs: 60_000 });
      const remaining = async () => (await store.exportPage(...ALL_TIME, undefined, 100)).map((r) => r.recordId).sort();
      expect(await retention.runNow()).toBe(2); // joins the run started at once, which deletes the two oldest
      expect(await remaining()).toEqual(records.slice(2).map((r) => r.recordId).sort());
      clock = now + 20 * DAY;
      expect(await retention.runNow()).toBe(1);
      expect(await remaining()).toEqual(records.slice(3).map((r) => r.recordId).sort());
      await retention.stop();
    } finally {
      await store.close();
    }
  });

  test('records are append-only: the database refuses an UPDATE', async () => {
    const db = await databases.database(kind);
    const { openConsentStore } = await import('../../src/log-server/open-consent-store');
    const store = await openConsentStore(db);
    const record = makeRecord();
    await store.append(record, new Date());
    await store.close();
    if (kind === 'sqlite') {
      const Database = (await import('better-sqlite3')).default;
      const raw = new Database(db);
      try {
        expect(() => raw.prepare("UPDATE consent_records SET notice_hash = 'x'").run()).toThrow('append-only');
      } finally {
        raw.close();
      }
    } else {
      const pg = (await import('pg')).default;
      const client = new pg.Client({ connectionString: db });
      await client.connect();
      try {
        await expect(client.query("UPDATE consent_records SET notice_hash = 'x'")).rejects.toThrow('append-only');
      } finally {
        await client.end();
      }
    }
  });
});
