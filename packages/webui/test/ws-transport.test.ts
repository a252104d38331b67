import assert from 'node:assert/strict';
import type { ConnectionState, PushMessage } from '@hookline/core';
import { RelayRequestError, WebSocketTransport } from '../src/page/ws-transport.js';

/** Just enough of the browser's WebSocket for the transport: the test opens, answers and closes it. */
class FakeSocket extends EventTarget {
  static readonly OPEN = 1;
  static sockets: FakeSocket[] = [];
  readyState = 0;
  readonly sent: { type: string; id: string; params: unknown }[] = [];
  constructor(readonly url: string) {
    super();
    FakeSocket.sockets.push(this);
  }
  send(frame: string): void {
    this.sent.push(JSON.parse(frame));
  }
  close(): void {
    this.drop();
  }
  open(): void {
    this.readyState = 1;
    this.dispatchEvent(new Event('open'));
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

describe('WebSocketTransport', () => {
  let saved: unknown;
  beforeEach(() => {
    saved = (globalThis as Record<string, unknown>).WebSocket;
    (globalThis as Record<string, unknown>).WebSocket = FakeSocket;
    FakeSocket.sockets = [];
  });
  afterEach(() => {
    (globalThis as Record<string, unknown>).WebSocket = saved;
  });

  const make = (options: Partial<ConstructorParameters<typeof WebSocketTransport>[0]> = {}): WebSocketTransport =>
    new WebSocketTransport({ url: 'ws://127.0.0.1:4545/ws', createSocket: (url) => new FakeSocket(url) as unknown as WebSocket, ...options });

  it('holds requests until the socket opens, then resolves each with its reply', async () => {
    const transport = make();
    const states: ConnectionState[] = [];
    transport.onConnectionState((s) => states.push(s));
    transport.connect();
    const hooks = transport.request('hooks.list', {});
    const socket = FakeSocket.sockets[0] as FakeSocket;
    assert.equal(socket.sent.length, 0);
    socket.open();
    assert.deepEqual(socket.sent.map((m) => m.type), ['hooks.list']);
    socket.receive({ type: 'reply', id: socket.sent[0]?.id, request: 'hooks.list', result: { hooks: [] } });
    assert.deepEqual(await hooks, { hooks: [] });
    assert.deepEqual(states, ['connecting', 'connected']);
    transport.close();
  });

  it('rejects with the relay\'s coded error, and delivers pushes to listeners', async () => {
    const transport = make();
    transport.connect();
    const socket = FakeSocket.sockets[0] as FakeSocket;
    socket.open();
    const pushes: PushMessage[] = [];
    transport.onPush((m) => pushes.push(m));
    const refused = transport.request('endpoint.set', { hookId: 1, destinationUrl: 'x' });
    socket.receive({ type: 'error', id: socket.sent[0]?.id, error: { code: 'HOOKLINE_ERR_INVALID_URL', message: 'Not a URL.', field: 'destination_url' } });
    await assert.rejects(refused, (e: unknown) => e instanceof RelayRequestError && e.code === 'HOOKLINE_ERR_INVALID_URL' && e.field === 'destination_url' && e.message === 'Not a URL.');
    socket.receive({ type: 'triggers.updated', hookId: 1, grid: {} });
    socket.receive({ type: 'nonsense' });
    assert.deepEqual(pushes.map((p) => p.type), ['triggers.updated']);
    transport.close();
  });

  it('fails requests lost with the connection, reconnects, and resends the ones not yet sent', async () => {
    let failures = 0;
    const transport = make({ onConnectFailure: () => (failures += 1) });
    const states: ConnectionState[] = [];
    transport.onConnectionState((s) => states.push(s));
    transport.connect();
    const first = FakeSocket.sockets[0] as FakeSocket;
    first.open();
    const lost = transport.request('hooks.list', {});
    first.drop();
    await assert.rejects(lost, /connection to the relay was lost/);
    assert.equal(failures, 0, 'it had opened, so this is not a refused upgrade');
    const waiting = transport.request('resources.list', {});
    await tick(300);
    const second = FakeSocket.sockets[1] as FakeSocket;
    assert.ok(second, 'reconnected after the back-off');
    second.drop();
    assert.equal(failures, 1);
    await tick(600);
    const third = FakeSocket.sockets[2] as FakeSocket;
    third.open();
    assert.deepEqual(third.sent.map((m) => m.type), ['resources.list']);
    third.receive({ type: 'reply', id: third.sent[0]?.id, request: 'resources.list', result: { resources: [] } });
    assert.deepEqual(await waiting, { resources: [] });
    assert.deepEqual(states, ['connecting', 'connected', 'disconnected', 'connecting', 'disconnected', 'connecting', 'connected']);
    transport.close();
  });

  it('times out a request the relay never answers', async () => {
    const transport = make({ requestTimeoutMs: 20 });
    transport.connect();
    (FakeSocket.sockets[0] as FakeSocket).open();
    await assert.rejects(transport.request('hooks.list', {}), /did not answer within/);
    transport.close();
  });
});
