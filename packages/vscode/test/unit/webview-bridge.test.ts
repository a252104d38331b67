import assert from 'node:assert/strict';
import { HooklineError, PROTOCOL_VERSION } from '@hookline/core';
import type { ConnectionState, HelloMessage, PushMessage, RelayTransport, RequestType } from '@hookline/core';
import { WebviewBridge } from '../../src/company-webhooks/webview-bridge.js';
import { contentSecurityPolicy, webviewHtml } from '../../src/company-webhooks/webview-html.js';
import { PostMessageTransport } from '../../src/webview/post-message-transport.js';
import type { HostCommand, HostToWebview } from '../../src/webview-protocol/webview-messages.js';
import { settle } from './support/fake-relay.js';

const HELLO: HelloMessage = { type: 'hello', protocol: PROTOCOL_VERSION, relayVersion: '0.1.0', lastSeq: 7 };

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
    connection: { state: () => 'connected', relayUrl: () => 'http://127.0.0.1:4545', detail: () => '', hello: () => HELLO },
    post: (m) => posted.push(m),
    runCommand: (c) => commands.push(c),
  });
  return { transport, posted, commands, bridge };
}

describe('WebviewBridge', () => {
  it('answers ready with init and the current hello, and only then forwards pushes and connection changes', () => {
    const { transport, posted, bridge } = setup();
    assert.equal(transport.pushes.size, 0);
    bridge.handle({ type: 'ready' });
    assert.deepEqual(posted[0], { type: 'init', connection: 'connected', relayUrl: 'http://127.0.0.1:4545', detail: '' });
    assert.deepEqual(posted[1], { type: 'relay', frame: HELLO }, 'a page that joins late hears the hello of the connection it joins');
    for (const l of transport.pushes) l({ type: 'triggers.updated', hookId: 1, grid: { RFIs: ['create'] } });
    for (const l of transport.states) l('disconnected');
    assert.deepEqual(posted.slice(2).map((m) => (m.type === 'relay' ? m.frame.type : m.type)), ['triggers.updated', 'connection']);
    bridge.handle({ type: 'ready' });
    assert.equal(transport.pushes.size, 1, 'a reloaded page does not subscribe twice');
    bridge.dispose();
    assert.equal(transport.pushes.size, 0);
  });

  it('answers request frames with reply and error frames, including the relay’s coded refusal', async () => {
    const { transport, posted, bridge } = setup();
    bridge.handle({ type: 'relay', frame: { type: 'trigger.set', id: 'webview-1', params: { hookId: 1, resourceName: 'Bids', create: true } } });
    bridge.handle({ type: 'relay', frame: { type: 'triggers.get', id: 'webview-2', params: { hookId: 1 } } });
    await settle();
    assert.deepEqual(transport.seen.map((s) => s.type), ['trigger.set', 'triggers.get']);
    const frames = posted.flatMap((m) => (m.type === 'relay' ? [m.frame] : []));
    assert.deepEqual(frames.find((f) => f.type === 'error'), { type: 'error', id: 'webview-1', error: { code: 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED', message: 'Bids does not offer create.', field: 'create' } });
    assert.deepEqual(frames.find((f) => f.type === 'reply'), { type: 'reply', id: 'webview-2', request: 'triggers.get', result: { hookId: 1, resourceName: 'RFIs', eventTypes: ['create'] } });
  });

  it('carries the webview\'s RelayClient end to end: connected on the forwarded hello, replies matched, errors coded', async () => {
    const clone = <T>(message: T): T => JSON.parse(JSON.stringify(message)) as T;
    let webview!: PostMessageTransport;
    const bridge = new WebviewBridge({
      transport: new FakeTransport(),
      connection: { state: () => 'connected', relayUrl: () => 'http://127.0.0.1:4545', detail: () => '', hello: () => HELLO },
      post: (message) => webview.receive(clone(message)),
      runCommand: () => {},
    });
    webview = new PostMessageTransport((message) => bridge.handle(clone(message)));
    const states: ConnectionState[] = [];
    webview.onConnectionState((s) => states.push(s));
    const early = webview.request('triggers.get', { hookId: 1 });
    bridge.handle({ type: 'ready' });
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.deepEqual(await early, { hookId: 1, resourceName: 'RFIs', eventTypes: ['create'] }, 'asked before the page was told anything, sent after hello');
    await assert.rejects(webview.request('trigger.set', { hookId: 1, resourceName: 'Bids', create: true }), (e: unknown) =>
      e instanceof HooklineError && e.code === 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED' && e.field === 'create');
  });

  it('ignores malformed messages and unknown request types; runs page commands', () => {
    const { transport, posted, commands, bridge } = setup();
    bridge.handle({ type: 'relay', frame: { type: 'trigger.set', id: 7, params: {} } });
    bridge.handle({ type: 'relay', frame: { type: 'shell.exec', id: 'webview-3', params: {} } });
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
