/**
 * (9) The extension under a flood, in the real VS Code extension host: code-server (the host the vscode
 * package's integration tests run, installed by packages/vscode/scripts/install-host.mjs) with the built
 * extension, its workbench open in Debian's Chromium with the Hookline view showing (the Deliveries tree and
 * Company Webhooks, as a person sees it), connected to the flood rig's relay while flood.mjs runs. Read from
 * /proc once a second: the extension host process's CPU (utime + stime) and RSS; from a probe extension in the
 * same host (extension-probe.mjs), its V8 heap, and at the end what Hookline's tree holds.
 * BENCH_EXTENSION_PROFILE=DIR also writes a V8 CPU profile of the extension host over the flood into DIR (read
 * it with `node bench/profile-summary.mjs FILE`); the profiler's own cost then shows in the CPU figures.
 *
 * The extension is loaded as a development extension (the way scripts/vscode-host/workbench.mjs does), not as
 * the packed .vsix: it runs the same dist/extension.js, and it skips vsce and --install-extension (tens of
 * seconds, and a second copy of the extension to keep in step with the build).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { askProbe, writeProbeExtension } from './extension-probe.mjs';
import { startFloodRig } from './flood.mjs';
import { ROOT } from './paths.mjs';
import { round } from './stats.mjs';
import { CODE_SERVER_VERSION, hostPaths } from '../packages/vscode/scripts/host-paths.mjs';
import { startCodeServer } from '../packages/vscode/scripts/vscode-host/code-server.mjs';
import { freePort } from '../packages/vscode/scripts/vscode-host/free-port.mjs';
import { injectDevelopmentOptions } from '../packages/vscode/scripts/vscode-host/workbench.mjs';

const EXTENSION_DIR = join(ROOT, 'packages', 'vscode');
const INSTALL_HOST = join(EXTENSION_DIR, 'scripts', 'install-host.mjs');
const { chromium } = createRequire(join(EXTENSION_DIR, 'package.json'))('playwright-core');
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat. */
const CLOCK_TICKS = 100;
const MiB = 2 ** 20;

/** The host from install-host.mjs, installed now (as the vscode package's tests do) when it is missing. */
function ensureHost(log) {
  const host = hostPaths();
  if (existsSync(host.readyMarker) && existsSync(host.codeServerBin) && existsSync(host.chromium)) return host;
  log(`    the VS Code test host is not installed: running node ${INSTALL_HOST}`);
  const result = spawnSync(process.execPath, [INSTALL_HOST], { stdio: ['ignore', 2, 2], timeout: 20 * 60_000 });
  if (result.status !== 0 || !existsSync(host.readyMarker) || !existsSync(host.chromium)) {
    throw new Error(`the VS Code test host (code-server ${CODE_SERVER_VERSION} and Chromium) is missing and installing it failed; install it with "node packages/vscode/scripts/install-host.mjs"`);
  }
  return host;
}

function procStat(pid) {
  const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may hold spaces and parentheses: the fields after the last ')' are fixed.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(fields[1]), pgrp: Number(fields[2]), ticks: Number(fields[11]) + Number(fields[12]), startTicks: Number(fields[19]) };
}

function cmdline(pid) {
  return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
}

function rssBytes(pid) {
  const kb = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return kb ? Number(kb[1]) * 1024 : null;
}

/**
 * The extension host of this code-server: a descendant of it (code-server runs in its own process group) that
 * the VS Code server forked as `bootstrap-fork --type=extensionHost`. The newest, should a reload leave two.
 */
