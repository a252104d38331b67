import assert from 'node:assert/strict';
import { createServer } from 'node:net';
import { DEFAULT_SEND_TIMEOUT_MS } from '@hookline/core';
import { classifySendError } from '../src/delivery/send-errors.js';
import { createSender, MAX_RESPONSE_BODY_BYTES, type Sender } from '../src/delivery/sender.js';
import { startReceiver, type Receiver } from './support/receiver.js';

const PAYLOAD = '{"id":5982324300946918154,"ulid":"01EDPD2J6SBY1163N77H95GW09","note":"naïve ✓"}';

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('delivery: sender', () => {
  let receiver: Receiver;
  let sender: Sender;
  beforeEach(async () => {
    receiver = await startReceiver();
    sender = createSender({ userAgent: 'Hookline/9.9.9', timeoutMs: 400 });
  });
  afterEach(async () => {
    await sender.close();
    await receiver.close();
  });

  it('POSTs the exact bytes with Content-Type, User-Agent and the Authorization header verbatim', async () => {
    const authorization = 'Bearer abc.DEF-123_xyz/+=~ tail';
    const outcome = await sender.send({ url: `${receiver.url}/hooks/procore?x=1`, authorization, body: PAYLOAD });
    assert.equal(outcome.ok, true);
    assert.equal(outcome.status, 200);
    assert.equal(outcome.errorCode, null);
    const [request] = receiver.requests;
    assert.ok(request);
    assert.equal(request.method, 'POST');
    assert.equal(request.path, '/hooks/procore?x=1');
    assert.ok(request.body.equals(Buffer.from(PAYLOAD, 'utf8')));
    assert.equal(request.headers['content-type'], 'application/json');
    assert.equal(request.headers['user-agent'], 'Hookline/9.9.9');
    assert.equal(request.headers.authorization, authorization);
    assert.equal(request.headers['content-length'], String(Buffer.byteLength(PAYLOAD)));
    // Recorded with the secret masked to its last 5 characters.
    assert.equal(outcome.requestHeaders.Authorization, '•••••••• tail');
    assert.ok(!JSON.stringify(outcome.requestHeaders).includes('abc.DEF'));
    assert.equal(outcome.responseBody?.toString(), 'ok');
    assert.equal(outcome.responseBodyTruncated, false);
    assert.ok(outcome.finishedAt >= outcome.startedAt);
  });

  it('sends no Authorization header when the hook has none, and reuses the connection', async () => {
    for (let i = 0; i < 6; i++) await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.equal(receiver.requests[0]?.headers.authorization, undefined);
    const ports = new Set(receiver.requests.map((r) => r.remotePort));
    assert.ok(ports.size <= 2, `6 requests over ${ports.size} connections: pooled keep-alive connections are reused`);
  });

  it('counts any 2xx as success and records response headers', async () => {
    receiver.respondWith({ status: 204, headers: { 'x-request-id': 'r-1' } });
    const outcome = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.equal(outcome.ok, true);
    assert.equal(outcome.status, 204);
    assert.equal(outcome.responseHeaders['x-request-id'], 'r-1');
  });

  it('treats a 3xx as a failure and never follows it', async () => {
    receiver.respondWith((request) => (request.path === '/moved' ? { status: 200 } : { status: 302, headers: { location: '/moved' } }));
    const outcome = await sender.send({ url: `${receiver.url}/start`, authorization: null, body: PAYLOAD });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.status, 302);
    assert.equal(outcome.errorCode, 'http');
    assert.equal(outcome.responseHeaders.location, '/moved');
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(receiver.requests.length, 1);
  });

  it('treats 4xx and 5xx as http failures, keeping the response body', async () => {
    receiver.respondWith({ status: 500, body: 'boom' });
    const outcome = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.deepEqual([outcome.ok, outcome.status, outcome.errorCode, outcome.responseBody?.toString()], [false, 500, 'http', 'boom']);
  });

  it('times out a receiver that never answers (default deadline 5000 ms)', async () => {
    assert.equal(DEFAULT_SEND_TIMEOUT_MS, 5000);
    receiver.respondWith({ hang: true });
    const outcome = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.equal(outcome.ok, false);
    assert.equal(outcome.errorCode, 'timeout');
    assert.equal(outcome.status, null);
    assert.ok(outcome.durationMs >= 380 && outcome.durationMs < 2000, `duration ${outcome.durationMs}`);
  });

  it('reads at most 64 KiB of the response body and flags the truncation', async () => {
    const big = Buffer.alloc(300 * 1024, 'a');
    receiver.respondWith({ status: 200, body: big });
    const outcome = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.equal(outcome.ok, true);
    assert.equal(outcome.responseBody?.length, MAX_RESPONSE_BODY_BYTES);
    assert.equal(outcome.responseBodyTruncated, true);
    receiver.respondWith({ status: 200, body: Buffer.alloc(MAX_RESPONSE_BODY_BYTES, 'b') });
    const exact = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.equal(exact.responseBody?.length, MAX_RESPONSE_BODY_BYTES);
    assert.equal(exact.responseBodyTruncated, false);
  });

  it('reports refused and reset connections as connection errors', async () => {
    const refused = await sender.send({ url: `http://127.0.0.1:${await closedPort()}/`, authorization: null, body: PAYLOAD });
    assert.deepEqual([refused.ok, refused.errorCode, refused.status], [false, 'connection', null]);
    receiver.respondWith({ reset: true });
    const reset = await sender.send({ url: receiver.url, authorization: null, body: PAYLOAD });
    assert.deepEqual([reset.ok, reset.errorCode], [false, 'connection']);
  });

  it('reports a URL it cannot send to as invalid_target without any traffic', async () => {
    for (const url of [null, 'not a url', 'ftp://127.0.0.1/x']) {
      const outcome = await sender.send({ url, authorization: null, body: PAYLOAD });
      assert.equal(outcome.errorCode, 'invalid_target', String(url));
    }
    assert.equal(receiver.requests.length, 0);
  });

  it('classifies DNS and timeout errors by their codes', () => {
    assert.equal(classifySendError(Object.assign(new Error('getaddrinfo ENOTFOUND x.invalid'), { code: 'ENOTFOUND' }), false), 'dns');
    assert.equal(classifySendError(new Error('x', { cause: Object.assign(new Error('again'), { code: 'EAI_AGAIN' }) }), false), 'dns');
    assert.equal(classifySendError(Object.assign(new Error('h'), { code: 'UND_ERR_HEADERS_TIMEOUT' }), false), 'timeout');
    assert.equal(classifySendError(Object.assign(new Error('c'), { code: 'ECONNRESET' }), false), 'connection');
    assert.equal(classifySendError(new Error('aborted'), true), 'timeout');
  });
});
