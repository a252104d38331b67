import assert from 'node:assert/strict';
import { prettyJson, type Attempt, type DeliveryWithAttempts } from '@hookline/core';
import { curlCommand, replayUrl, shellQuote } from '../../src/deliveries/curl.js';
import { attemptTooltip, deliveryDescription, deliveryLabel, deliveryTooltip, relativeTime } from '../../src/deliveries/delivery-format.js';
import { deliveryChildren, nodeId } from '../../src/deliveries/tree-nodes.js';
import { renderDocument } from '../../src/documents/document-content.js';
import { documentPath, parseDocumentPath } from '../../src/documents/document-uris.js';
import type { DocumentRef } from '../../src/documents/document-uris.js';
import { summary } from './support/fake-relay.js';

const NOW = Date.parse('2026-01-01T12:00:00Z');
const PAYLOAD = '{"id":5982324300946918154,"ulid":"01EDPD2J6SBY1163N77H95GW09","user_id":987654321,"project_id":null,"resource_name":"RFIs","resource_id":54321}';

function attempt(number: number, status: number | null, extra: Partial<Attempt> = {}): Attempt {
  return {
    id: number, deliveryId: 7, number, trigger: 'scheduled', url: 'http://127.0.0.1:3000/hooks', ok: status === 200, startedAt: '2026-01-01T11:59:00Z', completedAt: '2026-01-01T11:59:00.012Z',
    durationMs: 12, requestHeaders: { 'content-type': 'application/json', 'user-agent': 'Hookline/0.1.0', authorization: '••••••a1b2c', 'content-length': '140' },
    requestBody: PAYLOAD, responseStatus: status, responseHeaders: { 'content-type': 'application/json' }, responseBody: '{"ok":true,"n":12345678901234567890}',
    responseBodyTruncated: false, errorCode: null, errorMessage: null, ...extra,
  };
}

function delivery(attempts: Attempt[]): DeliveryWithAttempts {
  return { ...summary(7, 9), createdAt: '2026-01-01T11:58:00Z', payload: PAYLOAD, attempts };
}

