import assert from 'node:assert/strict';
import * as vscode from 'vscode';
import type { CheckReport } from '../../src/check/check-report.js';
import { shared } from './support/context.js';

describe('Check Receiver (Test Explorer)', function () {
  this.timeout(60_000);

  it('runs smoke against the hook’s endpoint through hookline check: every check passes', async () => {
    shared.receiver.status = 200;
    const before = shared.receiver.received.length;
    const report = await vscode.commands.executeCommand<CheckReport | undefined>('hookline.checkReceiver', 'smoke');
    assert.ok(report, 'the check ran and reported');
    assert.equal(report.failed, 0, JSON.stringify(report));
    assert.deepEqual([...new Set(report.checks.map((c) => c.scenario))], ['smoke']);
    assert.ok(shared.receiver.received.length - before >= report.checks.length, 'each check was a real request to the receiver');
  });

  it('a receiver answering 400 fails each check, with why and what Procore does', async () => {
    shared.receiver.status = 400;
    try {
      const report = await vscode.commands.executeCommand<CheckReport | undefined>('hookline.checkReceiver', 'company-level');
      assert.ok(report);
      assert.ok(report.checks.length >= 3);
      assert.equal(report.failed, report.checks.length);
      for (const check of report.checks) {
        assert.match(check.message, /^Answered 400: .*only a 2xx counts as delivered\.$/);
        assert.match(check.consequence ?? '', /^Procore pauses every delivery to this endpoint and retries this one for up to 12 hours/);
      }
    } finally {
      shared.receiver.status = 200;
    }
  });
});