function findExtensionHost(serverPid) {
  const found = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    try {
      const stat = procStat(pid);
      if (stat.pgrp !== serverPid) continue;
      const args = cmdline(pid);
      if (args.includes('--type=extensionHost')) found.push({ pid, startTicks: stat.startTicks, args });
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  found.sort((a, b) => b.startTicks - a.startTicks);
  return found[0] ?? null;
}

/** Stops code-server's whole process group (server, extension host, file watcher) and waits until it is gone. */
async function stopProcessGroup(pgid) {
  const alive = () => {
    try {
      process.kill(-pgid, 0);
      return true;
    } catch {
      return false;
    }
  };
  const signal = (name) => {
    try {
      process.kill(-pgid, name);
    } catch {}
  };
  if (!alive()) return;
  signal('SIGTERM');
  for (const deadline = Date.now() + 5000; Date.now() < deadline && alive();) await new Promise((r) => setTimeout(r, 100));
  if (alive()) signal('SIGKILL');
}

/** Least-squares slope of y over x. */
function slope(points) {
  const n = points.length;
  if (n < 2) return null;
  const mx = points.reduce((s, p) => s + p.x, 0) / n;
  const my = points.reduce((s, p) => s + p.y, 0) / n;
  let num = 0;
  let den = 0;
  for (const p of points) {
    num += (p.x - mx) * (p.y - my);
    den += (p.x - mx) ** 2;
  }
  return den > 0 ? num / den : null;
}

/** The Deliveries tree in the workbench: rows in the DOM (the tree is virtualised) and root items it holds. */
async function treeShown(page) {
  const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Deliveries' }) }).first();
  const rows = pane.locator('.monaco-list-row');
  const rendered = await rows.count();
  const setSize = rendered > 0 ? Number(await rows.first().getAttribute('aria-setsize')) : 0;
  return { rendered, setSize };
}

export async function measureExtensionFlood({ tmpRoot, durationMs, log }) {
  const host = ensureHost(log);
  if (!existsSync(join(EXTENSION_DIR, 'dist', 'extension.js'))) throw new Error('packages/vscode/dist/extension.js is missing: run "node scripts/pnpm.mjs run -s build:all" first');
  const rig = await startFloodRig({ tmpRoot });
  const root = mkdtempSync(join(tmpRoot, 'vscode-host-'));
  let server;
  let context;
  // code-server runs in a process group of its own, which a Ctrl-C of the bench does not reach.
  const killOnExit = () => {
    try {
      if (server) process.kill(-server.pid, 'SIGKILL');
    } catch {}
  };
  process.once('exit', killOnExit);
  try {
    const workspace = join(root, 'workspace');
    mkdirSync(workspace);
    const probePort = await freePort();
    const probeDir = writeProbeExtension(join(root, 'probe'));
    server = await startCodeServer({
      port: await freePort(),
      root,
      userDataDir: join(root, 'user-data'),
      extensionsDir: join(root, 'extensions'),
      folder: workspace,
      settings: { 'hookline.relay.url': rig.relay.url, 'hookline.relay.dataDir': rig.dataDir, 'hookline.relay.autoStart': false },
      env: { HOOKLINE_BENCH_PROBE_PORT: String(probePort) },
    });
    context = await chromium.launchPersistentContext(join(root, 'chromium'), {
      executablePath: host.chromium,
      headless: true,
      viewport: { width: 1440, height: 900 },
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      timeout: 30_000,
    });
    await context.addInitScript(injectDevelopmentOptions, { devPaths: [EXTENSION_DIR, probeDir] });
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(`${server.url}/?folder=${encodeURIComponent(workspace)}`);
    await page.locator('.statusbar-item', { hasText: 'Hookline: Connected' }).first().waitFor({ timeout: 60_000 });
    // The Hookline container: Company Webhooks and the Deliveries tree, both rendering.
    const container = page.locator('.activitybar .action-item', { has: page.locator('.action-label[aria-label^="Hookline"]') }).first();
    if (!/\bchecked\b/.test((await container.getAttribute('class', { timeout: 20_000 })) ?? '')) await container.click({ timeout: 20_000 });
    await rig.relay.api('POST', '/api/events', { resource_name: 'RFIs', event_type: 'update', resource_id: 1 });
    const deliveriesPane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: 'Deliveries' }) }).first();
    await deliveriesPane.locator('.monaco-list-row', { hasText: 'RFIs · update' }).first().waitFor({ timeout: 30_000 });
    const extensionHost = findExtensionHost(server.pid);
    if (!extensionHost) throw new Error(`no extension host process (--type=extensionHost) in code-server's process group ${server.pid}`);
    const probe = await waitForProbe(probePort);
    if (probe.pid !== extensionHost.pid) throw new Error(`the extension host in /proc is pid ${extensionHost.pid}, the probe runs in pid ${probe.pid}`);
    const profileDir = process.env.BENCH_EXTENSION_PROFILE;
    if (profileDir) await askProbe(probePort, 'profile/start');
    log(`    extension host pid ${extensionHost.pid} connected; flooding for ${durationMs / 1000} s`);

    const samples = [];
    let previous = { ticks: procStat(extensionHost.pid).ticks, at: performance.now() };
    const flood = await rig.flood({
      durationMs,
      sample: async (elapsedMs) => {
        const now = { ticks: procStat(extensionHost.pid).ticks, at: performance.now() };
        const wallS = (now.at - previous.at) / 1000;
        const heap = await askProbe(probePort, 'heap');
        samples.push({
          s: round(elapsedMs / 1000, 1),
          cpuCores: wallS > 0 ? round((now.ticks - previous.ticks) / CLOCK_TICKS / wallS, 2) : null,
          rssMiB: round((rssBytes(extensionHost.pid) ?? NaN) / MiB, 1),
          heapMiB: heap ? round(heap.heapUsedBytes / MiB, 1) : null,
          heapTotalMiB: heap ? round(heap.heapTotalBytes / MiB, 1) : null,
          externalMiB: heap ? round(heap.externalBytes / MiB, 1) : null,
        });
        previous = now;
      },
    });
    let profilePath = null;
    if (profileDir) {
      mkdirSync(profileDir, { recursive: true });
      profilePath = join(profileDir, `extension-host-${extensionHost.pid}.cpuprofile`);
      await askProbe(probePort, 'profile/stop', { path: profilePath });
      log(`    wrote ${profilePath}`);
    }
    // The last pushes and the tree's last refresh.
    await page.waitForTimeout(1000);
    const tree = await treeShown(page);
    const model = await askProbe(probePort, 'tree');
    const { data: [latest] } = await rig.relay.api('GET', '/api/deliveries?limit=1');
    const cpu = samples.map((s) => s.cpuCores).filter((v) => v !== null);
    const rss = samples.map((s) => s.rssMiB).filter((v) => v !== null);
    const heap = samples.map((s) => s.heapMiB).filter((v) => v !== null);
    // RSS growth: the least-squares slope over the second half of the flood. In the first seconds V8 grows its
    // heap to the allocation rate (RSS climbs by tens of MiB, then stays), which says nothing about a leak; a
    // bounded model is flat in the second half, a leak is not. One late resize of V8's heap can still show as a
    // step there, so the heap's floor (its lowest used size, just after a collection) is given for the first and
    // last thirds too: a leak raises the floor, a resize does not.
    const half = Math.max(0, Math.min(Math.floor(samples.length / 2), samples.length - 2));
    const growth = slope(samples.slice(half).filter((s) => s.rssMiB !== null).map((s) => ({ x: s.s / 60, y: s.rssMiB })));
    const third = Math.max(1, Math.floor(samples.length / 3));
    const floor = (part) => {
      const values = part.map((s) => s.heapMiB).filter((v) => v !== null);
      return values.length ? Math.min(...values) : null;
    };
    return {
      ...flood,
      codeServerVersion: CODE_SERVER_VERSION,
      hostPid: extensionHost.pid,
      cpuCores: { mean: cpu.length ? round(cpu.reduce((a, b) => a + b, 0) / cpu.length, 2) : null, max: cpu.length ? Math.max(...cpu) : null },
      rssMiB: { start: rss[0] ?? null, end: rss[rss.length - 1] ?? null, max: rss.length ? Math.max(...rss) : null },
      rssGrowthMiBPerMin: growth === null ? null : round(growth, 1),
      heapMiB: { start: heap[0] ?? null, end: heap[heap.length - 1] ?? null, max: heap.length ? Math.max(...heap) : null },
      heapFloorMiB: { firstThird: floor(samples.slice(0, third)), lastThird: floor(samples.slice(-third)) },
      companyWebhooksLive: model.webviewReady ?? null,
      treeItemsShown: model.deliveriesShown ?? null,
      treeRowsRendered: tree.rendered,
      treeRootItems: tree.setSize,
      newestShownId: model.newestId ?? null,
      relayNewestId: latest?.id ?? null,
      treeRefreshes: model.refresh ?? null,
      profile: profilePath,
      samples,
    };
  } catch (error) {
    const logTail = server ? readTail(server.log) : '';
    if (logTail) error.message += `\ncode-server log (last lines):\n${logTail}`;
    throw error;
  } finally {
    await context?.close().catch(() => undefined);
    if (server) await stopProcessGroup(server.pid);
    process.off('exit', killOnExit);
    await rig.close();
  }
}

/** The probe answers once the extension host has started it (onStartupFinished). */
async function waitForProbe(port) {
  for (const deadline = Date.now() + 30_000; Date.now() < deadline;) {
    const heap = await askProbe(port, 'heap');
    if (heap) return heap;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the bench's probe extension did not answer on 127.0.0.1:${port} within 30 s`);
}

function readTail(path) {
  try {
    return readFileSync(path, 'utf8').trim().split('\n').slice(-15).join('\n');
  } catch {
    return '';
  }
}
