/**
 * Durations and instants as people type them: `--retention 7d`, `--since 1h`, `--until 2024-05-01`,
 * `?since=2024-05-01T12:00:00Z`. A duration is a whole number and one unit; an instant is an ISO 8601 date or
 * date-time. The grammar is small on purpose, so the help text can say exactly what is accepted.
 */
const UNIT_MS = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

export const DURATION_FORMAT = 'a whole number and a unit (s, m, h, d or w), e.g. 90s, 15m, 2h, 7d';
export const INSTANT_FORMAT = 'an ISO 8601 date or date-time, e.g. 2024-05-01 or 2024-05-01T12:00:00Z';
export const TIME_BOUND_FORMAT = `${INSTANT_FORMAT}, or a duration back from now (${DURATION_FORMAT})`;

const DURATION = /^(\d{1,9})\s*([smhdw])$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}(?:[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/i;

/** Milliseconds, or null when the text is not a duration. `0` alone is accepted and means zero. */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (trimmed === '0') return 0;
  const match = DURATION.exec(trimmed);
  if (!match) return null;
  const ms = Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS];
  return Number.isSafeInteger(ms) ? ms : null;
}

/** Epoch milliseconds, or null when the text is not an ISO 8601 date or date-time (a date alone is UTC midnight). */
export function parseInstant(text: string): number | null {
  const trimmed = text.trim();
  if (!INSTANT.test(trimmed)) return null;
  const ms = Date.parse(trimmed.replace(' ', 'T'));
  return Number.isFinite(ms) ? ms : null;
}

/** An instant, or a duration counted back from `nowMs`; null when it is neither. */
export function parseTimeBound(text: string, nowMs: number): number | null {
  const instant = parseInstant(text);
  if (instant !== null) return instant;
  const duration = parseDuration(text);
  return duration === null ? null : nowMs - duration;
}

/** "7d", "90m", "45s" (as an option takes it): the largest unit that divides the duration exactly. */
export function formatDurationOption(ms: number): string {
  if (ms === 0) return '0';
  for (const unit of ['d', 'h', 'm', 's'] as const) {
    if (ms % UNIT_MS[unit] === 0) return `${ms / UNIT_MS[unit]}${unit}`;
  }
  return `${ms}ms`;
}