describe('presentation', () => {
  it('labels and describes deliveries as the tree shows them', () => {
    const ok = { ...summary(1, 1), createdAt: '2026-01-01T11:58:00Z' };
    assert.equal(deliveryLabel(ok), 'RFIs · update');
    assert.equal(deliveryDescription(ok, NOW), '200 · 12 ms · 2 min ago');
    const refused = { ...ok, status: 'retrying' as const, lastResponseStatus: null, lastErrorCode: 'connection' as const, lastDurationMs: 3, nextAttemptAt: '2026-01-01T12:00:04Z' };
    assert.equal(deliveryDescription(refused, NOW), 'connection failed · 3 ms · retry in 4 s · 2 min ago');
    const waiting = { ...ok, status: 'enqueued' as const, lastResponseStatus: null, lastDurationMs: null, createdAt: '2026-01-01T11:59:58Z' };
    assert.equal(deliveryDescription(waiting, NOW), 'enqueued · just now');
    assert.equal(relativeTime('2026-01-01T09:00:00Z', NOW), '3 h ago');
  });

  it('says in tooltips and the attempt document what Procore would do about a failed answer', () => {
    const failing = { ...summary(1, 1), status: 'retrying' as const, lastResponseStatus: 400, lastErrorCode: 'http' as const, createdAt: '2026-01-01T11:58:00Z' };
    const tooltip = deliveryTooltip(failing, NOW);
    assert.match(tooltip, /\*\*Procore would not accept this answer:\*\* Answered 400; only a 2xx counts as delivered\./);
    assert.match(tooltip, /Procore pauses every delivery to this endpoint and retries this one for up to 12 hours; then it discards the queue\./);
    assert.doesNotMatch(deliveryTooltip({ ...summary(2, 1), createdAt: '2026-01-01T11:58:00Z' }, NOW), /Procore would not/);
    assert.match(attemptTooltip(attempt(1, 302, { responseHeaders: { location: '/next' } })), /^Procore would not accept this answer: Answered 302, a redirect to \/next; Procore does not follow redirects\.  \nProcore pauses/);
    assert.match(attemptTooltip(attempt(1, null, { errorCode: 'timeout', errorMessage: 'No complete response within 5000 ms.' })), /No answer within 5000 ms/);
    assert.equal(attemptTooltip(attempt(2, 200)), 'Started 2026-01-01T11:59:00Z');
    const doc = JSON.parse(renderDocument({ kind: 'attempt', deliveryId: 7, attemptNumber: 1 }, delivery([attempt(1, 500)]))) as { procore_verdict: { level: string; consequence: string } };
    assert.equal(doc.procore_verdict.level, 'fail');
    assert.match(doc.procore_verdict.consequence, /^Procore pauses every delivery/);
  });

  it('pretty-prints payloads without rounding 64-bit ids', () => {
    const pretty = prettyJson(PAYLOAD);
    assert.ok(pretty?.includes('"id": 5982324300946918154'), pretty ?? 'null');
    assert.ok(!pretty?.includes('5982324300946918000'));
    assert.equal(prettyJson('not json'), null);
  });

  it('renders every document kind from a delivery, exact numbers included', () => {
    const d = delivery([attempt(1, 500), attempt(2, 200)]);
    assert.match(renderDocument({ kind: 'requestPayload', deliveryId: 7 }, d), /"id": 5982324300946918154/);
    assert.equal(JSON.parse(renderDocument({ kind: 'responseHeaders', deliveryId: 7 }, d))['content-type'], 'application/json');
    assert.match(renderDocument({ kind: 'responseBody', deliveryId: 7, json: true }, d), /"n": 12345678901234567890/);
    const first = renderDocument({ kind: 'attempt', deliveryId: 7, attemptNumber: 1 }, d);
    assert.match(first, /"status": 500/);
    assert.match(first, /"id": 5982324300946918154/);
    const whole = renderDocument({ kind: 'delivery', deliveryId: 7 }, d);
    assert.match(whole, /"attempts": \[/);
    assert.match(whole, /"id": 5982324300946918154/);
    assert.throws(() => renderDocument({ kind: 'attempt', deliveryId: 7, attemptNumber: 9 }, d), /no attempt 9/);
  });

  it('round-trips document paths and refuses others', () => {
    const refs: DocumentRef[] = [
      { kind: 'delivery', deliveryId: 12 },
      { kind: 'requestPayload', deliveryId: 12 },
      { kind: 'responseHeaders', deliveryId: 12 },
      { kind: 'responseBody', deliveryId: 12, json: false },
      { kind: 'attempt', deliveryId: 12, attemptNumber: 3 },
    ];
    for (const ref of refs) assert.deepEqual(parseDocumentPath(documentPath(ref)), ref);
    assert.equal(parseDocumentPath('/deliveries/../etc/passwd'), null);
  });

  it('builds a delivery’s children: payload, latest response, attempts newest first, with unique ids', () => {
    const children = deliveryChildren(delivery([attempt(1, 500), attempt(2, 200, { responseBody: 'plain text' })]));
    assert.deepEqual(children.map((c) => (c.kind === 'part' ? c.part : c.kind === 'attempt' ? `attempt ${c.attempt.number}` : c.kind)), [
      'requestPayload', 'responseHeaders', 'responseBody', 'attempt 2', 'attempt 1',
    ]);
    const body = children[2];
    assert.equal(body?.kind === 'part' && body.bodyIsJson, false);
    const waiting = deliveryChildren(delivery([]));
    assert.equal(waiting[1]?.kind, 'message');
    const ids = [...children, ...waiting].map(nodeId);
    assert.equal(new Set(ids).size, ids.length - 1, 'only the shared payload node repeats across the two renders');
  });

  it('copies as cURL with the exact body, without the masked secret', () => {
    const command = curlCommand({ delivery: delivery([attempt(1, 200)]), url: "http://127.0.0.1:3000/it's", hasAuthorization: true });
    assert.ok(command.startsWith(`curl -X POST 'http://127.0.0.1:3000/it'\\''s'`), command);
    assert.match(command, /-H 'user-agent: Hookline\/0\.1\.0'/);
    assert.match(command, /-H "Authorization: \$HOOKLINE_AUTHORIZATION"/);
    assert.ok(!command.includes('a1b2c'));
    assert.ok(!command.includes('content-length'));
    assert.ok(command.endsWith(`--data-raw ${shellQuote(PAYLOAD)}`));
  });

  it('replays to where the latest attempt went, and to the hook’s endpoint only before any attempt was logged with one', () => {
    const moved = 'http://127.0.0.1:4000/moved';
    const tried = delivery([attempt(1, 500, { url: 'http://127.0.0.1:3000/first' }), attempt(2, 200, { url: 'http://127.0.0.1:3000/second' })]);
    assert.equal(replayUrl(tried, moved), 'http://127.0.0.1:3000/second');
    assert.equal(replayUrl(tried, null), 'http://127.0.0.1:3000/second', 'a hook without an endpoint now still has where it went');
    assert.equal(replayUrl(delivery([]), moved), moved);
    assert.equal(replayUrl(delivery([attempt(1, 200, { url: null })]), moved), moved, 'an attempt logged before the relay kept URLs');
    assert.equal(replayUrl(delivery([]), null), null);
  });
});
