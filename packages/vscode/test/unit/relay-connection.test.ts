import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { PROTOCOL_VERSION, isHooklineError } from '@hookline/core';
import { RelayClientError, backoffDelay } from '@hookline/webui/client';
import { RelayConnection } from '../../src/relay/relay-connection.js';
import type { RelayStatus } from '../../src/relay/relay-connection.js';
import { wsUrlFor } from '../../src/relay/relay-endpoint.js';

const TOKEN = 'test-token-0123456789';

/** A tiny relay stand-in: token check at upgrade, hello, echo replies to hooks.list, and controllable pongs. */
class MiniRelay {
  server: Server = createServer();
  wss = new WebSocketServer({ noServer: true, autoPong: true });
  sockets = new Set<WebSocket>();
  port = 0;
  protocol: number = PROTOCOL_VERSION;

  async start(port = 0): Promise<void> {
    this.server = createServer();
    this.wss = new WebSocketServer({ noServer: true });
    this.server.on('upgrade', (req, socket, head) => {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) {
        socket.end('HTTP/1.1 401 Unauthorized\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      this.wss.handleUpgrade(req, socket, head, (ws) => {
        this.sockets.add(ws);
        ws.on('close', () => this.sockets.delete(ws));
        ws.on('message', (data) => {
          const request = JSON.parse(String(data)) as { id: string; type: string };
          if (request.type === 'hooks.list') ws.send(JSON.stringify({ type: 'reply', id: request.id, request: request.type, result: { hooks: [] } }));
          else ws.send(JSON.stringify({ type: 'error', id: request.id, error: { code: 'HOOKLINE_ERR_UNKNOWN_RESOURCE', message: 'Unknown resource "X".', field: 'resourceName' } }));
        });
        ws.send(JSON.stringify({ type: 'hello', protocol: this.protocol, relayVersion: '9.9.9', lastSeq: 42 }));
      });
    });
    await new Promise<void>((resolve) => this.server.listen(port, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
  }

  async stop(): Promise<void> {
    for (const ws of this.sockets) ws.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function waitFor(connection: RelayConnection, kind: RelayStatus['kind'], timeoutMs = 5000): Promise<RelayStatus> {
  if (connection.status.kind === kind) return Promise.resolve(connection.status);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      off();
      reject(new Error(`status stayed ${connection.status.kind}, wanted ${kind}`));
    }, timeoutMs);
    const off = connection.onStatus((status) => {
      if (status.kind !== kind) return;
      clearTimeout(timer);
      off();
      resolve(status);
    });
  });
}

