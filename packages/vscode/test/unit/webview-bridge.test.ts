import assert from 'node:assert/strict';
import { HooklineError } from '@hookline/core';
import type { ConnectionState, PushMessage, RelayTransport, RequestType } from '@hookline/core';
import { WebviewBridge } from '../../src/company-webhooks/webview-bridge.js';
import { contentSecurityPolicy, webviewHtml } from '../../src/company-webhooks/webview-html.js';
import type { HostCommand, HostToWebview } from '../../src/webview-protocol/webview-messages.js';
import { settle } from './support/fake-relay.js';

class FakeTransport implements RelayTransport {
  pushes = new Set<(m: PushMessage) => void>();
  states = new Set<(s: ConnectionState) => void>();
  seen: { type: RequestType; params: unknown }[] = [];
  async request(type: RequestType, params: unknown): Promise<never> {
    this.seen.push({ type, params });
    if (type === 'trigger.set') throw new HooklineError('HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', 'Bids does not offer create.', { field: 'create' });
    return { hookId: 1, resourceName: 'RFIs', eventTypes: ['create'] } as never;
  }
  onPush(l: (m: PushMessage) => void) {
    this.pushes.add(l);
    return () => this.pushes.delete(l);
  }
  onConnectionState(l: (s: ConnectionState) => void) {
    this.states.add(l);
    return () => this.states.delete(l);
  }
}

function setup() {
  const transport = new FakeTransport();
  const posted: HostToWebview[] = [];
  const commands: HostCommand[] = [];
  const bridge = new WebviewBridge({
    transport,
    connection: { state: () => 'connected', relayUrl: () => 'http://127.0.0.1:4545', detail: () => '' },
    post: (m) => posted.push(m),
    runCommand: (c) => commands.push(c),
  });
  return { transport, posted, commands, bridge };
}

describe('WebviewBridge', () => {
  it('answers ready with init, and only then forwards pushes and connection changes', () => {
    const { transport, posted, bridge } = setup();
    assert.equal(transport.pushes.size, 0);
    bridge.handle({ type: 'ready' });
    assert.deepEqual(posted[0], { type: 'init', connection: 'connected', relayUrl: 'http://127.0.0.1:4545', detail: '' });
    for (const l of transport.pushes) l({ type: 'triggers.updated', hookId: 1, grid: { RFIs: ['create'] } });
    for (const l of transport.states) l('disconnected');
    assert.deepEqual(posted.slice(1).map((m) => m.type), ['push', 'connection']);
    bridge.handle({ type: 'ready' });
    assert.equal(transport.pushes.size, 1, 'a reloaded page does not subscribe twice');
    bridge.dispose();
    assert.equal(transport.pushes.size, 0);
  });

  it('forwards requests and posts typed replies, including the relay’s coded refusal', async () => {
    const { transport, posted, bridge } = setup();
    bridge.handle({ type: 'request', id: 1, request: 'trigger.set', params: { hookId: 1, resourceName: 'Bids', create: true } });
    bridge.handle({ type: 'request', id: 2, request: 'triggers.get', params: { hookId: 1 } });
    await settle();
    assert.deepEqual(transport.seen.map((s) => s.type), ['trigger.set', 'triggers.get']);
    const refusal = posted.find((m) => m.type === 'reply' && m.id === 1);
    assert.deepEqual(refusal, { type: 'reply', id: 1, ok: false, error: { code: 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', message: 'Bids does not offer create.', field: 'create' } });
    assert.equal(posted.find((m) => m.type === 'reply' && m.id === 2)?.type, 'reply');
  });

  it('ignores malformed messages and unknown request types; runs page commands', () => {
    const { transport, posted, commands, bridge } = setup();
    bridge.handle({ type: 'request', id: 'x', request: 'trigger.set', params: {} });
    bridge.handle({ type: 'request', id: 3, request: 'shell.exec', params: {} });
    bridge.handle('ready');
    bridge.handle({ type: 'command', command: 'startRelay' });
    bridge.handle({ type: 'command', command: 'rm -rf' });
    assert.equal(transport.seen.length, 0);
    assert.equal(posted.length, 0);
    assert.deepEqual(commands, ['startRelay']);
  });

  it('serves the page with a strict CSP: no inline script, nonce only, extension resources only', () => {
    const html = webviewHtml({ cspSource: 'https://x.vscode-cdn.net', nonce: 'abc123', scriptUri: 'https://x/main.js', styleUris: ['https://x/main.css'] });
    assert.equal(contentSecurityPolicy('https://x.vscode-cdn.net', 'abc123'), "default-src 'none'; style-src https://x.vscode-cdn.net; font-src https://x.vscode-cdn.net; img-src https://x.vscode-cdn.net data:; script-src 'nonce-abc123'");
    assert.match(html, /<script nonce="abc123" src="https:\/\/x\/main.js"><\/script>/);
    assert.doesNotMatch(html, /unsafe-inline|unsafe-eval/);
    assert.equal((html.match(/<script/g) ?? []).length, 1);
  });
});
