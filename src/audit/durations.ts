/**
 * Cookie lifetimes: written the way cookie tables write them ("session", "30 minutes", "2 years"),
 * and read back from an inventory's text to compare.
 */

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;
const MONTH = 30.44 * DAY;
const YEAR = 365.25 * DAY;

const unit = (n: number, word: string) => `${n} ${word}${n == 1 ? '' : 's'}`;

/**
 * A lifetime in words, rounded as a policy would say it: minutes up to 90, hours up to 48, days up to
 * 60, then whole years when within a tenth of one (`2 years`), else months (`13 months`).
 * @param seconds - seconds left, or `null` for a session cookie
 */
export function formatDuration(seconds: number | null): string {
  if (seconds === null) return 'session';
  if (seconds < 90) return unit(Math.max(1, Math.round(seconds)), 'second');
  if (seconds <= 90 * MINUTE) return unit(Math.round(seconds / MINUTE), 'minute');
  if (seconds <= 48 * HOUR) return unit(Math.round(seconds / HOUR), 'hour');
  if (seconds <= 60 * DAY) return unit(Math.round(seconds / DAY), 'day');
  const years = seconds / YEAR;
  if (years >= 0.95 && Math.abs(years - Math.round(years)) <= 0.1) return unit(Math.round(years), 'year');
  return unit(Math.round(seconds / MONTH), 'month');
}

const UNITS: Record<string, number> = { second: 1, minute: MINUTE, hour: HOUR, day: DAY, week: 7 * DAY, month: MONTH, year: YEAR };

/**
 * Reads an English lifetime back: `session` (also "session (request, not stored)") → null, `2 years`,
 * `30 minutes`, `1 day` → seconds; anything else (other languages, "under 100 ms") → undefined.
 */
export function parseDuration(text: unknown): number | null | undefined {
  const t = typeof text == 'string' ? text : text && typeof text == 'object' ? (text as Record<string, string>).en : undefined;
  if (typeof t != 'string') return undefined;
  if (/^\s*session\b/i.test(t)) return null;
  const m = /^\s*(\d+(?:\.\d+)?)\s*(second|minute|hour|day|week|month|year)s?\s*$/i.exec(t);
  return m ? Number(m[1]) * UNITS[m[2]!.toLowerCase()]! : undefined;
}

/** Whether two lifetimes differ enough to mention: session vs persistent, or more than 10 %. */
export function durationsDiffer(a: number | null, b: number | null): boolean {
  if (a === null || b === null) return a !== b;
  return Math.abs(a - b) > 0.1 * Math.max(a, b);
}
