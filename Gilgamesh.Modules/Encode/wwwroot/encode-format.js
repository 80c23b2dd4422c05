// Formatting for the encode pages: sizes, bit rates, speeds. Null-tolerant like the shell's format.js.
const number = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });

/** 1536 → "1.5 KiB"; null → "—". */
export function bytes(value) {
  if (value === null || value === undefined || !Number.isFinite(Number(value))) return '—';
  let n = Number(value);
  for (const unit of ['B', 'KiB', 'MiB', 'GiB']) {
    if (Math.abs(n) < 1024 || unit === 'GiB') return `${number.format(n)} ${unit}`;
    n /= 1024;
  }
  return '—';
}

export function fps(value) {
  return value === null || value === undefined ? '—' : `${number.format(value)} fps`;
}

/** Relative change of b against a, e.g. forecast against actual: "−12%". */
export function change(a, b) {
  if (!a || b === null || b === undefined) return '';
  const percent = Math.round(((b - a) / a) * 100);
  return `${percent > 0 ? '+' : percent < 0 ? '−' : ''}${Math.abs(percent)}%`;
}

/** The file's name and the folder it is in, for long library paths. */
export function fileName(path) {
  const parts = String(path ?? '').split('/');
  return parts[parts.length - 1] || path;
}
