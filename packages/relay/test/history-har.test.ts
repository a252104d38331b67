/**
 * The export's pure parts: HAR entries (checked against the HAR 1.2 JSON Schema of har-schema, and typed as
 * @types/har-format's Har), NDJSON lines, the stream writer's backpressure, and the CLI's counter.
 */
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import type { Har } from 'har-format';
import type { Attempt, Delivery } from '@hookline/core';
import { harClosing, harEntries, harOpening, UNKNOWN_URL, type HarEntry } from '../src/history/har.js';
import { ndjsonLine } from '../src/history/ndjson.js';
import { ExportAbortedError, writeExport } from '../src/history/export-stream.js';
import { ExportCounter } from '../src/history/export-counter.js';
import type { ExportedAttempt, ExportedDelivery } from '../src/history/export-record.js';
import { deliveryDetailJson } from '../src/http/serialize.js';
import { harSchemaErrors } from './support/har-validator.js';

const PAYLOAD = '{"id":5982324300946918154,"resource_name":"RFIs","note":"Grüße — 東京 🚧","resource_id":9007199254740993}';
const SECRET = 'Bearer very-secret-token-98765';

function delivery(id: number, payload = PAYLOAD): Delivery {
  return {
    id, hookId: 1, eventId: '5982324300946918154', eventUlid: '01JF3Q4XG7M2N8P5R6S9T0V1W2', resourceName: 'RFIs', eventType: 'update',
    resourceId: '9007199254740993', projectId: '2', status: 'delivered', payload, payloadVersion: 'v2.0', attemptCount: 2, firstFailureAt: null,
    nextAttemptAt: null, lastResponseStatus: 200, lastDurationMs: 12, lastErrorCode: null, changeSeq: id, createdAt: '2026-01-02T03:04:05.000Z',
    updatedAt: '2026-01-02T03:04:06.000Z', replayOf: null,
  };
}

function attempt(number: number, fields: Partial<Attempt> = {}, responseBytes: Buffer | null = Buffer.from('{"ok":true}')): ExportedAttempt {
  return {
    attempt: {
      id: number, deliveryId: 1, number, trigger: 'scheduled', url: 'http://127.0.0.1:3000/hooks?tenant=a%20b&x=1', ok: true,
      startedAt: `2026-01-02T03:04:0${number}.123Z`, completedAt: `2026-01-02T03:04:0${number}.135Z`, durationMs: 12,
      requestHeaders: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(PAYLOAD)), 'User-Agent': 'Hookline/0', Authorization: '••••••••98765' },
      requestBody: PAYLOAD, responseStatus: 200, responseHeaders: { 'content-type': 'application/json' }, responseBody: responseBytes?.toString('utf8') ?? null,
      responseBodyTruncated: false, errorCode: null, errorMessage: null, ...fields,
    },
    responseBytes,
  };
}

function document(records: ExportedDelivery[]): unknown {
  const entries = records.flatMap(harEntries).map((e) => JSON.stringify(e)).join(',');
  const counts = { deliveries: records.length, attempts: records.reduce((n, r) => n + r.attempts.length, 0), withoutAttempts: records.filter((r) => r.attempts.length === 0).length };
  return JSON.parse(harOpening({ name: 'Hookline', version: '0.1.0' }) + entries + harClosing(counts));
}

