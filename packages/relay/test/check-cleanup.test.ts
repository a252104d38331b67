import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { HOOKLINE_BIN } from './support/relay-process.js';
import { runCheckCli, scratchDir } from './support/check-cli.js';
import { startReceiver } from './support/receiver.js';

describe('hookline check leaves nothing behind', function () {
  this.timeout(20_000);
  const scratch = scratchDir();
  const env = { ...process.env, TMPDIR: scratch.dir };
  after(() => scratch.remove());

  it('removes its temp data dir after a run, and when stopped with Ctrl-C mid-run (exit 130)', async () => {
    const receiver = await startReceiver({ hang: true });
    try {
      const child = spawn(process.execPath, [HOOKLINE_BIN, 'check', '--endpoint', receiver.url, '--scenario', 'smoke'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
      await receiver.waitForRequests(1, 10_000);
      assert.equal(readdirSync(scratch.dir).filter((n) => n.startsWith('hookline-check-')).length, 1, 'the relay runs in a temp dir');
      child.kill('SIGINT');
      assert.equal(await exited, 130);
      assert.deepEqual(readdirSync(scratch.dir), []);
    } finally {
      await receiver.close();
    }
    const good = await startReceiver({ status: 200 });
    try {
      const result = await runCheckCli(['--endpoint', good.url, '--scenario', 'duplicates'], 20_000, env);
      assert.equal(result.code, 0, result.stderr);
      assert.deepEqual(readdirSync(scratch.dir), []);
    } finally {
      await good.close();
    }
  });
});
