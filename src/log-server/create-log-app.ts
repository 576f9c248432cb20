import { createHash, timingSafeEqual } from 'node:crypto';
import { Readable } from 'node:stream';
import rateLimit from '@fastify/rate-limit';
import Fastify, { LogController } from 'fastify';
import type { FastifyInstance, FastifyReply, FastifyRequest, FastifyServerOptions } from 'fastify';
import type { ClientKeys } from './client-keys.js';
import { cursorOf, type ConsentStore, type ExportCursor, type StoredRecord } from './consent-store.js';
import { csvHeader, csvLine } from './records-csv.js';
import {
  NOTICE_BODY_LIMIT,
  NOTICE_HASH_PATTERN,
  RECORD_BODY_LIMIT,
  noticeSchema,
  recordSchema,
  type ConsentRecord,
} from './record-schema.js';

/** A record's `time` may be this far ahead of the server's clock (the visitor's clock may be fast). */
export const MAX_FUTURE_MS = 10 * 60 * 1000;
/** A record's `time` may be this old: a beacon is sent at once, so an older one is a replay or junk. */
export const MAX_AGE_MS = 7 * 24 * 60 * 60 * 1000;

const EXPORT_PAGE = 1000;
const UUID_V4 = recordSchema.properties.id.pattern;

export interface LogAppOptions {
  store: ConsentStore;
  /** Origins allowed to post records (`https://site.example`); empty allows every origin. */
  origins: readonly string[];
  /** With `origins`: also accept posts that carry no Origin header (server-side relays, curl). */
  allowNoOrigin: boolean;
  /** Bearer token of the read side; without one the read side answers 503. */
  token: string | undefined;
  /** Requests per minute per client; 0 turns rate limiting off. */
  rateLimit: number;
  /** Keys of client addresses for the rate limiter. */
  clientKeys: ClientKeys;
  /** Behind a reverse proxy or load balancer: take the client address from X-Forwarded-For. */
  trustProxy: boolean;
  /** fastify's (pino's) logger options, or false for none. */
  logger: FastifyServerOptions['logger'];
}

/** An error answer: `field` names the offending input when there is one. */
interface Problem {
  statusCode: number;
  error: string;
  message: string;
  field?: string;
}

const problem = (reply: FastifyReply, statusCode: number, message: string, field?: string) =>
  reply.code(statusCode).send({ statusCode, error: statusName(statusCode), message, ...(field ? { field } : {}) } satisfies Problem);

const statusName = (code: number): string =>
  ({ 400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 413: 'Payload Too Large', 415: 'Unsupported Media Type', 429: 'Too Many Requests', 503: 'Service Unavailable' })[code] ?? 'Error';

interface AjvError {
  instancePath: string;
  keyword: string;
  message?: string;
  params: Record<string, unknown>;
}

/** An ajv error as a sentence that names the field, e.g. `unknown field "ip"` or `action must be one of: ...`. */
export function describeValidationError(error: AjvError): { field: string; message: string } {
  const path = error.instancePath.slice(1).replaceAll('/', '.');
  const field = path || '(body)';
  const child = (name: unknown) => (path ? `${path}.${name}` : String(name));
  switch (error.keyword) {
    case 'required':
      return { field: child(error.params.missingProperty), message: `missing field "${child(error.params.missingProperty)}"` };
    case 'additionalProperties':
      return { field: child(error.params.additionalProperty), message: `unknown field "${child(error.params.additionalProperty)}"` };
    case 'enum':
      return { field, message: `${field} must be one of: ${(error.params.allowedValues as string[]).join(', ')}` };
    case 'propertyNames':
      return { field, message: `${field} has a key that is not an id ([a-z0-9_-], 1 to 64 characters)` };
    default:
      return { field, message: `${field} ${error.message ?? 'is invalid'}` };
  }
}

/** `sha256:` and the hex SHA-256 of a text's UTF-8 bytes: how the widget computes `noticeHash`. */
export const sha256Of = (text: string): string => 'sha256:' + createHash('sha256').update(text, 'utf8').digest('hex');

/** Compares secrets in constant time (digests first, so that unequal lengths take no shortcut). */
const sameSecret = (given: string, expected: string): boolean =>
  timingSafeEqual(createHash('sha256').update(given).digest(), createHash('sha256').update(expected).digest());

/**
 * The consent-log HTTP service: `POST /records` for the widget, a bearer-token read side for audits,
 * `POST /notices` for the snapshots records point at, and `GET /health`.
 */
