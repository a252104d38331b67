/** How a delivery's facts read in the log. */
import type { DeliveryStatus, DeliverySummary } from '@hookline/core';

export const STATUS_LABELS: Record<DeliveryStatus, string> = {
  enqueued: 'Enqueued',
  retrying: 'Retrying',
  delivered: 'Delivered',
  failed: 'Failed',
  discarded: 'Discarded',
};

/** A glyph beside the word, so status never depends on colour alone. */
export const STATUS_ICONS: Record<DeliveryStatus, string> = {
  enqueued: '…',
  retrying: '↻',
  delivered: '✓',
  failed: '✕',
  discarded: '⊘',
};

export function formatDuration(ms: number | null): string {
  if (ms === null) return '–';
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

export function formatHttpStatus(delivery: Pick<DeliverySummary, 'lastResponseStatus' | 'lastErrorCode'>): string {
  if (delivery.lastResponseStatus !== null) return String(delivery.lastResponseStatus);
  return delivery.lastErrorCode ?? '–';
}

const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

export function formatTime(iso: string | null): string {
  if (!iso) return '–';
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : timeFormat.format(date);
}

export function describeDelivery(d: DeliverySummary): string {
  return `Delivery ${d.id}: ${STATUS_LABELS[d.status]}, ${d.resourceName} ${d.eventType}, HTTP ${formatHttpStatus(d)}, ${formatDuration(d.lastDurationMs)}, ${formatTime(d.createdAt)}`;
}
