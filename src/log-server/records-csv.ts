import type { StoredRecord } from './consent-store.js';

/** The export's CSV columns, in order: every record field, then what the server adds. */
export const CSV_COLUMNS = [
  'recordId', 'id', 'time', 'receivedAt', 'action', 'layer', 'revision', 'categories', 'services',
  'exceptions', 'shown', 'lang', 'gpc', 'inventoryHash', 'noticeHash', 'noticeKnown', 'version',
] as const;

/**
 * One CSV field (RFC 4180): quoted when it holds a quote, comma or line break, quotes doubled. A
 * field starting with = + - @ (a list of ids may start with "-") gets a leading apostrophe, the usual
 * guard against a spreadsheet reading it as a formula.
 */
export function csvField(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** A CSV cell's text: lists of ids joined by spaces, exceptions as `id:true id:false`. */
function cell(record: StoredRecord, column: (typeof CSV_COLUMNS)[number]): string {
  const value = record[column];
  if (Array.isArray(value)) return value.join(' ');
  if (column === 'exceptions') return Object.entries(record.exceptions).map(([id, on]) => `${id}:${on}`).join(' ');
  return String(value);
}

export const csvHeader = (): string => CSV_COLUMNS.join(',') + '\r\n';

/** One record as a CSV line, CRLF-terminated as RFC 4180 asks. */
export const csvLine = (record: StoredRecord): string => CSV_COLUMNS.map((c) => csvField(cell(record, c))).join(',') + '\r\n';