export async function createLogApp(options: LogAppOptions): Promise<FastifyInstance> {
  const { store, origins, allowNoOrigin, token, clientKeys } = options;
  const app = Fastify({
    logger: options.logger,
    trustProxy: options.trustProxy,
    // Records are checked as sent: nothing dropped, coerced or defaulted on the way.
    ajv: { customOptions: { removeAdditional: false, coerceTypes: false, useDefaults: false, allErrors: false } },
    // fastify's own "incoming request" line is replaced by the one-line summary below.
    logController: new LogController({ disableRequestLogging: true }),
  });

  // The request log carries no address: no remoteAddress, remotePort, Host or X-Forwarded-For.
  app.addHook('onResponse', async (request, reply) => {
    request.log.info(
      { method: request.method, url: request.routeOptions.url ?? '(no route)', statusCode: reply.statusCode, ms: Math.round(reply.elapsedTime) },
      'request',
    );
  });

  // A keep-alive connection that is busy when close() begins would otherwise stay open, idle, until
  // its keep-alive timeout; answers sent while closing end their connection, so shutdown is prompt.
  let closing = false;
  app.addHook('preClose', async () => {
    closing = true;
  });
  app.addHook('onSend', async (_request, reply) => {
    if (closing) reply.header('connection', 'close');
  });

  // sendBeacon sends a string as text/plain (which needs no CORS preflight); its text is JSON.
  app.removeContentTypeParser('text/plain');
  app.addContentTypeParser('text/plain', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));

  app.setErrorHandler((error: Error & { statusCode?: number; validation?: AjvError[]; code?: string }, request, reply) => {
    if (error.validation?.[0]) {
      const { field, message } = describeValidationError(error.validation[0]);
      return problem(reply, 400, message, field);
    }
    const status = error.statusCode ?? 500;
    if (status < 500) {
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return problem(reply, 413, `body larger than ${request.routeOptions.bodyLimit} bytes`);
      return problem(reply, status, error.message);
    }
    request.log.error({ err: error }, 'request failed');
    return problem(reply, status, request.method === 'POST' ? 'internal error: nothing was stored' : 'internal error');
  });

  if (options.rateLimit > 0)
    await app.register(rateLimit, {
      max: options.rateLimit,
      timeWindow: 60_000,
      keyGenerator: (request) => clientKeys.keyOf(request.ip),
    });

  // ---- write side ----

  const allowed = new Set(origins);
  /** Refuses a post from an origin that is not allowed; answers CORS for one that is. */
  const checkOrigin = async (request: FastifyRequest, reply: FastifyReply) => {
    const origin = request.headers.origin;
    if (origin === undefined) {
      if (allowed.size && !allowNoOrigin)
        return problem(reply, 403, 'request has no Origin header; start the service with --allow-no-origin to accept such requests');
      return;
    }
    if (allowed.size && !allowed.has(origin)) return problem(reply, 403, `origin ${origin} is not allowed (see --origin)`);
    reply.header('access-control-allow-origin', origin).header('vary', 'Origin');
  };

  app.options('/records', { onRequest: checkOrigin }, async (_request, reply) => {
    reply
      .code(204)
      .header('access-control-allow-methods', 'POST')
      .header('access-control-allow-headers', 'content-type')
      .header('access-control-max-age', '86400')
      .send();
  });

  app.post<{ Body: ConsentRecord }>(
    '/records',
    { onRequest: checkOrigin, bodyLimit: RECORD_BODY_LIMIT, schema: { body: recordSchema } },
    async (request, reply) => {
      const record = request.body;
      const now = Date.now();
      const time = Date.parse(record.time);
      // Date.parse rolls 2026-02-30 over to March; a real moment prints back to the same text.
      if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 19) !== record.time.slice(0, 19))
        return problem(reply, 400, 'time is not a real moment', 'time');
      if (time > now + MAX_FUTURE_MS)
        return problem(reply, 400, `time is more than ${MAX_FUTURE_MS / 60_000} minutes ahead of the server's clock`, 'time');
      if (time < now - MAX_AGE_MS)
        return problem(reply, 400, `time is more than ${MAX_AGE_MS / 86_400_000} days in the past`, 'time');
      const stored = await store.append(record, new Date(now));
      return reply.code(stored ? 201 : 200).send({ recordId: record.recordId, duplicate: !stored });
    },
  );

  // ---- read side ----

  /** The read side answers only with the bearer token, and not at all when none is configured. */
  const requireToken = async (request: FastifyRequest, reply: FastifyReply) => {
    if (!token) return problem(reply, 503, 'the read side is off: start the service with --token <secret> or CRUMBS_LOG_TOKEN');
    const given = /^Bearer +(\S+) *$/i.exec(request.headers.authorization ?? '')?.[1];
    if (given === undefined || !sameSecret(given, token)) {
      reply.header('www-authenticate', 'Bearer realm="crumbs-consent"');
      return problem(reply, 401, given === undefined ? 'missing "Authorization: Bearer <token>" header' : 'wrong token');
    }
  };

  app.get<{ Params: { id: string } }>(
    '/consents/:id',
    {
      onRequest: requireToken,
      schema: { params: { type: 'object', properties: { id: { type: 'string', pattern: UUID_V4 } }, required: ['id'] } },
    },
    async (request, reply) => {
      const records = await store.history(request.params.id);
      if (!records.length) return problem(reply, 404, `no records for consent id ${request.params.id}`);
      return { id: request.params.id, records };
    },
  );

  app.get<{ Querystring: { from?: string; to?: string; format?: 'json' | 'csv' } }>(
    '/records/export',
    {
      onRequest: requireToken,
      schema: {
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { from: { type: 'string' }, to: { type: 'string' }, format: { type: 'string', enum: ['json', 'csv'] } },
        },
      },
    },
    async (request, reply) => {
      const { format = 'json' } = request.query;
      const bound = (name: 'from' | 'to', fallback: number) => {
        const text = request.query[name];
        return text === undefined ? fallback : Date.parse(text);
      };
      const from = bound('from', 0);
      const to = bound('to', Date.UTC(9999, 11, 31));
      if (Number.isNaN(from)) return problem(reply, 400, 'from is not an ISO 8601 date or time', 'from');
      if (Number.isNaN(to)) return problem(reply, 400, 'to is not an ISO 8601 date or time', 'to');
      // Streamed page by page (keyset paging), so an export of millions of records holds one page in memory.
      async function* pages(): AsyncGenerator<StoredRecord[]> {
        let cursor: ExportCursor | undefined;
        for (;;) {
          const page = await store.exportPage(new Date(from), new Date(to), cursor, EXPORT_PAGE);
          if (page.length) yield page;
          if (page.length < EXPORT_PAGE) return;
          cursor = cursorOf(page[page.length - 1]!);
        }
      }
      async function* body(): AsyncGenerator<string> {
        let first = true;
        yield format === 'csv' ? csvHeader() : '[';
        for await (const page of pages())
          for (const record of page) {
            yield format === 'csv' ? csvLine(record) : (first ? '\n' : ',\n') + JSON.stringify(record);
            first = false;
          }
        if (format === 'json') yield '\n]\n';
      }
      const name = `consent-records.${format}`;
      return reply
        .type(format === 'csv' ? 'text/csv; charset=utf-8' : 'application/json; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}"`)
        .send(Readable.from(body()));
    },
  );

  app.post<{ Body: { noticeHash: string; snapshot: string } }>(
    '/notices',
    { onRequest: requireToken, bodyLimit: NOTICE_BODY_LIMIT, schema: { body: noticeSchema } },
    async (request, reply) => {
      const { noticeHash, snapshot } = request.body;
      const computed = sha256Of(snapshot);
      if (computed !== noticeHash)
        return problem(reply, 400, `noticeHash does not match the SHA-256 of snapshot's UTF-8 text (${computed})`, 'noticeHash');
      const stored = await store.putNotice(noticeHash, snapshot, new Date());
      return reply.code(stored ? 201 : 200).send({ noticeHash, duplicate: !stored });
    },
  );

  app.get<{ Params: { hash: string } }>(
    '/notices/:hash',
    {
      onRequest: requireToken,
      schema: { params: { type: 'object', properties: { hash: { type: 'string', pattern: NOTICE_HASH_PATTERN } }, required: ['hash'] } },
    },
    async (request, reply) => {
      const notice = await store.getNotice(request.params.hash);
      return notice ?? problem(reply, 404, `no notice snapshot with hash ${request.params.hash}`);
    },
  );

  // ---- operations ----

  app.get('/health', { config: { rateLimit: false } }, async (request, reply) => {
    try {
      await store.ping();
      return { ok: true, db: store.kind };
    } catch (error) {
      request.log.error({ err: error }, 'health: database unreachable');
      return reply.code(503).send({ ok: false, db: store.kind, message: 'database unreachable' });
    }
  });

  return app;
}
