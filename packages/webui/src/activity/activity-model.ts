/**
 * The activity chart as numbers, DOM-free: bars per minute (delivered below, failed stacked on top) on a count
 * scale, a p95 line on a millisecond scale, axis ticks, time labels, and the summary people and screen readers
 * read ("last hour: 20 delivered, 4 failed, p95 75 ms"). `activity-chart.ts` draws it as SVG.
 */
import { MAX_ACTIVITY_MINUTES, type HookActivity } from '@hookline/core';

export const CHART_HEIGHT = 178;
/** The width when the element has none yet (not laid out, or a DOM without layout). */
export const DEFAULT_CHART_WIDTH = 640;
export const CHART_MARGIN = { left: 34, right: 50, top: 22, bottom: 22 } as const;

export interface BarModel {
  x: number;
  width: number;
  /** Heights are 0 for none; y is the top of each rectangle. */
  delivered: { y: number; height: number; count: number };
  failed: { y: number; height: number; count: number };
  /** The minute in words, for its tooltip. */
  title: string;
}

export interface Tick {
  y: number;
  label: string;
}

export interface TimeLabel {
  x: number;
  label: string;
}

export interface P95Point {
  x: number;
  y: number;
  ms: number;
}

export interface ChartModel {
  width: number;
  height: number;
  plot: { left: number; right: number; top: number; bottom: number };
  summary: string;
  bars: BarModel[];
  /** The p95 line, broken where a minute has no attempt (each run of minutes its own polyline). */
  p95Lines: P95Point[][];
  countTicks: Tick[];
  msTicks: Tick[];
  timeLabels: TimeLabel[];
}

/** The smallest 1, 2 or 5 × 10^k at or above `value` (at least 1): the top of an axis. */
export function niceCeiling(value: number): number {
  if (!(value > 1)) return 1;
  const power = 10 ** Math.floor(Math.log10(value));
  for (const step of [1, 2, 5, 10]) if (step * power >= value) return step * power;
  return 10 * power;
}

/** "last hour", "last 15 minutes", "last minute". */
export function windowName(minutes: number): string {
  if (minutes === MAX_ACTIVITY_MINUTES) return 'last hour';
  return minutes === 1 ? 'last minute' : `last ${minutes} minutes`;
}

function p95Words(ms: number | null): string {
  return ms === null ? 'no p95 (no attempts)' : `p95 ${ms} ms`;
}

/** "last hour: 20 delivered, 4 failed, p95 75 ms". */
export function describeActivity(activity: HookActivity): string {
  const { delivered, failed, p95Ms } = activity.totals;
  return `${windowName(activity.buckets.length)}: ${delivered} delivered, ${failed} failed, ${p95Words(p95Ms)}`;
}

/** HH:MM in the viewer's time zone. */
export function clockTime(iso: string): string {
  const date = new Date(iso);
  return `${String(date.getHours()).padStart(2, '0')}:${String(date.getMinutes()).padStart(2, '0')}`;
}

export function chartModel(activity: HookActivity, width = DEFAULT_CHART_WIDTH, formatTime: (iso: string) => string = clockTime): ChartModel {
  const plot = {
    left: CHART_MARGIN.left,
    right: Math.max(CHART_MARGIN.left + activity.buckets.length, width - CHART_MARGIN.right),
    top: CHART_MARGIN.top,
    bottom: CHART_HEIGHT - CHART_MARGIN.bottom,
  };
  const plotHeight = plot.bottom - plot.top;
  const slot = (plot.right - plot.left) / Math.max(1, activity.buckets.length);
  const countMax = niceCeiling(Math.max(0, ...activity.buckets.map((b) => b.delivered + b.failed)));
  const msMax = niceCeiling(Math.max(0, ...activity.buckets.map((b) => b.p95Ms ?? 0)));
  const countY = (count: number): number => plot.bottom - (count / countMax) * plotHeight;
  const msY = (ms: number): number => plot.bottom - (ms / msMax) * plotHeight;
  const gap = slot >= 4 ? Math.min(2, slot * 0.2) : 0;

  const bars = activity.buckets.map((bucket, i): BarModel => {
    const deliveredTop = countY(bucket.delivered);
    const failedTop = countY(bucket.delivered + bucket.failed);
    return {
      x: plot.left + i * slot + gap / 2,
      width: slot - gap,
      delivered: { y: deliveredTop, height: plot.bottom - deliveredTop, count: bucket.delivered },
      failed: { y: failedTop, height: deliveredTop - failedTop, count: bucket.failed },
      title: `${formatTime(bucket.at)}: ${bucket.delivered} delivered, ${bucket.failed} failed, ${p95Words(bucket.p95Ms)}`,
    };
  });

  const p95Lines: P95Point[][] = [];
  let run: P95Point[] = [];
  activity.buckets.forEach((bucket, i) => {
    if (bucket.p95Ms === null) {
      if (run.length > 0) p95Lines.push(run);
      run = [];
      return;
    }
    run.push({ x: plot.left + (i + 0.5) * slot, y: msY(bucket.p95Ms), ms: bucket.p95Ms });
  });
  if (run.length > 0) p95Lines.push(run);

  const ticks = (max: number, y: (value: number) => number, unit: string): Tick[] =>
    [0, max / 2, max].map((value) => ({ y: y(value), label: `${Number.isInteger(value) ? value : value.toFixed(1)}${unit}` }));
  // A label every quarter of the window, counted back from the current minute, so the newest is always named.
  const every = Math.max(1, Math.round(activity.buckets.length / 4));
  const timeLabels = activity.buckets.flatMap((bucket, i) =>
    (activity.buckets.length - 1 - i) % every === 0 ? [{ x: plot.left + (i + 0.5) * slot, label: formatTime(bucket.at) }] : [],
  );

  return {
    width,
    height: CHART_HEIGHT,
    plot,
    summary: describeActivity(activity),
    bars,
    p95Lines,
    countTicks: ticks(countMax, countY, ''),
    msTicks: ticks(msMax, msY, ' ms'),
    timeLabels,
  };
}
