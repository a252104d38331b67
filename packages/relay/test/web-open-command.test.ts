import assert from 'node:assert/strict';
import { Command } from 'commander';
import { openInBrowser } from '../src/cli/browser.js';
import { registerOpenCommand } from '../src/cli/open-command.js';
import { startWebRelay } from './support/web-fixture.js';
import type { WebRelay } from './support/web-fixture.js';

describe('hookline open', () => {
  let relay: WebRelay;
  before(async () => {
    relay = await startWebRelay();
  });
  after(() => relay.stop());

  const run = async (args: string[], opener: (url: string) => Promise<boolean>): Promise<string[]> => {
    const out: string[] = [];
    const program = new Command().exitOverride().option('--url <url>').option('--data-dir <dir>');
    registerOpenCommand(program, (t) => out.push(t), opener);
    await program.parseAsync(['node', 'hookline', '--url', relay.url, '--data-dir', relay.dataDir, 'open', ...args]);
    return out;
  };

  it('prints a one-time link (not the token) and opens it in the browser', async () => {
    const opened: string[] = [];
    const out = await run([], async (url) => {
      opened.push(url);
      return true;
    });
    const link = new RegExp(`^Company Webhooks: ${relay.url}/#login=[A-Za-z0-9_-]{40,}$`);
    assert.match(out[0] ?? '', link);
    assert.match(out[1] ?? '', /one-time link.*expires in 2 minutes/);
    assert.equal(out[2], 'Opened in your browser.');
    assert.deepEqual(opened, [out[0]?.slice('Company Webhooks: '.length)]);
    assert.ok(!out.join('\n').includes(relay.relay.token));
  });

  it('still prints the link when no browser opens, and never tries with --no-browser', async () => {
    const failed = await run([], async () => false);
    assert.equal(failed[2], 'Could not open a browser here: open the link above yourself.');
    let tried = false;
    const quiet = await run(['--no-browser'], async () => (tried = true));
    assert.equal(quiet.length, 2);
    assert.equal(tried, false);
  });

  it('the best-effort opener reports a launcher that cannot run, without throwing', async () => {
    assert.equal(await openInBrowser('http://127.0.0.1:1/', { BROWSER: '/nonexistent/browser' }, 'linux'), false);
    assert.equal(await openInBrowser('http://127.0.0.1:1/', { BROWSER: 'false' }, 'linux'), false);
  });
});
