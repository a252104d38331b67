import assert from 'node:assert/strict';
import type { Attempt, DeliveryWithAttempts } from '@hookline/core';
import { renderDeliveryDetail } from '../src/deliveries/delivery-detail.js';
import { installDom } from './support/dom.js';

function attempt(number: number, fields: Partial<Attempt>): Attempt {
  return {
    id: number, deliveryId: 7, number, trigger: 'scheduled', url: 'http://127.0.0.1:3000/hooks', ok: false, startedAt: '2026-01-01T00:00:00Z', completedAt: '2026-01-01T00:00:01Z',
    durationMs: 9, requestHeaders: {}, requestBody: '{}', responseStatus: 400, responseHeaders: {}, responseBody: 'Missing project_id', responseBodyTruncated: false,
    errorCode: 'http', errorMessage: 'The endpoint answered 400.', ...fields,
  };
}

function delivery(attempts: Attempt[]): DeliveryWithAttempts {
  return {
    id: 7, hookId: 1, eventId: '5982324300946918154', eventUlid: '01JF3Q4XG7M2N8P5R6S9T0V1W2', resourceName: 'Projects', eventType: 'update', resourceId: '1', projectId: null,
    status: 'retrying', payload: '{}', payloadVersion: 'v2.0', attemptCount: attempts.length, firstFailureAt: null, nextAttemptAt: null, lastResponseStatus: 400, lastDurationMs: 9,
    lastErrorCode: 'http', changeSeq: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', replayOf: null, attempts,
  };
}

describe('delivery detail: what Procore would do about an answer', () => {
  let dom: ReturnType<typeof installDom>;
  beforeEach(() => (dom = installDom()));
  afterEach(() => dom.uninstall());

  it('shows the verdict and the consequence under a failed attempt, a warning under a slow one, nothing under a good one', () => {
    const view = renderDeliveryDetail(
      delivery([
        attempt(1, {}),
        attempt(2, { responseStatus: 302, responseHeaders: { location: 'https://example.com/' }, responseBody: '' }),
        attempt(3, { ok: true, responseStatus: 200, errorCode: null, errorMessage: null, durationMs: 3000 }),
        attempt(4, { ok: true, responseStatus: 204, errorCode: null, errorMessage: null }),
        attempt(5, { completedAt: null, responseStatus: null, errorCode: null }),
      ]),
      { onRedeliver: () => {} },
    );
    const notes = [...view.querySelectorAll('.hl-attempt')].map((a) => a.querySelector('.hl-verdict')?.textContent ?? null);
    // Newest attempt first.
    assert.deepEqual(notes.map((n) => (n === null ? null : n.slice(0, 40))), [null, null, 'Warning: Answered 200 in 3000 ms, more t', 'Procore would not accept this answer: An', 'Procore would not accept this answer: An']);
    assert.match(notes[3] ?? '', /Answered 302, a redirect to https:\/\/example\.com\/; Procore does not follow redirects\.Procore pauses every delivery/);
    assert.match(notes[4] ?? '', /Answered 400: Missing project_id; only a 2xx counts as delivered\.Procore pauses every delivery to this endpoint and retries this one for up to 12 hours/);
    assert.equal(view.querySelector('.hl-verdict--fail')?.getAttribute('role'), 'note');
  });
});
