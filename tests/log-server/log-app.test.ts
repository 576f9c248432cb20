// @vitest-environment node
import { afterAll, afterEach, describe, expect, test, vi } from 'vitest';
import { ClientKeys } from '../../src/log-server/client-keys';
import type { ConsentStore } from '../../src/log-server/consent-store';
import { createLogApp, type LogAppOptions } from '../../src/log-server/create-log-app';
import { csvField } from '../../src/log-server/records-csv';
import { RECORD_BODY_LIMIT } from '../../src/log-server/record-schema';
import { makeRecord, notice, ORIGIN, TOKEN } from './helpers/records';
import { STORE_KINDS, useDatabases } from './helpers/stores';

// Each test starts services, databases or processes: generous limits for a busy machine.
vi.setConfig({ testTimeout: 30_000, hookTimeout: 60_000 });

const databases = useDatabases();
const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const DAY = 24 * 60 * 60 * 1000;
const ALL_TIME: [Date, Date] = [new Date(0), new Date(Date.UTC(9999, 0, 1))];

/** Every record in the store. */
const storedIn = (store: ConsentStore) => store.exportPage(...ALL_TIME, undefined, 100_000);

describe.each(STORE_KINDS)('consent-log service on %s', (kind) => {
  async function setUp(options: Partial<LogAppOptions> = {}, cleanUpAfterTest = true) {
    const store = await databases.store(kind);
    const clientKeys = new ClientKeys();
    const logs: string[] = [];
    const app = await createLogApp({
      store,
      origins: [ORIGIN],
      allowNoOrigin: false,
      token: TOKEN,
      rateLimit: 0,
      clientKeys,
      trustProxy: false,
      logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
      ...options,
    });
    if (cleanUpAfterTest)
      cleanups.push(async () => {
        await app.close();
        await store.close();
        clientKeys.stop();
      });
    const post = (body: unknown, headers: Record<string, string> = {}) =>
      app.inject({
        method: 'POST',
        url: '/records',
        headers: { 'content-type': 'text/plain;charset=UTF-8', origin: ORIGIN, ...headers },
        payload: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const read = (url: string, token: string | null = TOKEN) =>
      app.inject({ method: 'GET', url, headers: token === null ? {} : { authorization: `Bearer ${token}` } });
    return { app, store, post, read, logs };
  }

  test('stores a valid record sent as text/plain (a beacon) and answers 201 with CORS for the allowed origin', async () => {
    const { post, store } = await setUp();
    const record = makeRecord();
    const response = await post(record);
    expect(response.statusCode).toBe(201);
    expect(response.json()).toEqual({ recordId: record.recordId, duplicate: false });
    expect(response.headers['access-control-allow-origin']).toBe(ORIGIN);
    const [stored, ...rest] = await storedIn(store);
    expect(rest).toEqual([]);
    const { receivedAt, noticeKnown, ...fields } = stored!;
    expect(fields).toEqual(record);
    expect(noticeKnown).toBe(false);
    expect(Math.abs(Date.parse(receivedAt) - Date.now())).toBeLessThan(10_000);
  });

  test('accepts application/json too, and answers the preflight of such a fetch', async () => {
    const { app, post, store } = await setUp();
    const preflight = await app.inject({
      method: 'OPTIONS',
      url: '/records',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe(ORIGIN);
    expect(preflight.headers['access-control-allow-methods']).toBe('POST');
    expect(preflight.headers['access-control-allow-headers']).toBe('content-type');
    expect((await post(makeRecord(), { 'content-type': 'application/json' })).statusCode).toBe(201);
    expect(await storedIn(store)).toHaveLength(1);
  });

  const now = () => Date.now();
  const badInputs: [string, () => unknown, string | undefined, number?][] = [
    ['a missing field', () => { const { recordId: _, ...r } = makeRecord(); return r; }, 'recordId'],
    ['an unknown field', () => ({ ...makeRecord(), ip: '203.0.113.9' }), 'ip'],
    ['an unknown action', () => makeRecord({ action: 'maybe' as never }), 'action'],
    ['an unknown layer', () => makeRecord({ layer: 'popup' as never }), 'layer'],
    ['a negative revision', () => makeRecord({ revision: -1 }), 'revision'],
    ['a revision as a string', () => makeRecord({ revision: '3' as never }), 'revision'],
    ['a fractional revision', () => makeRecord({ revision: 1.5 }), 'revision'],
    ['a category id that is no id', () => makeRecord({ categories: ['necessary', 'Bad Id'] }), 'categories.1'],
    ['a service id longer than 64', () => makeRecord({ services: ['s'.repeat(65)] }), 'services.0'],
    ['a shown list that is no list', () => makeRecord({ shown: 'ga' as never }), 'shown'],
    ['an exception that is no boolean', () => makeRecord({ exceptions: { hotjar: 'no' as never } }), 'exceptions.hotjar'],
    ['an exception key that is no id', () => makeRecord({ exceptions: { 'Bad Key': true } }), 'exceptions'],
    ['a language longer than 35', () => makeRecord({ lang: 'x'.repeat(36) }), 'lang'],
    ['a language with markup', () => makeRecord({ lang: '<en>' }), 'lang'],
    ['gpc as a string', () => makeRecord({ gpc: 'false' as never }), 'gpc'],
    ['an inventory hash longer than 64', () => makeRecord({ inventoryHash: 'a'.repeat(65) }), 'inventoryHash'],
    ['a notice hash of another kind', () => makeRecord({ noticeHash: 'md5:' + 'a'.repeat(32) }), 'noticeHash'],
    ['an uppercase notice hash', () => makeRecord({ noticeHash: 'sha256:' + 'A'.repeat(64) }), 'noticeHash'],
    ['a version that is a formula', () => makeRecord({ version: '=HYPERLINK("x")' }), 'version'],
    ['a consent id that is no UUID v4', () => makeRecord({ id: '11111111-1111-1111-1111-111111111111' }), 'id'],
    ['a record id that is no UUID', () => makeRecord({ recordId: 'abc' }), 'recordId'],
    ['a time that is no ISO time', () => makeRecord({ time: 'yesterday' }), 'time'],
    ['a time not in UTC', () => makeRecord({ time: '2026-12-05T10:00:00+01:00' }), 'time'],
    ['a day that does not exist', () => makeRecord({ time: `${new Date(now()).getUTCFullYear()}-02-30T10:00:00.000Z` }), 'time'],
    ['a time 11 minutes ahead', () => makeRecord({ time: new Date(now() + 11 * 60_000).toISOString() }), 'time'],
    ['a time 8 days old', () => makeRecord({ time: new Date(now() - 8 * DAY).toISOString() }), 'time'],
    ['a JSON array', () => [makeRecord()], '(body)'],
    ['a prototype-polluting key', () => `{"__proto__":{"x":1},${JSON.stringify(makeRecord()).slice(1)}`, undefined],
    ['text that is not JSON', () => 'recordId=1', undefined],
    ['an empty body', () => '', undefined],
    ['a body over 8 KB', () => ({ ...makeRecord(), shown: Array.from({ length: 1000 }, (_, i) => `service-${i}`) }), undefined, 413],
  ];
  // One service for the whole table (setting one up takes a while); it must stay empty throughout.
  let shared: Awaited<ReturnType<typeof setUp>> | undefined;
  afterAll(async () => {
    await shared?.app.close();
    await shared?.store.close();
  });
  test.each(badInputs)('refuses %s with a 4xx naming the field, and stores nothing', async (_name, body, field, status = 400) => {
    shared ??= await setUp({}, false);
    const { post, store } = shared;
    const response = await post(body());
    expect(response.statusCode).toBe(status);
    const answer = response.json();
    expect(answer.message).toEqual(expect.any(String));
    if (field) {
      expect(answer.field).toBe(field);
      expect(answer.message).toContain(field === '(body)' ? 'body' : field.split('.')[0]);
    }
    expect(await storedIn(store)).toEqual([]);
  });

  test('the 8 KB limit is exact: a body of 8,192 bytes is taken, 8,193 is refused', async () => {
    const { post, store } = await setUp();
    // ids are at most 64 characters, so the body is padded with several
    const padded = (bytes: number) => {
      const record = makeRecord({ shown: [] });
      const shown: string[] = [];
      let text = JSON.stringify(record);
      while (text.length < bytes) {
        const room = bytes - text.length - (shown.length ? 3 : 2);
        shown.push('x'.repeat(Math.max(1, Math.min(64, room))));
        text = JSON.stringify({ ...record, shown });
      }
      return text;
    };
    const exact = padded(RECORD_BODY_LIMIT);
    expect(Buffer.byteLength(exact)).toBe(RECORD_BODY_LIMIT);
    expect((await post(exact)).statusCode).toBe(201);
    const over = padded(RECORD_BODY_LIMIT + 1);
    expect(Buffer.byteLength(over)).toBe(RECORD_BODY_LIMIT + 1);
    expect((await post(over)).statusCode).toBe(413);
    expect(await storedIn(store)).toHaveLength(1);
  });

  test('refuses a body of another media type with 415', async () => {
    const { post, store } = await setUp();
    expect((await post(makeRecord(), { 'content-type': 'application/x-www-form-urlencoded' })).statusCode).toBe(415);
    expect(await storedIn(store)).toEqual([]);
  });

  test('a retried record is stored once and answered 2xx both times, also when the retries race', async () => {
    const { post, store } = await setUp();
    const record = makeRecord();
    expect((await post(record)).statusCode).toBe(201);
    const again = await post(record);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ recordId: record.recordId, duplicate: true });
    const racing = makeRecord();
    const answers = await Promise.all(Array.from({ length: 8 }, () => post(racing)));
    expect(answers.map((a) => a.statusCode).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect((await storedIn(store)).map((r) => r.recordId).sort()).toEqual([record.recordId, racing.recordId].sort());
  });

  test('refuses other origins and, unless allowed, requests without an Origin header (403, nothing stored)', async () => {
    const { app, post, store } = await setUp();
    const other = await post(makeRecord(), { origin: 'https://evil.example' });
    expect(other.statusCode).toBe(403);
    expect(other.json().message).toContain('https://evil.example');
    expect(other.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await app.inject({ method: 'OPTIONS', url: '/records', headers: { origin: 'https://evil.example' } });
    expect(preflight.statusCode).toBe(403);
    const none = await app.inject({ method: 'POST', url: '/records', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(makeRecord()) });
    expect(none.statusCode).toBe(403);
    expect(none.json().message).toContain('--allow-no-origin');
    expect(await storedIn(store)).toEqual([]);
  });

  test('--allow-no-origin takes requests without Origin; without --origin every origin may post', async () => {
    const relay = await setUp({ allowNoOrigin: true });
    const noOrigin = await relay.app.inject({ method: 'POST', url: '/records', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(makeRecord()) });
    expect(noOrigin.statusCode).toBe(201);
    expect((await relay.post(makeRecord(), { origin: 'https://evil.example' })).statusCode).toBe(403);
    const open = await setUp({ origins: [] });
    const any = await open.post(makeRecord(), { origin: 'https://any.example' });
    expect(any.statusCode).toBe(201);
    expect(any.headers['access-control-allow-origin']).toBe('https://any.example');
  });

  test('rate-limits each client per minute (429), by a keyed hash of the address; /health is not limited', async () => {
    const { post, app, store } = await setUp({ rateLimit: 3 });
    const codes = [];
    for (let i = 0; i < 4; i++) codes.push((await post(makeRecord())).statusCode);
    expect(codes).toEqual([201, 201, 201, 429]);
    expect(await storedIn(store)).toHaveLength(3);
    const fromElsewhere = await app.inject({
      method: 'POST', url: '/records', remoteAddress: '198.51.100.7',
      headers: { 'content-type': 'text/plain', origin: ORIGIN }, payload: JSON.stringify(makeRecord()),
    });
    expect(fromElsewhere.statusCode).toBe(201);
    for (let i = 0; i < 5; i++) expect((await app.inject({ method: 'GET', url: '/health' })).statusCode).toBe(200);
    const keys = new ClientKeys();
    expect(keys.keyOf('127.0.0.1')).not.toContain('127');
    expect(keys.keyOf('127.0.0.1')).toBe(keys.keyOf('127.0.0.1'));
    expect(new ClientKeys().keyOf('127.0.0.1')).not.toBe(keys.keyOf('127.0.0.1'));
    keys.stop();
  });

  test('logs no client address, not even when a request fails', async () => {
    const { app, post, logs, store } = await setUp({ rateLimit: 2 });
    await post(makeRecord());
    await post({ bad: true });
    await post(makeRecord());
    await app.inject({ method: 'GET', url: '/consents/' + makeRecord().id, remoteAddress: '203.0.113.9' });
    const failing = Object.assign(Object.create(store), { append: () => Promise.reject(new Error('disk on fire')) });
    const broken = await createLogApp({
      store: failing, origins: [], allowNoOrigin: false, token: TOKEN, rateLimit: 0, clientKeys: new ClientKeys(), trustProxy: false,
      logger: { level: 'info', stream: { write: (line: string) => void logs.push(line) } },
    });
    cleanups.push(() => broken.close());
    const failed = await broken.inject({ method: 'POST', url: '/records', remoteAddress: '203.0.113.9', headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(makeRecord()) });
    expect(failed.statusCode).toBe(500);
    expect(failed.json().message).toBe('internal error: nothing was stored');
    const text = logs.join('');
    expect(text).toContain('disk on fire');
    expect(text).toContain('"url":"/records"');
    for (const leak of ['127.0.0.1', '203.0.113.9', 'remoteAddress', 'remotePort', 'localhost', TOKEN]) expect(text).not.toContain(leak);
  });

  describe('read side', () => {
    const endpoints = (id: string, hash: string) => [`/consents/${id}`, '/records/export', '/records/export?format=csv', `/notices/${hash}`];

    test('answers only with the right bearer token (401 without or with a wrong one)', async () => {
      const { post, read, app } = await setUp();
      const record = makeRecord();
      await post(record);
      const { noticeHash, snapshot } = notice();
      await app.inject({ method: 'POST', url: '/notices', headers: { authorization: `Bearer ${TOKEN}` }, payload: { noticeHash, snapshot } });
      for (const url of endpoints(record.id, noticeHash)) {
        const none = await read(url, null);
        expect(none.statusCode, url).toBe(401);
        expect(none.headers['www-authenticate']).toContain('Bearer');
        expect(none.json().message).toContain('Authorization');
        expect((await read(url, TOKEN + 'x')).statusCode, url).toBe(401);
        expect((await read(url, TOKEN.slice(0, -1))).statusCode, url).toBe(401);
        expect((await app.inject({ method: 'GET', url, headers: { authorization: TOKEN } })).statusCode, url).toBe(401);
        expect((await read(url)).statusCode, url).toBe(200);
      }
      const wrongNotice = await app.inject({ method: 'POST', url: '/notices', headers: { authorization: 'Bearer nope' }, payload: { noticeHash, snapshot } });
      expect(wrongNotice.statusCode).toBe(401);
    });

    test('is off (503, saying how to turn it on) when the service has no token', async () => {
      const { read, post } = await setUp({ token: undefined });
      const record = makeRecord();
      expect((await post(record)).statusCode).toBe(201);
      for (const url of endpoints(record.id, notice().noticeHash)) {
        const response = await read(url, 'anything-at-all-1234');
        expect(response.statusCode).toBe(503);
        expect(response.json().message).toContain('--token');
      }
    });

    test('GET /consents/:id returns the history of one consent id in time order, and 404 for an unknown one', async () => {
      const { post, read } = await setUp();
      const id = makeRecord().id;
      const t = Date.now();
      const records = [
        makeRecord({ id, action: 'revoke', time: new Date(t - 1000).toISOString() }),
        makeRecord({ id, action: 'accept-all', layer: 'banner', time: new Date(t - 3 * DAY).toISOString() }),
        makeRecord({ id, action: 'save', time: new Date(t - DAY).toISOString() }),
      ];
      for (const r of records) expect((await post(r)).statusCode).toBe(201);
      await post(makeRecord());
      const response = await read(`/consents/${id}`);
      expect(response.statusCode).toBe(200);
      expect(response.json().records.map((r: { action: string }) => r.action)).toEqual(['accept-all', 'save', 'revoke']);
      expect((await read(`/consents/${makeRecord().id}`)).statusCode).toBe(404);
      const bad = await read('/consents/not-a-uuid');
      expect(bad.statusCode).toBe(400);
      expect(bad.json().field).toBe('id');
    });

    test('exports a time range as JSON and as CSV (header row, quoted fields), from <= time < to', async () => {
      const { post, read } = await setUp();
      const t = Date.now();
      const at = (daysAgo: number) => new Date(t - daysAgo * DAY).toISOString();
      const records = [5, 4, 3, 2, 1].map((d) => makeRecord({ time: at(d), exceptions: { hotjar: false, ga: true } }));
      for (const r of records) expect((await post(r)).statusCode).toBe(201);
      const json = await read(`/records/export?from=${records[1]!.time}&to=${records[4]!.time}&format=json`);
      expect(json.statusCode).toBe(200);
      expect(json.headers['content-type']).toContain('application/json');
      expect(JSON.parse(json.body).map((r: { recordId: string }) => r.recordId)).toEqual(records.slice(1, 4).map((r) => r.recordId));
      const csv = await read(`/records/export?from=${records[1]!.time}&format=csv`);
      expect(csv.headers['content-type']).toContain('text/csv');
      const lines = csv.body.split('\r\n');
      expect(lines[0]).toBe('recordId,id,time,receivedAt,action,layer,revision,categories,services,exceptions,shown,lang,gpc,inventoryHash,noticeHash,noticeKnown,version');
      expect(lines).toHaveLength(1 + 4 + 1);
      expect(lines.at(-1)).toBe('');
      const cells = lines[1]!.split(',');
      expect(cells[0]).toBe(records[1]!.recordId);
      expect(cells[7]).toBe('necessary analytics');
      expect(cells[9]).toBe('hotjar:false ga:true');
      expect(cells[15]).toBe('false');
      expect(JSON.parse((await read('/records/export?from=2999-01-01')).body)).toEqual([]);
      expect((await read('/records/export?from=soon')).json().field).toBe('from');
      expect((await read('/records/export?format=xml')).json().field).toBe('format');
      expect(csvField('a "b", c\nd')).toBe('"a ""b"", c\nd"');
      expect(csvField('-x')).toBe("'-x");
      expect(csvField('=1+1')).toBe("'=1+1");
      expect(csvField('plain')).toBe('plain');
    });

    test('exports more than one page, each record once, in time order', async () => {
      const { store, read } = await setUp();
      const t = Date.now();
      const records = Array.from({ length: 2345 }, (_, i) => makeRecord({ time: new Date(t - (i % 97) * 60_000).toISOString() }));
      await Promise.all(records.map((r) => store.append(r, new Date())));
      const exported = JSON.parse((await read('/records/export')).body) as { recordId: string; time: string }[];
      expect(exported).toHaveLength(records.length);
      expect(new Set(exported.map((r) => r.recordId)).size).toBe(records.length);
      const times = exported.map((r) => Date.parse(r.time));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const csv = (await read('/records/export?format=csv')).body.trimEnd().split('\r\n');
      expect(csv).toHaveLength(records.length + 1);
    });

    test('POST /notices stores a snapshot whose hash checks out; records then say noticeKnown', async () => {
      const { app, post, read } = await setUp();
      const { noticeHash, snapshot } = notice('{"lang":"de","texts":["Wir verwenden Cookies — ✓"]}');
      const record = makeRecord({ noticeHash });
      await post(record);
      expect((await read(`/consents/${record.id}`)).json().records[0].noticeKnown).toBe(false);
      const postNotice = (payload: unknown) =>
        app.inject({ method: 'POST', url: '/notices', headers: { authorization: `Bearer ${TOKEN}` }, payload: payload as object });
      const mismatch = await postNotice({ noticeHash, snapshot: snapshot + ' ' });
      expect(mismatch.statusCode).toBe(400);
      expect(mismatch.json().field).toBe('noticeHash');
      expect((await read(`/notices/${noticeHash}`)).statusCode).toBe(404);
      expect((await postNotice({ noticeHash, snapshot, extra: 1 })).json().field).toBe('extra');
      const stored = await postNotice({ noticeHash, snapshot });
      expect(stored.statusCode).toBe(201);
      expect((await postNotice({ noticeHash, snapshot })).json()).toEqual({ noticeHash, duplicate: true });
      const fetched = await read(`/notices/${noticeHash}`);
      expect(fetched.json()).toMatchObject({ noticeHash, snapshot });
      expect((await read(`/consents/${record.id}`)).json().records[0].noticeKnown).toBe(true);
      expect(JSON.parse((await read('/records/export')).body)[0].noticeKnown).toBe(true);
    });
  });

  test('GET /health answers 200 while the database answers, 503 when it does not', async () => {
    const { app, store } = await setUp();
    const ok = await app.inject({ method: 'GET', url: '/health' });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ ok: true, db: kind });
    await store.close();
    const down = await app.inject({ method: 'GET', url: '/health' });
    expect(down.statusCode).toBe(503);
    expect(down.json()).toMatchObject({ ok: false });
  });
});
