/** How a delivery reads in the tree: `RFIs · update`, `200 · 12 ms · 2 min ago`, a status icon and a tooltip. */
import { verdictForAttempt, verdictForLastAttempt, type Attempt, type AttemptErrorCode, type DeliveryStatus, type DeliverySummary, type Verdict } from '@hookline/core';
import type { DeliveryLogFilter } from '@hookline/webui/client';

export const ERROR_WORDS: Record<AttemptErrorCode, string> = {
  timeout: 'timed out',
  connection: 'connection failed',
  dns: 'DNS lookup failed',
  http: 'HTTP error',
  invalid_target: 'invalid endpoint',
};

export interface StatusLook {
  /** A codicon id. */
  icon: string;
  /** A theme color id. */
  color: string;
  word: string;
}

export const STATUS_LOOKS: Record<DeliveryStatus, StatusLook> = {
  delivered: { icon: 'pass-filled', color: 'testing.iconPassed', word: 'Delivered' },
  retrying: { icon: 'sync', color: 'editorWarning.foreground', word: 'Retrying' },
  failed: { icon: 'error', color: 'testing.iconFailed', word: 'Failed' },
  discarded: { icon: 'circle-slash', color: 'disabledForeground', word: 'Discarded' },
  enqueued: { icon: 'clock', color: 'charts.blue', word: 'Enqueued' },
};

export function deliveryLabel(delivery: Pick<DeliverySummary, 'resourceName' | 'eventType'>): string {
  return `${delivery.resourceName} · ${delivery.eventType}`;
}

export function relativeTime(iso: string, now: number): string {
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return '';
  const seconds = Math.round((now - then) / 1000);
  if (seconds < 5) return 'just now';
  if (seconds < 60) return `${seconds} s ago`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export function formatDuration(ms: number): string {
  return ms < 10_000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`;
}

function untilText(iso: string | null, now: number): string | null {
  if (!iso) return null;
  const ms = Date.parse(iso) - now;
  if (Number.isNaN(ms)) return null;
  if (ms <= 1000) return 'retry now';
  const seconds = Math.ceil(ms / 1000);
  return seconds < 120 ? `retry in ${seconds} s` : `retry in ${Math.ceil(seconds / 60)} min`;
}

/** `200 · 12 ms · 2 min ago`, or the error (`connection failed · 3 ms · just now`), or `enqueued · just now`. */
export function deliveryDescription(delivery: DeliverySummary, now: number): string {
  const parts: string[] = [];
  if (delivery.lastResponseStatus !== null) parts.push(String(delivery.lastResponseStatus));
  else if (delivery.lastErrorCode !== null) parts.push(ERROR_WORDS[delivery.lastErrorCode]);
  else if (delivery.status !== 'delivered') parts.push(delivery.status);
  if (delivery.lastDurationMs !== null) parts.push(formatDuration(delivery.lastDurationMs));
  if (delivery.status === 'retrying') {
    const until = untilText(delivery.nextAttemptAt, now);
    if (until) parts.push(until);
  }
  if (delivery.status === 'discarded' && parts[0] !== 'discarded') parts.push('discarded');
  const when = relativeTime(delivery.createdAt, now);
  if (when) parts.push(when);
  return parts.join(' · ');
}

export function deliveryTooltip(delivery: DeliverySummary, now: number): string {
  const look = STATUS_LOOKS[delivery.status];
  const lines = [
    `**${deliveryLabel(delivery)}** — ${look.word}`,
    '',
    `Delivery ${delivery.id} · hook ${delivery.hookId} · payload ${delivery.payloadVersion}`,
    `Event ${delivery.eventUlid} (id ${delivery.eventId})`,
    `Resource id ${delivery.resourceId}${delivery.projectId ? ` · project ${delivery.projectId}` : ''}`,
    `Attempts: ${delivery.attemptCount}`,
    `Created ${delivery.createdAt} (${relativeTime(delivery.createdAt, now) || 'unknown'})`,
  ];
  if (delivery.lastErrorCode) lines.push(`Last error: ${ERROR_WORDS[delivery.lastErrorCode]}`);
  if (delivery.nextAttemptAt && delivery.status === 'retrying') lines.push(`Next attempt at ${delivery.nextAttemptAt}`);
  const verdict = verdictForLastAttempt(delivery);
  if (verdict && verdict.level !== 'ok') lines.push('', ...verdictLines(verdict));
  return lines.join('  \n');
}

/** Why Procore would not take an answer as is, and what it does about it (core's verdict rules). */
function verdictLines(verdict: Verdict): string[] {
  const headline = verdict.level === 'fail' ? `**Procore would not accept this answer:** ${verdict.message}` : `**Warning:** ${verdict.message}`;
  return verdict.consequence ? [headline, verdict.consequence] : [headline];
}

/** An attempt's tooltip: the verdict on its answer when Procore would not take it, else its error or start time. */
export function attemptTooltip(
  attempt: Pick<Attempt, 'startedAt' | 'completedAt' | 'responseStatus' | 'durationMs' | 'errorCode' | 'errorMessage'> & Partial<Pick<Attempt, 'responseHeaders' | 'responseBody'>>,
): string {
  // Tree nodes keep no headers or bodies: the verdict then names no redirect target and quotes no body.
  const verdict = verdictForAttempt({ ...attempt, responseHeaders: attempt.responseHeaders ?? {}, responseBody: attempt.responseBody ?? null });
  if (verdict && verdict.level !== 'ok') return verdictLines(verdict).join('  \n').replace(/\*\*/g, '');
  return attempt.errorMessage ?? `Started ${attempt.startedAt}`;
}

/** The tree's description for its filter: "Failures only · resource 54321". */
export function describeTreeFilter(filter: DeliveryLogFilter): string | undefined {
  const parts: string[] = [];
  if (filter.failuresOnly) parts.push('Failures only');
  if (filter.resourceId !== null) parts.push(`resource ${filter.resourceId}`);
  return parts.length > 0 ? parts.join(' · ') : undefined;
}
