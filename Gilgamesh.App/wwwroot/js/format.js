// Formatting helpers. All take raw API values (ISO strings, seconds, percent)
// and tolerate null, because most job fields are optional until a job runs.

const rtf = new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const clock = new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false });

const UNITS = [
  ['year', 365 * 24 * 3600], ['month', 30 * 24 * 3600], ['week', 7 * 24 * 3600],
  ['day', 24 * 3600], ['hour', 3600], ['minute', 60], ['second', 1],
];

export function parseTime(iso) {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? null : ms;
}

/** "5 minutes ago"; sub-10-second ages read "just now" so fresh jobs don't flicker through numbers. */
export function relativeTime(iso, now = Date.now()) {
  const ms = parseTime(iso);
  if (ms === null) return '—';
  const seconds = Math.round((ms - now) / 1000);
  if (Math.abs(seconds) < 10) return 'just now';
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size || unit === 'second') return rtf.format(Math.round(seconds / size), unit);
  }
  return '—';
}

export function absoluteTime(iso) {
  const ms = parseTime(iso);
  return ms === null ? '—' : dateTime.format(ms);
}

/** Wall-clock time with milliseconds, for log lines where ordering within a second matters. */
export function clockTime(iso) {
  const ms = parseTime(iso);
  if (ms === null) return '--:--:--';
  return `${clock.format(ms)}.${String(new Date(ms).getMilliseconds()).padStart(3, '0')}`;
}

/** 12 → "12s", 65 → "1m 05s", 7384 → "2h 03m". */
export function duration(totalSeconds) {
  if (totalSeconds === null || totalSeconds === undefined || !Number.isFinite(Number(totalSeconds))) return '—';
  const s = Math.max(0, Math.round(Number(totalSeconds)));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m ${String(s % 60).padStart(2, '0')}s`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h ${String(m % 60).padStart(2, '0')}m`;
  return `${Math.floor(h / 24)}d ${String(h % 24).padStart(2, '0')}h`;
}

/** Seconds between two ISO times; a missing end means "still going", measured to now. */
export function elapsedSeconds(startIso, endIso, now = Date.now()) {
  const start = parseTime(startIso);
  if (start === null) return null;
  const end = parseTime(endIso) ?? now;
  return (end - start) / 1000;
}

/** Percent clamped to 0..100 with at most one decimal, as a number. */
export function clampPercent(value) {
  const n = Number(value);
  if (value === null || value === undefined || !Number.isFinite(n)) return 0;
  return Math.round(Math.min(100, Math.max(0, n)) * 10) / 10;
}

export function percentText(value) {
  const p = clampPercent(value);
  return `${Number.isInteger(p) ? p : p.toFixed(1)}%`;
}

export function capitalize(text) {
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : '';
}
