/**
 * A real HTTP receiver on 127.0.0.1 for delivery tests: it records each request (method, path, headers, the exact
 * raw body bytes, arrival time) and answers as scripted, per request.
 */
import { createServer, type IncomingHttpHeaders, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';

export interface ReceivedRequest {
  index: number;
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  /** Header names exactly as sent, with their values, in order. */
  rawHeaders: string[];
  body: Buffer;
  /** The client's port: equal ports mean one reused keep-alive connection. */
  remotePort: number | undefined;
  /** performance.now() when the body was complete. */
  at: number;
  /** Date.now() at the same moment. */
  receivedAt: number;
}

export interface ScriptedResponse {
  status?: number;
  headers?: Record<string, string>;
  body?: string | Buffer;
  /** Wait this long before answering. */
  delayMs?: number;
  /** Never answer (until the receiver closes). */
  hang?: boolean;
  /** Destroy the socket without answering. */
  reset?: boolean;
}

export type Responder = (request: ReceivedRequest) => ScriptedResponse;

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly requests: ReceivedRequest[];
  /** Requests being handled right now. */
  readonly active: number;
  readonly maxActive: number;
  /** Answer every request with `responder` from now on. */
  respondWith(responder: Responder | ScriptedResponse): void;
  /** Resolves once at least `count` requests arrived (rejects after `timeoutMs`). */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedRequest[]>;
  close(): Promise<void>;
}

/** `port` 0 picks a free one; pass a former receiver's port to bring an endpoint back after an outage. */
export async function startReceiver(initial: Responder | ScriptedResponse = { status: 200, body: 'ok' }, port = 0): Promise<Receiver> {
  let responder: Responder = typeof initial === 'function' ? initial : () => initial;
  const requests: ReceivedRequest[] = [];
  const waiters: { count: number; resolve: () => void }[] = [];
  const pendingTimers = new Set<NodeJS.Timeout>();
  let active = 0;
  let maxActive = 0;

  const answer = (res: ServerResponse, scripted: ScriptedResponse): void => {
    active -= 1;
    if (scripted.reset) {
      res.socket?.destroy();
      return;
    }
    res.writeHead(scripted.status ?? 200, scripted.headers ?? { 'content-type': 'text/plain' });
    res.end(scripted.body ?? '');
  };

  const server = createServer((req, res) => {
    active += 1;
    maxActive = Math.max(maxActive, active);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const request: ReceivedRequest = {
        index: requests.length,
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        rawHeaders: req.rawHeaders,
        body: Buffer.concat(chunks),
        remotePort: req.socket.remotePort,
        at: performance.now(),
        receivedAt: Date.now(),
      };
      requests.push(request);
      for (const waiter of [...waiters]) {
        if (requests.length >= waiter.count) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve();
        }
      }
      const scripted = responder(request);
      if (scripted.hang) return;
      if (scripted.delayMs) {
        const timer = setTimeout(() => {
          pendingTimers.delete(timer);
          answer(res, scripted);
        }, scripted.delayMs);
        pendingTimers.add(timer);
      } else {
        answer(res, scripted);
      }
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const boundPort = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${boundPort}`,
    port: boundPort,
    requests,
    get active() {
      return active;
    },
    get maxActive() {
      return maxActive;
    },
    respondWith(next) {
      responder = typeof next === 'function' ? next : () => next;
    },
    waitForRequests(count, timeoutMs = 5000) {
      if (requests.length >= count) return Promise.resolve(requests);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error(`Expected ${count} requests within ${timeoutMs} ms; got ${requests.length}.`));
        }, timeoutMs);
        const waiter = {
          count,
          resolve: () => {
            clearTimeout(timer);
            resolve(requests);
          },
        };
        waiters.push(waiter);
      });
    },
    close() {
      for (const timer of pendingTimers) clearTimeout(timer);
      return new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
    },
  };
}
