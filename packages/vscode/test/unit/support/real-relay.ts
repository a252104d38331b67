/**
 * The real relay for the DeliveryLog contract: started in this process from @hookline/relay's library entry on
 * 127.0.0.1 with a fresh data dir, delivering to a local receiver, and reached by the extension's own
 * RelayConnection over a real WebSocket (the Node frame adapter around the shared client).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger, defaultRelayOptions, startRelay } from '@hookline/relay';
import type { RunningRelay } from '@hookline/relay';
import { RelayConnection } from '../../../src/relay/relay-connection.js';
import { wsUrlFor } from '../../../src/relay/relay-endpoint.js';
import type { ContractRelay } from './delivery-log-contract.js';

async function startReceiver(): Promise<{ server: Server; url: string; failing: { value: boolean } }> {
  const failing = { value: false };
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(failing.value ? 500 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ received: !failing.value }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, failing };
}

export async function startRealRelay(): Promise<ContractRelay> {
  const receiver = await startReceiver();
  const logger = createLogger({ json: false, out: () => {}, err: () => {} });
  let dataDir = mkdtempSync(join(tmpdir(), 'hookline-contract-'));
  let relay: RunningRelay = await startRelay({ ...defaultRelayOptions(), port: 0, dataDir }, logger);
  const port = Number(new URL(relay.url).port);

  const api = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const response = await fetch(`${relay.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${relay.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok) throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as T;
  };
  const configure = async (): Promise<void> => {
    await api('PUT', '/api/hooks/1/endpoint', { destination_url: `${receiver.url}/hooks` });
    await api('PUT', '/api/hooks/1/triggers/RFIs', { create: true });
  };
  await configure();

  const connection = new RelayConnection({
    endpoint: () => ({ httpUrl: relay.url, wsUrl: wsUrlFor(relay.url), token: relay.token, tokenSource: 'test' }),
    backoff: { initialMs: 20, maxMs: 100, jitter: 0 },
  });
  const connected = (): Promise<void> =>
    new Promise((resolve) => {
      if (connection.status.kind === 'connected') return resolve();
      const off = connection.onStatus((status) => {
        if (status.kind !== 'connected') return;
        off();
        resolve();
      });
    });
  let next = 0;

  return {
    transport: connection,
    connect: async () => {
      connection.start();
      await connected();
    },
    deliver: async (n) => {
      const ids: number[] = [];
      for (let i = 0; i < n; i += 1) {
        const reply = await api<{ deliveries: { id: number }[] }>('POST', '/api/events', { resource_name: 'RFIs', event_type: 'create', resource_id: String(9000 + ++next) });
        ids.push(...reply.deliveries.map((d) => d.id));
      }
      const final = receiver.failing.value ? ['retrying', 'failed'] : ['delivered'];
      const deadline = Date.now() + 15_000;
      for (;;) {
        const page = await api<{ data: { id: number; status: string }[] }>('GET', '/api/deliveries?limit=100');
        if (ids.every((id) => final.includes(page.data.find((d) => d.id === id)?.status ?? ''))) return ids;
        if (Date.now() > deadline) throw new Error(`deliveries ${ids.join()} did not reach ${final.join('/')}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    setFailing: async (failing) => {
      receiver.failing.value = failing;
    },
    disconnect: async () => connection.stop(),
    reconnect: async () => {
      connection.start();
      await connected();
    },
    replaceHistory: async () => {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
      dataDir = mkdtempSync(join(tmpdir(), 'hookline-contract-'));
      relay = await startRelay({ ...defaultRelayOptions(), port, dataDir }, logger);
      await configure();
    },
    close: async () => {
      connection.dispose();
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
      await new Promise<void>((resolve) => receiver.server.close(() => resolve()));
    },
  };
}