describe('RelayConnection (against a WebSocket server on 127.0.0.1)', () => {
  let relay: MiniRelay;
  let connection: RelayConnection | undefined;
  beforeEach(async () => {
    relay = new MiniRelay();
    await relay.start();
  });
  afterEach(async () => {
    connection?.dispose();
    connection = undefined;
    await relay.stop();
  });

  const connect = (token: string | null = TOKEN, heartbeatMs = 15_000, requestTimeoutMs?: number): RelayConnection => {
    const url = `http://127.0.0.1:${relay.port}`;
    connection = new RelayConnection({
      endpoint: () => ({ httpUrl: url, wsUrl: wsUrlFor(url), token, tokenSource: 'test' }),
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      heartbeatMs,
      ...(requestTimeoutMs === undefined ? {} : { requestTimeoutMs }),
    });
    connection.start();
    return connection;
  };

  it('connects, says hello, and answers requests with typed replies and coded errors', async () => {
    const c = connect();
    const pushes: string[] = [];
    c.onPush((m) => pushes.push(m.type));
    const status = await waitFor(c, 'connected');
    assert.equal(status.kind === 'connected' && status.relayVersion, '9.9.9');
    assert.deepEqual(pushes, ['hello']);
    assert.deepEqual(await c.request('hooks.list', {}), { hooks: [] });
    await assert.rejects(c.request('resources.list', {}), (error: unknown) => isHooklineError(error) && error.code === 'HOOKLINE_ERR_UNKNOWN_RESOURCE' && error.field === 'resourceName');
  });

  it('reconnects by itself after the relay restarts, reports the gap, and sends what was asked meanwhile', async () => {
    const c = connect();
    await waitFor(c, 'connected');
    const states: string[] = [];
    c.onConnectionState((s) => states.push(s));
    const port = relay.port;
    await relay.stop();
    await waitFor(c, 'notRunning');
    const asked = c.request('hooks.list', {});
    relay = new MiniRelay();
    await relay.start(port);
    await waitFor(c, 'connected', 5000);
    assert.deepEqual(await asked, { hooks: [] }, 'a request made while the relay was away is held, not refused');
    assert.deepEqual(states, ['connected', 'disconnected', 'connected']);
  });

  it('a request that waits longer than its timeout for the relay says so, with what to do', async () => {
    const port = relay.port;
    await relay.stop();
    relay = new MiniRelay();
    const url = `http://127.0.0.1:${port}`;
    connection = new RelayConnection({ endpoint: () => ({ httpUrl: url, wsUrl: wsUrlFor(url), token: TOKEN, tokenSource: 'test' }), backoff: { initialMs: 50, maxMs: 100, jitter: 0 }, requestTimeoutMs: 100 });
    connection.start();
    await assert.rejects(connection.request('hooks.list', {}), (error: unknown) =>
      error instanceof RelayClientError && error.code === 'HOOKLINE_ERR_RELAY_UNREACHABLE' && /not connected to the relay at .*Start Relay.*was not sent/.test(error.message));
    connection.stop();
    await assert.rejects(connection.request('hooks.list', {}), /connection was stopped/);
  });

  it('refuses a relay that speaks another protocol version, and keeps retrying', async () => {
    relay.protocol = PROTOCOL_VERSION + 1;
    const c = connect(TOKEN, 15_000, 2000);
    const asked = c.request('hooks.list', {});
    const status = await waitFor(c, 'reconnecting');
    assert.match(status.kind === 'reconnecting' ? status.reason : '', /speaks protocol 2; this client speaks 1\. .*Update the Hookline extension or the relay/);
    await assert.rejects(asked, (error: unknown) => isHooklineError(error) && error.code === 'HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION');
    relay.protocol = PROTOCOL_VERSION;
    await waitFor(c, 'connected', 3000);
  });

  it('says "token refused" on 401 and keeps retrying', async () => {
    const c = connect('wrong-token');
    const status = await waitFor(c, 'unauthorized');
    assert.match(status.kind === 'unauthorized' ? status.reason : '', /refused the token/);
    c.stop();
    assert.equal(c.status.kind, 'stopped');
  });

  it('says "not running" when nothing listens', async () => {
    const port = relay.port;
    await relay.stop();
    relay = new MiniRelay();
    const url = `http://127.0.0.1:${port}`;
    connection = new RelayConnection({ endpoint: () => ({ httpUrl: url, wsUrl: wsUrlFor(url), token: TOKEN, tokenSource: 'test' }), backoff: { initialMs: 50, maxMs: 100, jitter: 0 } });
    connection.start();
    const status = await waitFor(connection, 'notRunning');
    assert.match(status.kind === 'notRunning' ? status.reason : '', /ECONNREFUSED/);
    await relay.start(port);
    await waitFor(connection, 'connected');
  });

  it('drops a connection whose relay stops answering heartbeats, then reconnects', async () => {
    const c = connect(TOKEN, 100);
    await waitFor(c, 'connected');
    // Freeze the server side of the socket: no pongs, no frames.
    for (const ws of relay.sockets) (ws as unknown as { _socket: { pause(): void } })._socket.pause();
    const status = await waitFor(c, 'reconnecting', 3000);
    assert.match(status.kind === 'reconnecting' ? status.reason : '', /heartbeats/);
    await waitFor(c, 'connected', 3000);
  });

  it('backs off exponentially up to the cap, with bounded jitter', () => {
    const options = { initialMs: 500, maxMs: 10_000, jitter: 0.2 };
    assert.deepEqual([0, 1, 2, 3, 4, 5, 10].map((n) => backoffDelay(n, options, () => 0.5)), [500, 1000, 2000, 4000, 8000, 10_000, 10_000]);
    assert.equal(backoffDelay(0, options, () => 0), 400);
    assert.equal(backoffDelay(0, options, () => 1), 600);
    assert.equal(backoffDelay(20, options, () => 1), 10_000);
  });
});
