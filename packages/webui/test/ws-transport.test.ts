import assert from 'node:assert/strict';
import { PROTOCOL_VERSION } from '@hookline/core';
import type { ConnectionState, PushMessage } from '@hookline/core';
import { RelayClientError } from '../src/client/index.js';
import { WebSocketTransport } from '../src/page/ws-transport.js';

/** Just enough of the browser's WebSocket for the transport: the test opens, answers and closes it. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static sockets: FakeSocket[] = [];
  readyState = 0;
  closedWith: number | null = null;
  readonly sent: { type: string; id: string; params: unknown }[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.sockets.push(this);
  }
  send(frame: string): void {
    this.sent.push(JSON.parse(frame));
  }
  close(code = 1000): void {
    this.closedWith = code;
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
  }
  hello(protocol: number = PROTOCOL_VERSION): void {
    this.receive({ type: 'hello', protocol, relayVersion: '0.1.0', lastSeq: 0 });
  }
  receive(message: unknown): void {
    this.dispatchEvent(Object.assign(new Event('message'), { data: JSON.stringify(message) }));
  }
  drop(): void {
    this.readyState = 3;
    this.dispatchEvent(new Event('close'));
  }
}

const tick = (ms = 0): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('WebSocketTransport (the page\'s frame adapter)', () => {
  beforeEach(() => {
    FakeSocket.sockets = [];
  });

  const make = (options: Partial<ConstructorParameters<typeof WebSocketTransport>[0]> = {}): WebSocketTransport =>
    new WebSocketTransport({
      url: 'ws://127.0.0.1:4545/ws',
      backoff: { initialMs: 50, maxMs: 100, jitter: 0 },
      createSocket: (url) => new FakeSocket(url) as unknown as WebSocket,
      ...options,
    });

  it('is connected on hello, not on open: requests wait for it, then resolve with their replies', async () => {
    const transport = make();
    const states: ConnectionState[] = [];
    transport.onConnectionState((s) => states.push(s));
    transport.connect();
    const hooks = transport.request('hooks.list', {});
    const socket = FakeSocket.sockets[0] as FakeSocket;
    socket.open();
    assert.equal(socket.sent.length, 0, 'an open socket is not yet a relay that said hello');
    assert.deepEqual(states, ['connecting']);
    socket.hello();
    assert.deepEqual(socket.sent.map((m) => m.type), ['hooks.list']);
    assert.match(socket.sent[0]?.id ?? '', /^page-\d+$/);
    socket.receive({ type: 'reply', id: socket.sent[0]?.id, request: 'hooks.list', result: { hooks: [] } });
    assert.deepEqual(await hooks, { hooks: [] });
    assert.deepEqual(states, ['connecting', 'connected']);
    transport.close();
  });

  it('rejects with the relay\'s coded error as a RelayClientError, and delivers pushes to listeners', async () => {
    const transport = make();
    transport.connect();
    const socket = FakeSocket.sockets[0] as FakeSocket;
    socket.open();
    const pushes: PushMessage[] = [];
    transport.onPush((m) => pushes.push(m));
    socket.hello();
    const refused = transport.request('endpoint.set', { hookId: 1, destinationUrl: 'x' });
    socket.receive({ type: 'error', id: socket.sent[0]?.id, error: { code: 'HOOKLINE_ERR_INVALID_URL', message: 'Not a URL.', field: 'destination_url' } });
    await assert.rejects(refused, (e: unknown) =>
      e instanceof RelayClientError && e.code === 'HOOKLINE_ERR_INVALID_URL' && e.field === 'destination_url' && e.message === 'Not a URL.' && e.source === 'relay' && e.request === 'endpoint.set');
    socket.receive({ type: 'triggers.updated', hookId: 1, grid: {} });
    socket.receive({ type: 'nonsense' });
    assert.deepEqual(pushes.map((p) => p.type), ['hello', 'triggers.updated']);
    transport.close();
  });

  it('fails requests lost with the connection, reads "disconnected" until the next hello, and sends the queued ones then', async () => {
    let failures = 0;
    const transport = make({ onConnectFailure: () => (failures += 1) });
    const states: ConnectionState[] = [];
    transport.onConnectionState((s) => states.push(s));
    transport.connect();
    const first = FakeSocket.sockets[0] as FakeSocket;
    first.open();
    first.hello();
    const lost = transport.request('hooks.list', {});
    first.drop();
    await assert.rejects(lost, (e: unknown) => e instanceof RelayClientError && e.code === 'HOOKLINE_ERR_RELAY_UNREACHABLE' && /connection to the relay was lost/.test(e.message));
    assert.equal(failures, 0, 'it had opened, so this is not a refused upgrade');
    const waiting = transport.request('resources.list', {});
    await tick(80);
    const second = FakeSocket.sockets[1] as FakeSocket;
    assert.ok(second, 'reconnected after the back-off');
    second.drop();
    assert.equal(failures, 1);
    await tick(150);
    const third = FakeSocket.sockets[2] as FakeSocket;
    third.open();
    third.hello();
    assert.deepEqual(third.sent.map((m) => m.type), ['resources.list']);
    third.receive({ type: 'reply', id: third.sent[0]?.id, request: 'resources.list', result: { resources: [] } });
    assert.deepEqual(await waiting, { resources: [] });
    assert.deepEqual(states, ['connecting', 'connected', 'disconnected', 'connected']);
    transport.close();
    await assert.rejects(transport.request('hooks.list', {}), /closed the connection/);
  });

  it('refuses a relay that speaks another protocol: waiting requests fail with the code that says what to update', async () => {
    const transport = make();
    const states: ConnectionState[] = [];
    transport.onConnectionState((s) => states.push(s));
    const pushes: string[] = [];
    transport.onPush((m) => pushes.push(m.type));
    transport.connect();
    const waiting = transport.request('hooks.list', {});
    const socket = FakeSocket.sockets[0] as FakeSocket;
    socket.open();
    socket.hello(PROTOCOL_VERSION + 1);
    await assert.rejects(waiting, (e: unknown) =>
      e instanceof RelayClientError && e.code === 'HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION' && /Update the Hookline extension or the relay/.test(e.message));
    assert.equal(socket.sent.length, 0);
    assert.equal(socket.closedWith, 1002, 'the page closes the socket and retries later');
    assert.deepEqual(pushes, []);
    assert.deepEqual(states, ['connecting', 'disconnected']);
    await assert.rejects(transport.request('hooks.list', {}), /speaks protocol 2; this client speaks 1\. Update/);
    await tick(80);
    const next = FakeSocket.sockets[1] as FakeSocket;
    next.open();
    next.hello();
    assert.deepEqual(states, ['connecting', 'disconnected', 'connected'], 'a relay with this protocol is taken again');
    transport.close();
  });

  it('times out a request the relay never answers, and one that never got out', async () => {
    const transport = make({ requestTimeoutMs: 20 });
    transport.connect();
    const unsent = transport.request('resources.list', {});
    await assert.rejects(unsent, /not reachable.*waited 0 s and was not sent/);
    const socket = FakeSocket.sockets[0] as FakeSocket;
    socket.open();
    socket.hello();
    await assert.rejects(transport.request('hooks.list', {}), /did not answer "hooks.list" within/);
    transport.close();
  });
});
