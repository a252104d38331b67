import assert from 'node:assert/strict';
import { payloadOf, runCheckCli } from './support/check-cli.js';
import { startReceiver, type Receiver } from './support/receiver.js';

interface CheckJson {
  passed: number;
  failed: number;
  checks: { scenario: string; name: string; ok: boolean; message: string; consequence: string | null }[];
}

describe('hookline check against a good receiver', function () {
  this.timeout(30_000);
  let receiver: Receiver;
  beforeEach(async () => {
    receiver = await startReceiver({ status: 200, body: 'ok' });
  });
  afterEach(async () => {
    await receiver.close();
  });

  it('passes smoke, duplicates, company-level and out-of-order with exit 0', async () => {
    const scenarios = ['smoke', 'duplicates', 'company-level', 'out-of-order'].flatMap((s) => ['--scenario', s]);
    const result = await runCheckCli(['--endpoint', `${receiver.url}/hooks`, '--authorization', 'Bearer s3cret-value', ...scenarios]);
    assert.equal(result.code, 0, result.stdout + result.stderr);
    assert.equal(result.stderr, '');
    const last = result.lines.at(-1) ?? '';
    assert.match(last, /^\d+ passed, 0 failed$/);
    const checks = result.lines.slice(0, -1);
    assert.equal(checks.length, Number(last.split(' ')[0]));
    for (const line of checks) assert.match(line, /^✓ (smoke|duplicates|company-level|out-of-order) .+: Answered 200 in \d+ ms\.$/);
    assert.ok(checks.some((l) => l.startsWith('✓ duplicates RFIs.update copy 2:')));
    assert.equal(receiver.requests.length, checks.length, 'one request per check: nothing retried, nothing extra');
    for (const request of receiver.requests) {
      assert.equal(request.path, '/hooks');
      assert.equal(request.headers.authorization, 'Bearer s3cret-value');
      assert.equal(request.headers['content-type'], 'application/json');
      assert.match(String(request.headers['user-agent']), /^Hookline\//);
    }
  });

  it('sends the real payloads: two identical copies, a create after its update, company events without a project', async () => {
    const result = await runCheckCli(['--endpoint', receiver.url, '--scenario', 'duplicates', '--scenario', 'out-of-order', '--scenario', 'company-level', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.equal(report.failed, 0);
    assert.ok(report.checks.every((c) => c.ok && c.consequence === null));
    const [first, second, update, create, ...company] = receiver.requests;
    assert.ok(first && second && update && create);
    assert.deepEqual(first.body, second.body, 'the second copy is the same bytes');
    assert.equal(payloadOf(update.body).event_type, 'update');
    assert.equal(payloadOf(create.body).event_type, 'create');
    assert.equal(payloadOf(update.body).resource_id, payloadOf(create.body).resource_id);
    assert.ok(company.length >= 3);
    for (const request of company) assert.equal(payloadOf(request.body).project_id, null);
  });

  it('renders the payload version asked for (v4.0 here), company events included', async () => {
    const result = await runCheckCli(['--endpoint', receiver.url, '--scenario', 'company-level', '--resource', 'Projects', '--payload-version', 'v4.0']);
    assert.equal(result.code, 0, result.stderr);
    assert.equal(receiver.requests.length, 2);
    for (const request of receiver.requests) {
      const body = payloadOf(request.body);
      assert.equal(body.resource_type, 'Projects');
      assert.equal(body.project_id, null);
      assert.equal(typeof body.company_id, 'string');
      assert.ok(['create', 'update'].includes(String(body.reason)));
    }
  });

  it('passes burst and fan-out: every event answered, one per project for fan-out', async () => {
    const result = await runCheckCli(['--endpoint', receiver.url, '--scenario', 'burst', '--scenario', 'fan-out', '--json']);
    assert.equal(result.code, 0, result.stderr);
    const report = JSON.parse(result.stdout) as CheckJson;
    assert.equal(report.checks.filter((c) => c.scenario === 'burst').length, 50);
    const fanOut = receiver.requests.slice(50).map((r) => payloadOf(r.body));
    assert.deepEqual(fanOut.map((b) => String(b.project_id)).sort(), ['101', '102', '103', '104', '105']);
    assert.equal(new Set(fanOut.map((b) => String(b.resource_id))).size, 1);
  });
});
