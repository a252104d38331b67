import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { payloadOf, runCheckCli, scratchDir } from './support/check-cli.js';
import { startReceiver, type Receiver, type ReceivedRequest, type Responder } from './support/receiver.js';

const PAUSE = 'Procore pauses every delivery to this endpoint and retries this one for up to 12 hours; then it discards the queue.';

interface CheckJson {
  passed: number;
  failed: number;
  checks: { scenario: string; name: string; ok: boolean; level: string; message: string; consequence: string | null }[];
}

const isCompanyEvent = (r: ReceivedRequest): boolean => payloadOf(r.body).project_id === null;

describe('hookline check against receivers that break Procore rules', function () {
  this.timeout(30_000);
  let receiver: Receiver | undefined;
  const scratch = scratchDir();
  const start = async (responder: Responder): Promise<Receiver> => (receiver = await startReceiver(responder));
  afterEach(async () => {
    await receiver?.close();
    receiver = undefined;
  });
  after(() => scratch.remove());

  async function check(args: string[]): Promise<{ code: number | null; report: CheckJson; stderr: string }> {
    const result = await runCheckCli([...args, '--json']);
    return { code: result.code, report: JSON.parse(result.stdout) as CheckJson, stderr: result.stderr };
  }

  it('400 "Missing project_id" to a company-level event fails company-level, says why and what Procore does', async () => {
    const r = await start((req) => (isCompanyEvent(req) ? { status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"Missing project_id"}' } : { status: 200 }));
    const junit = scratch.file('company.xml');
    const result = await runCheckCli(['--endpoint', r.url, '--scenario', 'smoke', '--resource', 'RFIs', '--scenario', 'company-level', '--junit', junit]);
    assert.equal(result.code, 1, result.stderr);
    const company = result.lines.filter((l) => l.includes(' company-level '));
    assert.ok(company.length >= 3);
    for (const line of company) {
      assert.ok(line.startsWith('✗ company-level '), line);
      assert.ok(line.includes('Answered 400: {"error":"Missing project_id"}; only a 2xx counts as delivered.'), line);
      assert.ok(line.includes(PAUSE), line);
    }
    assert.ok(result.lines.filter((l) => l.includes(' smoke RFIs.')).every((l) => l.startsWith('✓')));
    assert.equal(result.lines.at(-1), `3 passed, ${company.length} failed`);

    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '', isArray: (name) => ['testsuite', 'testcase'].includes(name) }).parse(readFileSync(junit, 'utf8')) as {
      testsuites: { tests: string; failures: string; testsuite: { name: string; failures: string; testcase: { name: string; failure?: { message: string; '#text': string } }[] }[] };
    };
    const suites = xml.testsuites.testsuite;
    assert.deepEqual(suites.map((s) => s.name), ['smoke', 'company-level']);
    assert.equal(suites[0]?.failures, '0');
    assert.equal(suites[1]?.failures, String(company.length));
    const failure = suites[1]?.testcase[0]?.failure;
    assert.equal(failure?.message, 'Answered 400: {"error":"Missing project_id"}; only a 2xx counts as delivered.');
    assert.ok(failure?.['#text'].includes(PAUSE));
    assert.equal(xml.testsuites.failures, String(company.length));
  });

  it('a hang for a resource it does not handle fails that resource as a timeout', async () => {
    const r = await start((req) => (payloadOf(req.body).resource_name === 'Submittals' ? { hang: true } : { status: 204 }));
    const started = Date.now();
    const { code, report } = await check(['--endpoint', r.url, '--scenario', 'smoke', '--resource', 'RFIs', '--resource', 'Submittals', '--timeout-ms', '1000']);
    assert.equal(code, 1);
    assert.ok(Date.now() - started < 10_000);
    const failed = report.checks.filter((c) => !c.ok);
    assert.deepEqual(failed.map((c) => c.name), ['Submittals.create', 'Submittals.update', 'Submittals.delete']);
    for (const c of failed) {
      assert.equal(c.message, "No answer within 1000 ms, the check's timeout (Procore's is 5000 ms): a hang counts as a timeout.");
      assert.ok(c.consequence?.startsWith(PAUSE));
    }
    assert.equal(report.passed, 3);
  });

  it('an answer after the timeout fails; one past half of it passes with a warning', async () => {
    const late = await start(() => ({ status: 200, delayMs: 1200 }));
    const slow = await check(['--endpoint', late.url, '--scenario', 'duplicates', '--timeout-ms', '1000']);
    assert.equal(slow.code, 1);
    assert.ok(slow.report.checks.every((c) => !c.ok && /^No answer within 1000 ms/.test(c.message)));
    await late.close();

    const halfway = await start(() => ({ status: 200, delayMs: 600 }));
    const file = scratch.file('one.json', { name: 'one-rfi', events: [{ resource_name: 'RFIs', event_type: 'create' }] });
    const warned = await runCheckCli(['--endpoint', halfway.url, '--scenario', file, '--timeout-ms', '1000']);
    assert.equal(warned.code, 0, warned.stderr);
    assert.match(warned.lines[0] ?? '', /^✓ one-rfi RFIs\.create: warning: Answered 200 in \d+ ms, more than half of the 1000 ms timeout\.$/);
    assert.equal(warned.lines.at(-1), '1 passed, 0 failed');
  });

  it("an answer after 6 s fails at Procore's own 5 s timeout", async function () {
    this.timeout(15_000);
    const r = await start(() => ({ status: 200, delayMs: 6000 }));
    const file = scratch.file('one-project.json', { name: 'one-project', events: [{ resource_name: 'Projects', event_type: 'update' }] });
    const { code, report } = await check(['--endpoint', r.url, '--scenario', file]);
    assert.equal(code, 1);
    assert.equal(report.checks[0]?.message, "No answer within 5000 ms, Procore's timeout: a hang counts as a timeout.");
    assert.ok(report.checks[0]?.consequence?.startsWith(PAUSE));
  });

  it('a redirect fails, and is not followed', async () => {
    const r = await start((req) => (req.path === '/moved' ? { status: 200 } : { status: 302, headers: { location: '/moved' } }));
    const { code, report } = await check(['--endpoint', `${r.url}/hooks`, '--scenario', 'smoke', '--resource', 'Projects']);
    assert.equal(code, 1);
    assert.equal(report.failed, 2);
    for (const c of report.checks) {
      assert.equal(c.message, 'Answered 302, a redirect to /moved; Procore does not follow redirects.');
      assert.ok(c.consequence?.startsWith(PAUSE));
    }
    assert.deepEqual(r.requests.map((q) => q.path), ['/hooks', '/hooks']);
  });

  it('failing the second copy of an event fails duplicates on that copy', async () => {
    const seen = new Set<string>();
    const r = await start((req) => {
      const ulid = String(payloadOf(req.body).ulid);
      if (seen.has(ulid)) return { status: 409, body: 'already processed' };
      seen.add(ulid);
      return { status: 200 };
    });
    const { code, report } = await check(['--endpoint', r.url, '--scenario', 'duplicates', '--scenario', 'smoke', '--resource', 'RFIs']);
    assert.equal(code, 1);
    assert.deepEqual(report.checks.filter((c) => !c.ok).map((c) => [c.scenario, c.name, c.message]), [
      ['duplicates', 'RFIs.update copy 2', 'Answered 409: already processed; only a 2xx counts as delivered.'],
    ]);
    assert.ok(report.checks.find((c) => !c.ok)?.consequence?.startsWith(PAUSE));
  });

  it('a failure in a burst holds back what waits behind it, as Procore pauses the endpoint', async () => {
    let count = 0;
    const r = await start(() => (++count === 1 ? { status: 500, body: 'boom' } : { status: 200, delayMs: 20 }));
    const { code, report } = await check(['--endpoint', r.url, '--scenario', 'burst']);
    assert.equal(code, 1);
    assert.equal(report.checks.length, 50);
    const held = report.checks.filter((c) => c.message.startsWith('Not sent: it waits behind'));
    assert.ok(held.length > 30, `${held.length} held`);
    assert.match(held[0]?.consequence ?? '', /holds it until the failing delivery ahead of it succeeds/);
    assert.equal(r.requests.length, 50 - held.length, 'nothing held was sent');
  });
});
