/**
 * The consent record the widget sends (SPEC section 8, issue 14), as the one JSON Schema that
 * fastify's ajv checks every `POST /records` body against. Everything the service knows about the
 * shape of a record is here; the time window, which depends on the clock, is checked in
 * `create-log-app.ts`.
 */

/** What happened, as the widget's `RecordAction` type names it. */
export const RECORD_ACTIONS = ['accept-all', 'reject-all', 'save', 'revoke', 'embed', 'embed-once', 'reset'] as const;

/** Where the visitor was when deciding, as the widget's `NoticeLayer` type names it. */
export const NOTICE_LAYERS = ['banner', 'dialog', 'placeholder', 'api'] as const;

export type RecordAction = (typeof RECORD_ACTIONS)[number];
export type NoticeLayer = (typeof NOTICE_LAYERS)[number];

/** A consent record as the widget sends it and the service stores it. */
export interface ConsentRecord {
  recordId: string;
  id: string;
  time: string;
  action: RecordAction;
  layer: NoticeLayer;
  revision: number;
  categories: string[];
  services: string[];
  exceptions: Record<string, boolean>;
  shown: string[];
  lang: string;
  gpc: boolean;
  inventoryHash: string;
  noticeHash: string;
  version: string;
}

/** Largest accepted `POST /records` body, in bytes (issue 14: 8 KB). */
export const RECORD_BODY_LIMIT = 8 * 1024;

/** Most ids in one of a record's lists (categories, services, shown, exceptions). */
export const MAX_IDS = 2000;

// crypto.randomUUID() and the widget's fallback both write lowercase hex.
const UUID_V4 = '^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$';
/** A category or service id, as the inventory schema allows them. */
export const ID_PATTERN = '^[a-z0-9_-]{1,64}$';
/** `sha256:` and 64 lowercase hex digits: the widget's `noticeHash`. */
export const NOTICE_HASH_PATTERN = '^sha256:[0-9a-f]{64}$';
// Date.prototype.toISOString's shape (UTC, "Z"); whether it names a real moment is checked with Date.parse.
const ISO_UTC = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d{1,9})?Z$';

const ids = { type: 'array', maxItems: MAX_IDS, items: { type: 'string', pattern: ID_PATTERN } } as const;

/** JSON Schema of a consent record: every field required, nothing else allowed. */
export const recordSchema = {
  $id: 'crumbs-consent-record',
  type: 'object',
  additionalProperties: false,
  required: [
    'recordId', 'id', 'time', 'action', 'layer', 'revision', 'categories', 'services',
    'exceptions', 'shown', 'lang', 'gpc', 'inventoryHash', 'noticeHash', 'version',
  ],
  properties: {
    recordId: { type: 'string', pattern: UUID_V4 },
    id: { type: 'string', pattern: UUID_V4 },
    time: { type: 'string', maxLength: 40, pattern: ISO_UTC },
    action: { type: 'string', enum: RECORD_ACTIONS },
    layer: { type: 'string', enum: NOTICE_LAYERS },
    revision: { type: 'integer', minimum: 0, maximum: Number.MAX_SAFE_INTEGER },
    categories: ids,
    services: ids,
    exceptions: {
      type: 'object',
      maxProperties: MAX_IDS,
      propertyNames: { pattern: ID_PATTERN },
      additionalProperties: { type: 'boolean' },
    },
    shown: ids,
    // BCP 47-ish; letters, digits and hyphens only, so that no text reaches a CSV export or a log.
    lang: { type: 'string', pattern: '^[A-Za-z0-9-]{1,35}$' },
    gpc: { type: 'boolean' },
    inventoryHash: { type: 'string', pattern: '^[A-Za-z0-9_-]{1,64}$' },
    noticeHash: { type: 'string', pattern: NOTICE_HASH_PATTERN },
    // Starts with a letter or digit: a CSV cell starting with = + - @ would be a spreadsheet formula.
    version: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$' },
  },
} as const;

/** Largest accepted `POST /notices` body: a snapshot holds every category and service text of one language. */
export const NOTICE_BODY_LIMIT = 2 * 1024 * 1024;

/** JSON Schema of a `POST /notices` body: what the widget's `Crumbs.noticeSnapshot()` returns. */
export const noticeSchema = {
  $id: 'crumbs-notice-snapshot',
  type: 'object',
  additionalProperties: false,
  required: ['noticeHash', 'snapshot'],
  properties: {
    noticeHash: { type: 'string', pattern: NOTICE_HASH_PATTERN },
    snapshot: { type: 'string', minLength: 1 },
  },
} as const;
