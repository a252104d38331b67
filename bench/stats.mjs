/** Percentiles and number formatting for the report. */

/** Nearest-rank percentile of a list of numbers (p in 0..100); NaN entries are ignored. */
export function percentile(values, p) {
  const sorted = Float64Array.from(values).filter((v) => !Number.isNaN(v)).sort();
  if (sorted.length === 0) return NaN;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank];
}

export function summary(values) {
  const list = Array.from(values).filter((v) => !Number.isNaN(v));
  let min = Infinity;
  let max = -Infinity;
  for (const v of list) {
    if (v < min) min = v;
    if (v > max) max = v;
  }
  return { n: list.length, min: round(min, 3), p50: round(percentile(list, 50), 3), p99: round(percentile(list, 99), 3), max: round(max, 3) };
}

export function round(value, digits = 0) {
  if (!Number.isFinite(value)) return null;
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

export function perSecond(count, ms) {
  return ms > 0 ? round((count * 1000) / ms) : null;
}

export function fmtInt(value) {
  return value === null || value === undefined ? 'n/a' : Math.round(value).toLocaleString('en-US');
}

export function fmtMs(value) {
  if (value === null || value === undefined) return 'n/a';
  return value < 1 ? value.toFixed(3) : value < 10 ? value.toFixed(2) : value.toFixed(1);
}

export function fmtMb(bytes) {
  return bytes === null || bytes === undefined ? 'n/a' : `${Math.round(bytes / (1024 * 1024))} MB`;
}
