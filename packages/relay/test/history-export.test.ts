/**
 * Exporting the delivery log through GET /api/deliveries/export and `hookline export`, against a real relay and a
 * real receiver on 127.0.0.1: a receiver that fails then succeeds, a payload with multibyte text and 64-bit ids
 * (the HAR's postData.text must be the very bytes the receiver got), a delivery not tried yet, a try logged before
 * the relay kept URLs (with its Authorization in clear, as a log from elsewhere might hold it), the filters, and
 * the HAR 1.2 JSON Schema. No Authorization may leave in clear.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import type { Har } from 'har-format';
import { runCli } from '../src/cli/program.js';
import { EXPORT_PAGE_SIZE } from '../src/service/delivery-export.js';
import { openStore } from '../src/store/store.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';
import { fixtureDriver } from './support/sqlite-drivers.js';
import { harSchemaErrors } from './support/har-validator.js';

const SECRET = 'Bearer export-secret-12345';
const MASKED = '••••••••12345';
const MULTIBYTE = '{"id":5982324300946918154,"resource_name":"RFIs","title":"Grüße aus 東京 🚧 — naïve","resource_id":9223372036854775807}';

interface EntryExtras { _deliveryId: number; _attemptNumber: number; comment?: string }
interface NdjsonDelivery { id: number; hook_id: number; resource_name: string; payload: string; attempts: { number: number; url: string | null; request_headers: Record<string, string>; response_status: number | null }[] }

describe('exporting the delivery log (HAR 1.2, NDJSON)', function () {
  this.timeout(30_000);
  let fx: RelayFixture;
  let receiver: Receiver;
  let dataDir: string;
  const ids = { retried: 0, submittal: 0, multibyte: 0, untried: 0, old: 0 };

  const download = async (query: string): Promise<{ status: number; type: string | null; disposition: string | null; text: string }> => {
    const res = await fx.api(`/api/deliveries/export?${query}`);
    return { status: res.status, type: res.headers.get('content-type'), disposition: res.headers.get('content-disposition'), text: await res.text() };
  };
  const har = async (query = ''): Promise<Har> => {
    const res = await download(`format=har${query ? `&${query}` : ''}`);
    assert.equal(res.status, 200, res.text);
    return JSON.parse(res.text) as Har;
  };
  const ndjson = async (query = ''): Promise<NdjsonDelivery[]> => {
    const res = await download(`format=ndjson${query ? `&${query}` : ''}`);
    assert.equal(res.status, 200, res.text);
    if (res.text === '') return [];
    assert.ok(res.text.endsWith('\n'));
    return res.text.slice(0, -1).split('\n').map((line) => JSON.parse(line) as NdjsonDelivery);
  };
  const listed = async (query: string): Promise<number[]> => {
    const res = await fx.api(`/api/deliveries?limit=100&${query}`);
    return ((await res.json()) as { data: { id: number }[] }).data.map((d) => d.id);
  };

  before(async () => {
    receiver = await startReceiver((request) =>
      request.index === 0
        ? { status: 500, headers: { 'content-type': 'application/json' }, body: '{"error":"not yet"}' }
        : { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"received":"✓ 東京"}' },
    );
    fx = await startRelayFixture({ timeScale: 1000 });
    dataDir = fx.dataDir;
    await fx.api('/api/hooks/1/endpoint', { method: 'PUT', json: { destination_url: `${receiver.url}/in?tenant=7`, authorization: SECRET } });
    await fx.api('/api/hooks/1/triggers/RFIs', { method: 'PUT', json: { update: true } });
    await fx.api('/api/hooks/1/triggers/Submittals', { method: 'PUT', json: { create: true } });
    const paused = await fx.api('/api/hooks', { method: 'POST', json: { namespace: 'paused', status: 'disabled', destination_url: `${receiver.url}/paused` } });
    assert.equal(paused.status, 201, await paused.clone().text());
    const send = async (json: object): Promise<number> =>
      ((await (await fx.api('/api/events', { method: 'POST', json })).json()) as { deliveries: { id: number }[] }).deliveries[0]!.id;
    ids.retried = await send({ resource_name: 'RFIs', event_type: 'update', resource_id: '5982324300946918154' });
    ids.submittal = await send({ resource_name: 'Submittals', event_type: 'create', resource_id: '777' });
    await receiver.waitForRequests(3, 10_000); // 500, then the retry's 200, then the Submittal
    await fx.stop({ keepData: true });

    // While the relay is down: a delivery whose payload holds multibyte text (sent when the relay starts again),
    // one for the disabled hook (never tried), and one tried before the relay kept each try's URL.
    const store = openStore(join(dataDir, 'relay.db'), { driver: fixtureDriver() });
    const event = store.deliveries.get(ids.retried)!;
    let seq = store.meta.changeSeq();
    const row = { eventId: event.eventId, eventUlid: event.eventUlid, resourceName: 'RFIs', eventType: 'update' as const, resourceId: event.resourceId, projectId: event.projectId, payloadVersion: 'v2.0' as const };
    ids.multibyte = store.deliveries.insert({ ...row, hookId: 1, payload: MULTIBYTE }, ++seq, Date.now()).id;
    ids.untried = store.deliveries.insert({ ...row, hookId: 2, payload: '{"untried":true}' }, ++seq, Date.now()).id;
    const old = store.deliveries.insert({ ...row, hookId: 1, payload: '{"old":true}' }, ++seq, Date.now());
    ids.old = old.id;
    store.deliveries.updateState({ ...old, status: 'delivered', attemptCount: 1, lastResponseStatus: 204, changeSeq: ++seq });
    store.attempts.insert({
      deliveryId: old.id, number: 1, trigger: 'scheduled', url: null, ok: true, startedAt: Date.now() - 1000, completedAt: Date.now() - 990, durationMs: 10,
      requestHeaders: { 'Content-Type': 'application/json', Authorization: SECRET }, responseStatus: 204, responseHeaders: {}, responseBody: Buffer.alloc(0),
      responseBodyTruncated: false, errorCode: null, errorMessage: null,
    });
    store.meta.setChangeSeq(seq);
    store.close();
    fx = await startRelayFixture({ dataDir, timeScale: 1000 });
    await receiver.waitForRequests(4, 10_000);
    // The attempt row is written just after the answer: wait until the relay has it.
    for (let i = 0; i < 100 && (await ndjson(`resource_id=${event.resourceId}`)).find((d) => d.id === ids.multibyte)?.attempts.length !== 1; i++) {
      await new Promise((r) => setTimeout(r, 20));
    }
  });

  after(async () => {
    await fx?.stop();
    await receiver?.close();
  });

  it('HAR: a download, valid HAR 1.2, one entry per attempt, each postData.text the bytes the receiver got', async () => {
    const res = await download('format=har');
    assert.equal(res.status, 200);
    assert.equal(res.type, 'application/json; charset=utf-8');
    assert.match(res.disposition ?? '', /^attachment; filename="hookline-deliveries-\d{8}T\d{6}Z\.har"$/);
    const log = JSON.parse(res.text) as Har;
    assert.deepEqual(harSchemaErrors(log), []);
    assert.equal(log.log.version, '1.2');
    assert.equal(log.log.creator.name, 'Hookline');
    const entries = log.log.entries as (Har['log']['entries'][number] & EntryExtras)[];
    assert.deepEqual(
      entries.map((e) => [e._deliveryId, e._attemptNumber, e.response.status]),
      [[ids.old, 1, 204], [ids.multibyte, 1, 200], [ids.submittal, 1, 200], [ids.retried, 1, 500], [ids.retried, 2, 200]],
      'newest delivery first, its attempts oldest first; the untried one has none',
    );
    assert.match(log.log.comment ?? '', /5 deliveries, 5 attempts.*1 delivery has no attempt yet/);

    for (const entry of entries.filter((e) => e._deliveryId !== ids.old)) {
      const sent = Buffer.from(entry.request.postData?.text ?? '', 'utf8');
      const got = receiver.requests.filter((r) => r.body.equals(sent));
      assert.equal(got.length, entries.filter((e) => e.request.postData?.text === entry.request.postData?.text).length, `delivery ${entry._deliveryId}: the receiver got these exact bytes once per try`);
      assert.equal(entry.request.url, `${receiver.url}/in?tenant=7`);
      assert.deepEqual(entry.request.queryString, [{ name: 'tenant', value: '7' }]);
      assert.equal(entry.request.bodySize, sent.length);
    }
    const multibyte = entries.find((e) => e._deliveryId === ids.multibyte)!;
    assert.equal(multibyte.request.postData?.text, MULTIBYTE);
    assert.deepEqual(receiver.requests[3]!.body, Buffer.from(MULTIBYTE, 'utf8'));
    assert.equal(multibyte.response.content.text, '{"received":"✓ 東京"}');
    assert.match(res.text, /5982324300946918154/, 'the 64-bit id is in the text as sent');
    assert.match(res.text, /9223372036854775807/);
    const retried = entries.filter((e) => e._deliveryId === ids.retried);
    assert.equal(retried[0]!.response.content.text, '{"error":"not yet"}');
  });

  it('no Authorization leaves in clear, in either format, even one a try logged in clear', async () => {
    const harText = (await download('format=har')).text;
    const ndjsonText = (await download('format=ndjson')).text;
    for (const text of [harText, ndjsonText]) {
      assert.equal(text.includes('export-secret'), false);
      assert.ok(text.includes(MASKED));
    }
    const log = JSON.parse(harText) as Har;
    for (const entry of log.log.entries) {
      assert.deepEqual(entry.request.headers.filter((h) => h.name.toLowerCase() === 'authorization').map((h) => h.value), [MASKED]);
    }
  });

  it('a try logged without its URL shows the hook\'s endpoint now, and says so', async () => {
    const entry = (await har()).log.entries.find((e) => (e as unknown as EntryExtras)._deliveryId === ids.old)!;
    assert.equal(entry.request.url, `${receiver.url}/in?tenant=7`);
    assert.match(entry.comment ?? '', /did not record where this try went/);
    const line = (await ndjson()).find((d) => d.id === ids.old)!;
    assert.equal(line.attempts[0]!.url, null, 'NDJSON keeps what the log holds');
  });

  it('NDJSON: one valid, complete delivery per line, the untried one included', async () => {
    const lines = await ndjson();
    assert.deepEqual(lines.map((d) => d.id), await listed(''), 'the same deliveries GET /api/deliveries lists, in its order');
    assert.deepEqual(lines.map((d) => [d.id, d.attempts.length]), [[ids.old, 1], [ids.untried, 0], [ids.multibyte, 1], [ids.submittal, 1], [ids.retried, 2]]);
    const retried = lines.find((d) => d.id === ids.retried)!;
    assert.deepEqual(retried.attempts.map((a) => [a.number, a.response_status]), [[1, 500], [2, 200]]);
    const detail = (await (await fx.api(`/api/deliveries/${ids.retried}`)).json()) as { data: NdjsonDelivery };
    assert.deepEqual(retried, detail.data, 'a line is the delivery as GET /api/deliveries/:id answers it');
    assert.equal(lines.find((d) => d.id === ids.multibyte)!.payload, MULTIBYTE);
  });

  it('applies the filters of GET /api/deliveries, read by the same reader', async () => {
    for (const query of ['resource_name=Submittals', 'hook_id=2', 'resource_id=5982324300946918154', 'event_type=update', 'status=delivered', 'status=enqueued', 'since=1h', 'until=1h']) {
      assert.deepEqual((await ndjson(query)).map((d) => d.id), await listed(query), query);
    }
    assert.deepEqual((await ndjson('hook_id=2')).map((d) => d.id), [ids.untried]);
    const submittals = await har('resource_name=Submittals');
    assert.deepEqual(submittals.log.entries.map((e) => (e as unknown as EntryExtras)._deliveryId), [ids.submittal]);
    const none = await download('format=har&resource_id=1');
    assert.deepEqual(harSchemaErrors(JSON.parse(none.text)), [], 'an empty export is a valid HAR too');
    assert.equal(await download('format=ndjson&resource_id=1').then((r) => r.text), '');
  });

  it('refuses a bad request with a coded error, as JSON and not as a file', async () => {
    const cases: [string, string, RegExp][] = [
      ['format=xml', 'HOOKLINE_ERR_INVALID_EXPORT_FORMAT', /"format" must be one of har, ndjson \(e\.g\. format=har\); got "xml"\./],
      ['resource_name=RFIs', 'HOOKLINE_ERR_INVALID_EXPORT_FORMAT', /must be one of har, ndjson .*got nothing\./],
      ['format=har&limit=5', 'HOOKLINE_ERR_INVALID_QUERY', /Unknown query parameter "limit"\. Allowed: hook_id, status/],
      ['format=har&status=lost', 'HOOKLINE_ERR_INVALID_QUERY', /"status" must be failures or one of enqueued/],
      ['format=ndjson&since=yesterday', 'HOOKLINE_ERR_INVALID_QUERY', /"since" must be/],
    ];
    for (const [query, code, message] of cases) {
      const res = await download(query);
      assert.equal(res.status, 400, query);
      assert.match(res.type ?? '', /^application\/json/);
      assert.equal(res.disposition, null, `${query}: no download`);
      const body = JSON.parse(res.text) as { error: { code: string; message: string } };
      assert.equal(body.error.code, code, query);
      assert.match(body.error.message, message, query);
    }
    const anonymous = await fx.api('/api/deliveries/export?format=har', { headers: { authorization: '' } });
    assert.equal(anonymous.status, 401);
  });

  it('hookline export --output FILE writes the whole export and says how much; to stdout without --output', async () => {
    const file = join(dataDir, 'out.har');
    const written = await cli(fx, 'export', '--format', 'har', '--output', file);
    assert.equal(written.code, 0, written.err);
    assert.equal(written.err, `Wrote 5 deliveries (1 not tried yet: no HAR entry), 5 attempts to ${file} (HAR).`);
    assert.equal(existsSync(`${file}.partial`), false);
    const log = JSON.parse(readFileSync(file, 'utf8')) as Har;
    assert.deepEqual(harSchemaErrors(log), []);
    assert.equal(log.log.entries.length, 5);

    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(chunk));
    const err: string[] = [];
    const code = await runCli(['node', 'hookline', '--url', fx.relay.url, '--data-dir', dataDir, 'export', '--format', 'NDJSON', '--resource', 'RFIs', '--status', 'delivered'], {
      print: () => undefined,
      printError: (t) => err.push(t),
      stdout: () => stdout,
    });
    assert.equal(code, 0, err.join('\n'));
    assert.deepEqual(err, [], 'nothing on stderr without --output');
    const lines = Buffer.concat(chunks).toString('utf8').trimEnd().split('\n').map((l) => JSON.parse(l) as NdjsonDelivery);
    assert.deepEqual(lines.map((d) => d.id), await listed('resource_name=RFIs&status=delivered'));
    assert.ok(lines.every((d) => d.resource_name === 'RFIs'));

    const hook = await cli(fx, '--hook', '2', 'export', '--format', 'ndjson', '--output', join(dataDir, 'paused.ndjson'));
    assert.equal(hook.err, `Wrote 1 delivery (1 not tried yet), 0 attempts to ${join(dataDir, 'paused.ndjson')} (NDJSON).`);
  });

  it('hookline export: bad usage exits 2 with what to type', async () => {
    const missing = await cli(fx, 'export');
    assert.equal(missing.code, 2);
    assert.match(missing.err, /--format is required: har or ndjson, e\.g\. hookline export --format har --output deliveries\.har/);
    const wrong = await cli(fx, 'export', '--format', 'csv');
    assert.equal(wrong.code, 2);
    assert.match(wrong.err, /--format must be har or ndjson; got "csv"/);
    const status = await cli(fx, 'export', '--format', 'har', '--status', 'broken');
    assert.equal(status.code, 2);
    assert.match(status.err, /--status must be one of failures, enqueued, retrying, delivered, failed, discarded; got "broken"/);
    const since = await cli(fx, 'export', '--format', 'har', '--since', 'last week');
    assert.equal(since.code, 2);
    assert.match(since.err, /--since must be/);
  });
});

describe('exporting a log longer than one page', function () {
  this.timeout(60_000);
  let fx: RelayFixture;
  let receiver: Receiver;
  const COUNT = EXPORT_PAGE_SIZE * 2 + 17;

  before(async () => {
    receiver = await startReceiver({ status: 204 });
    fx = await startRelayFixture();
    await fx.api('/api/hooks/1/endpoint', { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api('/api/hooks/1/triggers/Projects', { method: 'PUT', json: { create: true } });
    const created = await cli(fx, 'trigger', 'Projects', 'create', '--count', String(COUNT));
    assert.equal(created.code, 0, created.err);
    await receiver.waitForRequests(COUNT, 30_000);
  });

  after(async () => {
    await fx?.stop();
    await receiver?.close();
  });

  it('streams every delivery once, in keyset pages, chunked rather than built whole', async () => {
    const res = await fx.api('/api/deliveries/export?format=ndjson');
    assert.equal(res.headers.get('transfer-encoding'), 'chunked');
    assert.equal(res.headers.get('content-length'), null);
    const lines = (await res.text()).trimEnd().split('\n').map((l) => JSON.parse(l) as NdjsonDelivery);
    assert.equal(lines.length, COUNT);
    assert.equal(new Set(lines.map((d) => d.id)).size, COUNT);
    assert.deepEqual(lines.map((d) => d.id), [...lines.map((d) => d.id)].sort((a, b) => b - a), 'newest first across page boundaries');
    const log = JSON.parse(await (await fx.api('/api/deliveries/export?format=har')).text()) as Har;
    assert.deepEqual(harSchemaErrors(log), []);
    assert.equal(log.log.entries.length, COUNT);
  });
});
