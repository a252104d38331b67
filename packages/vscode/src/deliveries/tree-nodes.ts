/**
 * The Deliveries tree as plain data (mapped to TreeItems in `tree-items.ts`): deliveries, their parts and
 * attempts, the "More Deliveries" sentinel and messages. Building children is pure and tested.
 */
import type { Attempt, DeliverySummary, DeliveryWithAttempts } from '@hookline/core';
import type { DeliveryLog } from '@hookline/webui/client';

export type DeliveryPart = 'requestPayload' | 'responseHeaders' | 'responseBody';

export type DeliveryNode =
  | { kind: 'delivery'; delivery: DeliverySummary }
  | { kind: 'part'; deliveryId: number; part: DeliveryPart; attemptNumber: number | null; bodyIsJson: boolean }
  | { kind: 'attempt'; deliveryId: number; attempt: Omit<Attempt, 'requestBody' | 'responseBody' | 'requestHeaders' | 'responseHeaders'> }
  | { kind: 'loadMore' }
  | { kind: 'message'; text: string; detail?: string; icon: 'info' | 'error' | 'loading'; deliveryId?: number };

export const PART_LABELS: Record<DeliveryPart, string> = {
  requestPayload: 'Request Payload',
  responseHeaders: 'Response Headers',
  responseBody: 'Response Body',
};

/** The root, from the shared log's state: the visible deliveries, then "More Deliveries" when there are more, or a message. */
export function rootNodes(log: Pick<DeliveryLog, 'visible' | 'hasMore' | 'status'>): DeliveryNode[] {
  const nodes: DeliveryNode[] = log.visible().map((delivery) => ({ kind: 'delivery', delivery }));
  const status = log.status;
  if (status.kind === 'error') {
    nodes.push({ kind: 'message', text: 'Could not load deliveries', detail: status.message, icon: 'error' });
  } else if (nodes.length === 0 && status.kind === 'loading') {
    nodes.push({ kind: 'message', text: 'Loading deliveries…', icon: 'loading' });
  }
  if (log.hasMore()) nodes.push({ kind: 'loadMore' });
  return nodes;
}

export function isJsonText(text: string | null): boolean {
  if (text === null) return false;
  const trimmed = text.trim();
  if (!(trimmed.startsWith('{') || trimmed.startsWith('['))) return false;
  try {
    JSON.parse(trimmed);
    return true;
  } catch {
    return false;
  }
}

/** A delivery's children: Request Payload, the latest response's headers and body, then every attempt. */
export function deliveryChildren(delivery: DeliveryWithAttempts): DeliveryNode[] {
  const nodes: DeliveryNode[] = [{ kind: 'part', deliveryId: delivery.id, part: 'requestPayload', attemptNumber: null, bodyIsJson: true }];
  const latest = delivery.attempts.reduce<Attempt | null>((best, a) => (best === null || a.number > best.number ? a : best), null);
  if (latest === null) {
    nodes.push({ kind: 'message', text: 'No attempts yet', detail: 'The delivery is waiting in its hook queue.', icon: 'info', deliveryId: delivery.id });
    return nodes;
  }
  nodes.push({ kind: 'part', deliveryId: delivery.id, part: 'responseHeaders', attemptNumber: latest.number, bodyIsJson: true });
  nodes.push({ kind: 'part', deliveryId: delivery.id, part: 'responseBody', attemptNumber: latest.number, bodyIsJson: isJsonText(latest.responseBody) });
  const newestFirst = [...delivery.attempts].sort((a, b) => b.number - a.number);
  for (const attempt of newestFirst) {
    const { requestBody: _rb, responseBody: _sb, requestHeaders: _rh, responseHeaders: _sh, ...summary } = attempt;
    nodes.push({ kind: 'attempt', deliveryId: delivery.id, attempt: summary });
  }
  return nodes;
}

/** Stable ids keep expansion and selection across refreshes (no flicker, no collapse). */
export function nodeId(node: DeliveryNode): string {
  switch (node.kind) {
    case 'delivery':
      return `delivery:${node.delivery.id}`;
    case 'part':
      return `delivery:${node.deliveryId}:${node.part}`;
    case 'attempt':
      return `delivery:${node.deliveryId}:attempt:${node.attempt.number}`;
    case 'loadMore':
      return 'loadMore';
    case 'message':
      return `message:${node.deliveryId ?? 'root'}:${node.text}`;
  }
}
