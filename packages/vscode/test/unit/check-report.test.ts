import assert from 'node:assert/strict';
import { byScenario, checkArgs, checkMessage, parseCheckOutput } from '../../src/check/check-report.js';

const REPORT = {
  passed: 1,
  failed: 1,
  checks: [
    { scenario: 'smoke', name: 'RFIs.create', ok: true, level: 'ok', message: 'Answered 200 in 3 ms.', consequence: null },
    { scenario: 'company-level', name: 'Projects.create', ok: false, level: 'fail', message: 'Answered 400; only a 2xx counts as delivered.', consequence: 'Procore pauses every delivery to this endpoint.' },
  ],
};

describe('Check Receiver: the CLI call and its report', () => {
  it('runs hookline check --json with the hook’s endpoint, payload version and the scenarios', () => {
    assert.deepEqual(checkArgs({ endpoint: 'http://127.0.0.1:3000/hooks', payloadVersion: 'v4.0', authorization: null }, ['smoke']), [
      'check', '--endpoint', 'http://127.0.0.1:3000/hooks', '--payload-version', 'v4.0', '--scenario', 'smoke', '--json',
    ]);
    assert.deepEqual(checkArgs({ endpoint: 'http://x/', payloadVersion: 'v2.0', authorization: 'Bearer a' }, ['smoke', 'burst']).slice(5), [
      '--authorization', 'Bearer a', '--scenario', 'smoke', '--scenario', 'burst', '--json',
    ]);
  });

  it('reads a report whether the checks passed (exit 0) or failed (exit 1)', () => {
    for (const code of [0, 1]) {
      const report = parseCheckOutput(code, JSON.stringify(REPORT), '');
      assert.equal(report.failed, 1);
      assert.deepEqual([...byScenario(report).keys()], ['smoke', 'company-level']);
    }
    const old = parseCheckOutput(1, JSON.stringify({ ...REPORT, checks: REPORT.checks.map(({ level: _level, ...c }) => c) }), '');
    assert.deepEqual(old.checks.map((c) => c.level), ['ok', 'fail']);
  });

  it('gives the Test Explorer the message, then what Procore does', () => {
    assert.equal(checkMessage(REPORT.checks[1] as never), 'Answered 400; only a 2xx counts as delivered.\nProcore pauses every delivery to this endpoint.');
    assert.equal(checkMessage(REPORT.checks[0] as never), 'Answered 200 in 3 ms.');
  });

  it('says what went wrong when the CLI refused its arguments, printed no report, or printed another JSON', () => {
    assert.throws(() => parseCheckOutput(2, '', 'hookline: --endpoint: The endpoint uses "ftp:".\n'), /^Error: --endpoint: The endpoint uses "ftp:"\.$/);
    assert.throws(() => parseCheckOutput(1, '', "error: unknown command 'check'"), /did not report \(error: unknown command 'check'\)\. Does the configured CLI have the check command\?/);
    assert.throws(() => parseCheckOutput(0, '{"data":[]}', ''), /not a check report/);
  });
});
