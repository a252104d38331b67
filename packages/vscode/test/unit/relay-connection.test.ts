import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import type { WebSocket } from 'ws';
import { isHooklineError } from '@hookline/core';
import { backoffDelay } from '../../src/relay/backoff.js';
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
        ws.send(JSON.stringify({ type: 'hello', protocol: 1, relayVersion: '9.9.9', lastSeq: 42 }));
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

  const connect = (token: string | null = TOKEN, heartbeatMs = 15_000): RelayConnection => {
    const url = `http://127.0.0.1:${relay.port}`;
    connection = new RelayConnection({
      endpoint: () => ({ httpUrl: url, wsUrl: wsUrlFor(url), token, tokenSource: 'test' }),
      backoff: { initialMs: 50, maxMs: 200, jitter: 0 },
      heartbeatMs,
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

  it('reconnects by itself after the relay restarts, and reports the gap', async () => {
    const c = connect();
    await waitFor(c, 'connected');
    const states: string[] = [];
    c.onConnectionState((s) => states.push(s));
    const port = relay.port;
    await relay.stop();
    await waitFor(c, 'notRunning');
    await assert.rejects(c.request('hooks.list', {}), /not connected/);
    relay = new MiniRelay();
    await relay.start(port);
    await waitFor(c, 'connected', 5000);
    assert.deepEqual(states, ['disconnected', 'connected']);
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
