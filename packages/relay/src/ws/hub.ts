/**
 * The relay's WebSocket endpoint (/ws): authenticated at the HTTP upgrade (token, Host, Origin), kept honest
 * with a ping/pong heartbeat, pushing batched changes and answering typed requests.
 */
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';
import { HooklineError, PROTOCOL_VERSION, isClientRequest, isHooklineError } from '@hookline/core';
import type { ErrorMessage, PushMessage, ReplyMessage, ServerMessage } from '@hookline/core';
import { checkHost, checkOrigin, checkToken } from '../access/guards.js';
import type { AccessPolicy } from '../access/guards.js';
import { codedError } from '../http/error-handler.js';
import type { RelayService } from '../service/types.js';
import { storageHealthOf } from '../store/storage-status.js';
import { RELAY_VERSION } from '../version.js';
import { dispatchRequest } from './dispatch.js';
import { PushBatcher } from './push-batcher.js';

export interface WsHubOptions {
  server: Server;
  service: RelayService;
  access: AccessPolicy;
  heartbeatMs?: number;
  reportError: (error: unknown) => void;
}

const MAX_MESSAGE_BYTES = 1024 * 1024;
const NO_CLIENTS: ReadonlySet<WebSocket> = new Set();
/** A client this far behind is dropped; it reconnects and asks for the backlog instead of growing our memory. */
const MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

export interface WsHub {
  clientCount(): number;
  close(): Promise<void>;
}

export function attachWsHub(options: WsHubOptions): WsHub {
  const { server, service, access } = options;
  // The ws package is loaded for the first client, not while the relay starts (`npm run bench`: start-up).
  let wss: WebSocketServer | null = null;
  let loading: Promise<WebSocketServer> | null = null;
  let closed = false;
  const alive = new WeakMap<WebSocket, boolean>();
  const clients = (): ReadonlySet<WebSocket> => wss?.clients ?? NO_CLIENTS;

  const broadcast = (message: PushMessage): void => {
    if (clients().size === 0) return; // nobody to tell: skip the serializing too
    const frame = JSON.stringify(message);
    for (const client of clients()) {
      if (client.readyState !== client.OPEN) continue;
      if (client.bufferedAmount > MAX_BUFFERED_BYTES) {
        client.close(1013, 'Too far behind; reconnect and ask for the backlog');
        continue;
      }
      client.send(frame);
    }
  };
  const batcher = new PushBatcher({ send: broadcast });
  const unsubscribe = service.changes.subscribe((change) => batcher.accept(change));

  const onUpgrade = (req: IncomingMessage, socket: Duplex, head: Buffer): void => {
    const path = new URL(req.url ?? '/', 'http://relay.invalid').pathname;
    if (path !== '/ws') {
      refuse(socket, 404, 'Not Found');
      return;
    }
    try {
      checkHost(req, access);
      checkOrigin(req, access);
      checkToken(req, access, true);
    } catch (error) {
      const status = isHooklineError(error) ? error.status : 400;
      refuse(socket, status, status === 401 ? 'Unauthorized' : 'Forbidden');
      return;
    }
    loading ??= import('ws').then(({ WebSocketServer: Server }) => {
      wss = new Server({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
      wss.on('connection', onConnection);
      return wss;
    });
    loading.then(
      (ready) => {
        if (closed) socket.destroy();
        else ready.handleUpgrade(req, socket, head, (ws) => ready.emit('connection', ws, req));
      },
      (error: unknown) => {
        options.reportError(error);
        refuse(socket, 500, 'Internal Server Error');
      },
    );
  };
  server.on('upgrade', onUpgrade);

  const onConnection = (ws: WebSocket): void => {
    alive.set(ws, true);
    ws.on('pong', () => alive.set(ws, true));
    ws.on('error', () => ws.terminate());
    ws.on('message', (data, isBinary) => {
      void handleMessage(ws, isBinary ? null : data.toString());
    });
    send(ws, { type: 'hello', protocol: PROTOCOL_VERSION, relayVersion: RELAY_VERSION, lastSeq: service.lastSeq(), storage: storageHealthOf(service.storageHealth()) });
  };

  const handleMessage = async (ws: WebSocket, text: string | null): Promise<void> => {
    let parsed: unknown;
    try {
      if (text === null) throw new HooklineError('HOOKLINE_ERR_MALFORMED_JSON', 'Send text frames holding one JSON message each.');
      parsed = JSON.parse(text);
    } catch (error) {
      const coded = isHooklineError(error) ? error : new HooklineError('HOOKLINE_ERR_MALFORMED_JSON', 'The message is not valid JSON.');
      send(ws, errorMessage(null, coded));
      return;
    }
    if (!isClientRequest(parsed)) {
      const id = typeof (parsed as { id?: unknown })?.id === 'string' ? ((parsed as { id: string }).id.slice(0, 128)) : null;
      send(ws, errorMessage(id, new HooklineError('HOOKLINE_ERR_UNKNOWN_MESSAGE', 'Each message must be {"type": <request type>, "id": <string>, "params": {…}}; see PROTOCOL in @hookline/core.')));
      return;
    }
    try {
      const result = await dispatchRequest(service, parsed);
      send(ws, { type: 'reply', id: parsed.id, request: parsed.type, result } as ReplyMessage);
    } catch (error) {
      const { coded, unexpected } = codedError(error, (cause) => service.storageError(cause));
      if (unexpected) options.reportError(error);
      send(ws, errorMessage(parsed.id, coded));
    }
  };

  const heartbeat = setInterval(() => {
    for (const ws of clients()) {
      if (alive.get(ws) === false) {
        ws.terminate();
        continue;
      }
      alive.set(ws, false);
      ws.ping();
    }
  }, options.heartbeatMs ?? 30_000);
  heartbeat.unref();

  return {
    clientCount: () => clients().size,
    close: async () => {
      closed = true;
      clearInterval(heartbeat);
      unsubscribe();
      batcher.flush();
      batcher.dispose();
      server.off('upgrade', onUpgrade);
      const ready = loading ? await loading.catch(() => null) : null;
      if (!ready) return;
      for (const ws of ready.clients) ws.close(1001, 'Relay shutting down');
      await new Promise<void>((resolve) => ready.close(() => resolve()));
    },
  };
}

function send(ws: WebSocket, message: ServerMessage): void {
  if (ws.readyState === ws.OPEN) ws.send(JSON.stringify(message));
}

function errorMessage(id: string | null, error: HooklineError): ErrorMessage {
  return { type: 'error', id, error: error.toBody().error };
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}
