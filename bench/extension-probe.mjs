/**
 * A throw-away second development extension for measure-extension-flood.mjs. It runs in the same extension host
 * as Hookline and answers on 127.0.0.1 (the port in HOOKLINE_BENCH_PROBE_PORT) what only that process can
 * tell: its pid (to check the one found in /proc), its V8 heap, what Hookline's tree holds (through Hookline's
 * own API: the root nodes VS Code receives, the refresh counts), and on request a V8 CPU profile and a sampling
 * allocation profile of the extension host (node:inspector, in-process). One GET a second costs the host well under a millisecond.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** The probe's whole `activate`, written out as CommonJS: it must not use anything from this module. */
function activate(context) {
  const http = require('node:http');
  const v8 = require('node:v8');
  const inspector = require('node:inspector');
  const { writeFileSync: write } = require('node:fs');
  const vscode = require('vscode');
  const port = Number(process.env.HOOKLINE_BENCH_PROBE_PORT);
  if (!port) return;
  let session = null;
  const post = (method, params = {}) => new Promise((resolve, reject) => session.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
  const routes = {
    async heap() {
      const heap = v8.getHeapStatistics();
      const { external, arrayBuffers } = process.memoryUsage();
      return { pid: process.pid, heapUsedBytes: heap.used_heap_size, heapTotalBytes: heap.total_heap_size, externalBytes: external, arrayBuffersBytes: arrayBuffers };
    },
    async tree() {
      const hookline = vscode.extensions.getExtension('hookline.hookline');
      if (!hookline?.isActive) return { active: false };
      const api = hookline.exports;
      const nodes = await api.deliveries.rootNodes();
      const deliveries = nodes.filter((node) => node.kind === 'delivery').map((node) => node.delivery);
      return {
        active: true,
        status: api.status().kind,
        rootNodes: nodes.length,
        deliveriesShown: deliveries.length,
        newestId: deliveries[0]?.id ?? null,
        newestStatus: deliveries[0]?.status ?? null,
        lastSeenSeq: api.deliveries.lastSeenSeq(),
        refresh: api.deliveries.refreshStats(),
        webviewReady: api.companyWebhooks.isReady(),
      };
    },
    async 'profile/start'() {
      session = new inspector.Session();
      session.connect();
      await post('Profiler.enable');
      await post('Profiler.setSamplingInterval', { interval: 500 });
      await post('Profiler.start');
      await post('HeapProfiler.enable');
      await post('HeapProfiler.startSampling', { samplingInterval: 16384, includeObjectsCollectedByMajorGC: true, includeObjectsCollectedByMinorGC: true });
      return { started: true };
    },
    async 'profile/stop'(query) {
      const { profile } = await post('Profiler.stop');
      const { profile: allocations } = await post('HeapProfiler.stopSampling');
      session.disconnect();
      session = null;
      const path = query.get('path');
      write(path, JSON.stringify(profile));
      write(path.replace(/\.cpuprofile$/, '.heapprofile'), JSON.stringify(allocations));
      return { written: path };
    },
  };
  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const route = routes[url.pathname.slice(1)];
    const reply = (status, body) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(body));
    };
    if (!route) return reply(404, { error: `no ${url.pathname}` });
    route(url.searchParams).then((body) => reply(200, body), (error) => reply(500, { error: String(error?.stack ?? error) }));
  });
  server.listen(port, '127.0.0.1');
  context.subscriptions.push({ dispose: () => server.close() });
}

/** Writes the probe extension into `dir` and returns `dir` (a development extension path). */
export function writeProbeExtension(dir) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'package.json'), JSON.stringify({
    name: 'hookline-bench-probe',
    publisher: 'hookline-bench',
    version: '0.0.0',
    engines: { vscode: '^1.101.0' },
    main: './extension.js',
    activationEvents: ['onStartupFinished'],
  }, null, 1));
  writeFileSync(join(dir, 'extension.js'), `'use strict';\nexports.activate = ${activate.toString()};\n`);
  return dir;
}

/** The bench's side: GET a probe route; null while the probe is not up yet. */
export async function askProbe(port, route, query = {}) {
  const search = new URLSearchParams(query).toString();
  try {
    const response = await fetch(`http://127.0.0.1:${port}/${route}${search ? `?${search}` : ''}`, { signal: AbortSignal.timeout(10_000) });
    const body = await response.json();
    if (!response.ok) throw new Error(`the extension probe's /${route} answered ${response.status}: ${body.error}`);
    return body;
  } catch (error) {
    if (error?.cause?.code === 'ECONNREFUSED') return null;
    throw error;
  }
}