describe('HAR export entries', () => {
  it('one entry per attempt: the exact payload, the masked Authorization, the answer, and a valid HAR 1.2 log', () => {
    const failed = attempt(1, { ok: false, responseStatus: 500, errorCode: 'http', errorMessage: 'The endpoint answered 500.' }, Buffer.from('{"error":"no"}'));
    const record: ExportedDelivery = { delivery: delivery(7), attempts: [failed, attempt(2)], hookEndpoint: 'http://127.0.0.1:3000/hooks' };
    const entries = harEntries(record);
    assert.equal(entries.length, 2);
    const [first, second] = entries as [HarEntry, HarEntry];
    assert.equal(first.request.postData.text, PAYLOAD);
    assert.equal(first.request.bodySize, Buffer.byteLength(PAYLOAD, 'utf8'));
    assert.ok(first.request.bodySize > PAYLOAD.length, 'multibyte characters count as their bytes');
    assert.deepEqual(first.request.queryString, [{ name: 'tenant', value: 'a b' }, { name: 'x', value: '1' }]);
    assert.equal(first.response.status, 500);
    assert.equal(first.response.statusText, 'Internal Server Error');
    assert.equal(first.response.content.text, '{"error":"no"}');
    assert.equal(first._ok, false);
    assert.equal(second.response.status, 200);
    assert.equal(second.startedDateTime, '2026-01-02T03:04:02.123Z');
    assert.equal(second.time, second.timings.send + second.timings.wait + second.timings.receive);
    assert.deepEqual([second._deliveryId, second._attemptNumber], [7, 2]);

    const har = document([record]) as Har;
    assert.deepEqual(harSchemaErrors(har), []);
    assert.equal(har.log.version, '1.2');
    assert.equal(har.log.entries[0]!.request.postData?.text, PAYLOAD, 'the text survives JSON as it was');
    assert.match(har.log.comment ?? '', /1 delivery, 2 attempts/);
  });

  it('masks an Authorization that reached the log in clear (whatever its case); a masked one stays as it was', () => {
    const clear = attempt(1, { requestHeaders: { 'Content-Type': 'application/json', authorization: SECRET } });
    const [entry] = harEntries({ delivery: delivery(1), attempts: [clear, attempt(2)], hookEndpoint: null });
    const text = JSON.stringify(document([{ delivery: delivery(1), attempts: [clear, attempt(2)], hookEndpoint: null }]));
    assert.equal(text.includes('very-secret'), false);
    assert.deepEqual(entry!.request.headers.find((h) => h.name === 'authorization'), { name: 'authorization', value: '••••••••98765' });
    assert.match(text, /"name":"Authorization","value":"••••••••98765"/);
  });

  it('a try with no answer: status 0 and its error in _error and comment, still valid HAR', () => {
    const timeout = attempt(1, { ok: false, responseStatus: null, responseHeaders: {}, errorCode: 'timeout', errorMessage: 'No complete answer within 5000 ms.', durationMs: 5003 }, null);
    const [entry] = harEntries({ delivery: delivery(1), attempts: [timeout], hookEndpoint: null });
    assert.equal(entry!.response.status, 0);
    assert.equal(entry!.response.httpVersion, '');
    assert.equal(entry!._error, 'No complete answer within 5000 ms.');
    assert.match(entry!.comment ?? '', /No answer: No complete answer within 5000 ms\./);
    assert.equal(entry!.time, 5003);
    assert.deepEqual(harSchemaErrors(document([{ delivery: delivery(1), attempts: [timeout], hookEndpoint: null }])), []);
  });

  it('a try logged without its URL says so, and shows the hook\'s endpoint now (or about:blank when it has none)', () => {
    const old = attempt(1, { url: null });
    const [withHook] = harEntries({ delivery: delivery(1), attempts: [old], hookEndpoint: 'https://example.test/in' });
    assert.equal(withHook!.request.url, 'https://example.test/in');
    assert.match(withHook!.comment ?? '', /did not record where this try went.*the URL shown is the hook's endpoint now/);
    const [without] = harEntries({ delivery: delivery(1), attempts: [old], hookEndpoint: null });
    assert.equal(without!.request.url, UNKNOWN_URL);
    assert.match(without!.comment ?? '', /has no endpoint now either/);
    assert.deepEqual(harSchemaErrors(document([{ delivery: delivery(1), attempts: [old], hookEndpoint: null }])), []);
  });

  it('a body that is not UTF-8 goes out as base64, byte for byte; a truncated one says so', () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0xfe, 0x0a]);
    const binary = attempt(1, { responseHeaders: { 'content-type': 'image/png', 'content-length': '70000' }, responseBodyTruncated: true }, bytes);
    const [entry] = harEntries({ delivery: delivery(1), attempts: [binary], hookEndpoint: null });
    assert.equal(entry!.response.content.encoding, 'base64');
    assert.deepEqual(Buffer.from(entry!.response.content.text ?? '', 'base64'), bytes);
    assert.equal(entry!.response.content.size, bytes.length);
    assert.equal(entry!.response.bodySize, 70000, 'the size the endpoint announced');
    assert.match(entry!.response.content.comment ?? '', /Truncated: the relay keeps the first 8 bytes/);
  });

  it('a delivery not tried yet has no entry; the log says how many', () => {
    const har = document([{ delivery: delivery(2), attempts: [], hookEndpoint: null }, { delivery: delivery(1), attempts: [attempt(1)], hookEndpoint: null }]) as Har & { log: { _hookline: unknown } };
    assert.deepEqual(harSchemaErrors(har), []);
    assert.equal(har.log.entries.length, 1);
    assert.match(har.log.comment ?? '', /1 delivery has no attempt yet and so no entry/);
    assert.deepEqual(har.log._hookline, { deliveries: 2, attempts: 1, without_attempts: 1 });
  });
});

