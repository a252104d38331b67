import assert from 'node:assert/strict';
import { runCli } from '../src/cli/program.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';

const PAUSE = 'Procore pauses every delivery to this endpoint and retries this one for up to 12 hours; then it discards the queue.';

describe('hookline deliveries show says what Procore would do about a failed answer', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  before(async () => {
    fx = await startRelayFixture();
    receiver = await startReceiver({ status: 400, headers: { 'content-type': 'application/json' }, body: '{"error":"Missing project_id"}' });
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  async function cli(...args: string[]): Promise<string> {
    const out: string[] = [];
    const code = await runCli(['node', 'hookline', '--url', fx.relay.url, '--data-dir', fx.dataDir, ...args], { print: (t) => out.push(t), printError: (t) => out.push(t) });
    assert.equal(code, 0, out.join('\n'));
    return out.join('\n');
  }

  it('prints the verdict and the consequence under each failed attempt, nothing under a good one', async () => {
    await cli('endpoint', 'set', receiver.url);
    await cli('subscribe', 'Projects', 'update');
    await cli('trigger', 'Projects', 'update');
    await receiver.waitForRequests(1);
    const page = JSON.parse(await cli('deliveries', '--json')) as { data: { id: number }[] };
    const id = String(page.data[0]?.id);
    let shown = '';
    for (let i = 0; i < 100 && !shown.includes('Attempt 1'); i++) {
      shown = await cli('deliveries', 'show', id);
      if (!shown.includes('Attempt 1')) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    assert.match(shown, /Procore would not accept this answer: Answered 400: \{"error":"Missing project_id"\}; only a 2xx counts as delivered\.\n/);
    assert.ok(shown.includes(PAUSE), shown);

    receiver.respondWith({ status: 200 });
    await cli('redeliver', id);
    const after = await cli('deliveries', 'show', id);
    // The first retry is a second away (real time): the manual attempt is the second one.
    const manual = after.slice(after.indexOf('\nAttempt 2 (manual)'));
    assert.ok(manual.length > 1, after);
    assert.doesNotMatch(manual, /Procore would not accept/);
  });
});
