import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import type { Server as TcpServer, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { readFileSync, rmSync } from 'node:fs';
import { makeDataDir } from './support/relay-fixture.js';
import { spawnRelay, stopRelay } from './support/relay-process.js';

interface AttemptJson {
  duration_ms: number;
  response_status: number | null;
  response_body: string | null;
  response_body_truncated: boolean;
  error_code: string | null;
}

const BIG_BODY_BYTES = 50 * 1024 * 1024;

/** Endpoints that misbehave in the ways real ones do. Each listens on 127.0.0.1. */
async function startMisbehavingEndpoints() {
  const sockets = new Set<Socket>();
  let redirectTargetHits = 0;
  let bigRequests = 0;
  const http = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      switch (req.url) {
        case '/sleep':
          setTimeout(() => res.writeHead(200).end('too late'), 10_000).unref();
          return;
        case '/big': {
          res.writeHead(200, { 'content-type': 'application/json' });
          // The first answer is small: it warms the relay up, so the memory check compares like with like.
          bigRequests += 1;
          if (bigRequests === 1) {
            res.end('{"ok":true}');
            return;
          }
          const chunk = Buffer.alloc(64 * 1024, 0x61);
          let sent = 0;
          const pump = (): void => {
            while (sent < BIG_BODY_BYTES) {
              sent += chunk.length;
              if (!res.write(chunk)) {
                res.once('drain', pump);
                return;
              }
            }
            res.end();
          };
          pump();
          return;
        }
        case '/reset':
          req.socket.destroy();
          return;
        case '/redirect':
          res.writeHead(302, { location: '/target' }).end();
          return;
        case '/target':
          redirectTargetHits += 1;
          res.writeHead(200).end();
          return;
        default:
          res.writeHead(404).end();
      }
    });
  });
  http.on('connection', (s) => sockets.add(s));
  // Accepts connections and never reads a byte of the request.
  const deaf: TcpServer = createTcpServer((socket) => {
    sockets.add(socket);
    socket.pause();
  });
  await new Promise<void>((r) => http.listen(0, '127.0.0.1', r));
  await new Promise<void>((r) => deaf.listen(0, '127.0.0.1', r));
  const httpBase = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  return {
    urls: {
      sleep: `${httpBase}/sleep`,
      big: `${httpBase}/big`,
      reset: `${httpBase}/reset`,
      redirect: `${httpBase}/redirect`,
      deaf: `http://127.0.0.1:${(deaf.address() as AddressInfo).port}/deaf`,
    },
    redirectTargetHits: () => redirectTargetHits,
    close: async () => {
      for (const s of sockets) s.destroy();
      await Promise.all([closeServer(http), closeServer(deaf)]);
    },
  };
}

function closeServer(server: Server | TcpServer): Promise<void> {
  return new Promise((resolve) => server.close(() => resolve()));
}

function rssOf(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return match ? Number(match[1]) * 1024 : 0;
}

describe('reliability: misbehaving endpoints', function () {
  this.timeout(60_000);

  it('records each failure with the right error code and keeps the relay memory bounded', async () => {
    const endpoints = await startMisbehavingEndpoints();
    const dataDir = makeDataDir();
    const relay = await spawnRelay(dataDir);
    try {
      const hookIds = new Map<string, number>();
      for (const [name, url] of Object.entries(endpoints.urls)) {
        const res = await relay.api('/api/hooks', { method: 'POST', json: { namespace: `bad-${name}`, destination_url: url } });
        assert.equal(res.status, 201, await res.clone().text());
        const id = ((await res.json()) as { data: { id: number } }).data.id;
        hookIds.set(name, id);
        assert.equal((await relay.api(`/api/hooks/${id}/triggers/RFIs`, { method: 'PUT', json: { create: true } })).status, 200);
      }
      const postEvent = async (resourceId: number): Promise<void> => {
        assert.equal((await relay.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'create', resource_id: resourceId } })).status, 202);
      };
      await postEvent(1);

      const firstAttempt = async (name: string, deliveriesBefore = 0): Promise<AttemptJson> => {
        const deadline = Date.now() + 15_000;
        while (Date.now() < deadline) {
          const page = (await (await relay.api(`/api/deliveries?hook_id=${hookIds.get(name)}`)).json()) as { data: { id: number; attempt_count: number }[] };
          const delivery = page.data.length > deliveriesBefore ? page.data[0] : undefined;
          if (delivery && delivery.attempt_count > 0) {
            const detail = (await (await relay.api(`/api/deliveries/${delivery.id}`)).json()) as { data: { attempts: AttemptJson[] } };
            return detail.data.attempts[0]!;
          }
          await new Promise((r) => setTimeout(r, 100));
        }
        throw new Error(`no attempt recorded for ${name}`);
      };

      const [sleep, warmUp, reset, redirect, deaf] = await Promise.all(['sleep', 'big', 'reset', 'redirect', 'deaf'].map((name) => firstAttempt(name)));
      assert.equal(warmUp!.response_status, 200);
      const rssBefore = rssOf(relay.child.pid!);
      const peakBefore = relay.peakRssBytes();
      // The other hooks are paused behind their failures; only the healthy one gets this event.
      await postEvent(2);
      const big = await firstAttempt('big', 1);
      assert.equal(sleep!.error_code, 'timeout');
      assert.ok(sleep!.duration_ms >= 4900 && sleep!.duration_ms < 7000, `timed out after ${sleep!.duration_ms} ms`);
      assert.equal(deaf!.error_code, 'timeout', 'an endpoint that never reads the request times out');
      assert.equal(reset!.error_code, 'connection');
      assert.equal(redirect!.error_code, 'http');
      assert.equal(redirect!.response_status, 302);
      assert.equal(endpoints.redirectTargetHits(), 0, 'the redirect is not followed');
      assert.equal(big!.response_status, 200);
      assert.equal(big!.error_code, null);
      assert.equal(big!.response_body_truncated, true);
      assert.equal(big!.response_body!.length, 64 * 1024, 'the first 64 KiB are kept');

      await new Promise((r) => setTimeout(r, 300));
      const peak = relay.peakRssBytes();
      console.log(`      relay RSS ${(rssBefore / 2 ** 20).toFixed(1)} MiB (peak ${(peakBefore / 2 ** 20).toFixed(1)}) before the ${BIG_BODY_BYTES / 2 ** 20} MiB response, peak ${(peak / 2 ** 20).toFixed(1)} MiB after`);
      assert.ok(peak - peakBefore < 16 * 2 ** 20, 'the 50 MB body was not buffered');
      const health = await relay.api('/api/health');
      assert.equal(health.status, 200, 'the relay is still up');
    } finally {
      await stopRelay(relay);
      await endpoints.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
