/** The expanded view of one delivery: Request Payload, and per attempt its Response Headers and Body. */
import type { Attempt, DeliveryWithAttempts } from '@hookline/core';
import { h } from '../dom.js';
import { codeBlock } from './code-block.js';
import { formatDuration, formatTime } from './format.js';
import { prettyHeaders, prettyJson } from './json-pretty.js';
import { verdictNote } from './verdict-note.js';

export interface DetailActions {
  onRedeliver(): void;
}

function attemptOutcome(attempt: Attempt): string {
  if (attempt.completedAt === null) return 'in flight';
  if (attempt.responseStatus !== null) return `HTTP ${attempt.responseStatus}`;
  return attempt.errorCode ? `${attempt.errorCode}${attempt.errorMessage ? `: ${attempt.errorMessage}` : ''}` : 'no response';
}

function attemptView(attempt: Attempt, open: boolean): HTMLElement {
  const details = h('details', { class: 'hl-attempt' });
  details.open = open;
  const body = attempt.responseBody === null ? null : prettyJson(attempt.responseBody);
  details.append(
    h('summary', { class: 'hl-attempt__summary' },
      `Attempt ${attempt.number} (${attempt.trigger}) · ${attemptOutcome(attempt)} · ${formatDuration(attempt.durationMs)} · ${formatTime(attempt.startedAt)}`,
    ),
    ...[verdictNote(attempt)].filter((note) => note !== null),
    codeBlock('Response Headers', prettyHeaders(attempt.responseHeaders)),
    body === null
      ? h('p', { class: 'hl-note' }, 'Response Body: none received.')
      : codeBlock('Response Body', body.text || '(empty)', attempt.responseBodyTruncated ? 'truncated: only the first 64 KiB was kept' : undefined),
    codeBlock('Request Headers', prettyHeaders(attempt.requestHeaders)),
  );
  return details;
}

export function renderDeliveryDetail(delivery: DeliveryWithAttempts, actions: DetailActions): HTMLElement {
  const redeliver = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-button--small' }, 'Redeliver now');
  redeliver.addEventListener('click', () => actions.onRedeliver());
  const attempts = [...delivery.attempts].sort((a, b) => b.number - a.number);
  const next = delivery.nextAttemptAt ? h('p', { class: 'hl-note' }, `Next attempt: ${formatTime(delivery.nextAttemptAt)}`) : null;
  return h(
    'div',
    { class: 'hl-delivery__detail-body' },
    h('p', { class: 'hl-delivery__meta' },
      `Event ${delivery.eventUlid} (id ${delivery.eventId}) · resource id ${delivery.resourceId} · payload ${delivery.payloadVersion} · hook #${delivery.hookId} `,
      redeliver,
    ),
    codeBlock('Request Payload', prettyJson(delivery.payload).text),
    next,
    h('h4', { class: 'hl-subheading' }, `Attempts (${attempts.length})`),
    attempts.length === 0 ? h('p', { class: 'hl-note' }, 'No attempt yet.') : null,
    ...attempts.map((attempt, index) => attemptView(attempt, index === 0)),
  );
}