describe('NDJSON export lines', () => {
  it('one line: the API\'s delivery detail, attempts oldest first, Authorization masked, newlines kept inside strings', () => {
    const payload = '{"note":"line one\nline two \u2028 東京"}';
    const clear = attempt(1, { requestHeaders: { Authorization: SECRET }, responseBody: 'a\nb' }, Buffer.from('a\nb'));
    const record: ExportedDelivery = { delivery: delivery(3, payload), attempts: [clear, attempt(2)], hookEndpoint: null };
    const line = ndjsonLine(record);
    assert.equal(line.endsWith('\n'), true);
    assert.equal(line.slice(0, -1).includes('\n'), false);
    assert.equal(line.includes('very-secret'), false);
    const parsed = JSON.parse(line) as ReturnType<typeof deliveryDetailJson>;
    assert.equal(parsed.payload, payload);
    assert.deepEqual(parsed.attempts.map((a) => a.number), [1, 2]);
    assert.deepEqual(parsed.attempts[0]!.request_headers, { Authorization: '••••••••98765' });
    const expected = deliveryDetailJson({ ...record.delivery, attempts: record.attempts.map((a) => a.attempt) });
    assert.deepEqual({ ...parsed, attempts: parsed.attempts.map((a) => ({ ...a, request_headers: {} })) }, JSON.parse(JSON.stringify({ ...expected, attempts: expected.attempts.map((a) => ({ ...a, request_headers: {} })) })));
  });
});

/** A writer that takes one chunk at a time and finishes it only when told. */
function slowSink(): { sink: Writable; chunks: string[]; release: () => void } {
  const chunks: string[] = [];
  let pending: (() => void) | null = null;
  const sink = new Writable({
    highWaterMark: 1,
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk.toString('utf8'));
      pending = callback;
    },
  });
  return { sink, chunks, release: () => { const done = pending; pending = null; done?.(); } };
}

describe('export stream', () => {
  it('reads the next page only after the stream took the last one (backpressure)', async () => {
    let pulled = 0;
    function* pages(): Generator<ExportedDelivery[]> {
      for (let page = 0; page < 3; page++) {
        pulled += 1;
        yield [{ delivery: delivery(10 - page), attempts: [attempt(1)], hookEndpoint: null }];
      }
    }
    const { sink, chunks, release } = slowSink();
    const done = writeExport(sink, 'ndjson', pages(), { name: 'Hookline', version: '0' });
    await new Promise((r) => setImmediate(r));
    assert.equal(pulled, 1, 'one page read while the stream holds it');
    assert.equal(chunks.length, 1);
    release();
    await new Promise((r) => setImmediate(r));
    assert.equal(pulled, 2);
    release();
    await new Promise((r) => setImmediate(r));
    release();
    const counts = await done;
    assert.deepEqual(counts, { deliveries: 3, attempts: 3, withoutAttempts: 0 });
    assert.equal(chunks.join('').split('\n').filter(Boolean).length, 3);
  });

  it('stops reading when the reader goes away', async () => {
    let pulled = 0;
    function* pages(): Generator<ExportedDelivery[]> {
      for (;;) {
        pulled += 1;
        yield [{ delivery: delivery(1), attempts: [attempt(1)], hookEndpoint: null }];
      }
    }
    const { sink } = slowSink();
    const done = writeExport(sink, 'har', pages(), { name: 'Hookline', version: '0' });
    await new Promise((r) => setImmediate(r));
    sink.destroy();
    await assert.rejects(done, ExportAbortedError);
    assert.equal(pulled, 1);
  });
});

describe('export counter', () => {
  const split = (text: string, size: number): Buffer[] => {
    const bytes = Buffer.from(text, 'utf8');
    const out: Buffer[] = [];
    for (let i = 0; i < bytes.length; i += size) out.push(bytes.subarray(i, i + size));
    return out;
  };

  it('counts NDJSON and HAR exports however the bytes are cut, and tells a cut-off one', async () => {
    const records: ExportedDelivery[] = [
      { delivery: delivery(3), attempts: [attempt(1), attempt(2)], hookEndpoint: null },
      { delivery: delivery(2), attempts: [], hookEndpoint: null },
    ];
    for (const format of ['ndjson', 'har'] as const) {
      const { sink, chunks, release } = slowSink();
      const done = writeExport(sink, format, [records], { name: 'Hookline', version: '0' });
      const timer = setInterval(release, 1);
      await done;
      clearInterval(timer);
      const text = chunks.join('');
      for (const size of [1, 3, 7, 4096]) {
        const counter = new ExportCounter(format);
        for (const chunk of split(text, size)) counter.observe(chunk);
        assert.deepEqual(counter.finish(), { deliveries: 2, attempts: 2, withoutAttempts: 1 }, `${format} in chunks of ${size}`);
      }
      const cut = new ExportCounter(format);
      cut.observe(Buffer.from(text.slice(0, -3)));
      assert.equal(cut.finish(), null, `${format} cut short`);
    }
  });
});
