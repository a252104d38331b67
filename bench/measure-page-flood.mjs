/**
 * (8) The web page under a flood: the relay's own page (the Company Webhooks page with its live Deliveries log,
 * activity chart and health) open and signed in, in Debian's Chromium driven by playwright-core, while the flood
 * (flood.mjs) runs at the relay. Read from the page itself:
 *   - long tasks: every main-thread task of 50 ms or more (PerformanceObserver 'longtask', from page load on);
 *     the target is that there is none during the flood;
 *   - the longest gap between animation frames (requestAnimationFrame), which also shows tasks under 50 ms;
 *   - main-thread busy share and JS heap, from the DevTools protocol's Performance.getMetrics once a second;
 *   - DOM size and rows shown at the end, and that the newest row is one of the flood's last events, so the page
 *     was really keeping up and not just idle.
 */
import { existsSync } from 'node:fs';
import { startFloodRig } from './flood.mjs';
import { relayDependency } from './paths.mjs';
import { round, summary } from './stats.mjs';

const CHROMIUM = '/usr/bin/chromium';
const LONG_TASK_MS = 50;

/** Installed before the page's own scripts: collects long tasks and frame gaps into window.__hooklineBench. */
function instrument() {
  const state = { longTasks: [], maxFrameGapMs: 0, frames: 0, measuring: false, startedAt: 0 };
  window.__hooklineBench = state;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) if (state.measuring) state.longTasks.push({ atMs: Math.round(entry.startTime - state.startedAt), ms: Math.round(entry.duration) });
  }).observe({ type: 'longtask', buffered: false });
  let last = performance.now();
  const frame = (now) => {
    if (state.measuring) {
      state.frames += 1;
      state.maxFrameGapMs = Math.max(state.maxFrameGapMs, now - last);
    }
    last = now;
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

function metricsOf(result) {
  return Object.fromEntries(result.metrics.map((m) => [m.name, m.value]));
}

export async function measurePageFlood({ tmpRoot, durationMs, log }) {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install it with "node scripts/ensure-chromium.mjs" (as root: apt-get install -y chromium).`);
  const { chromium } = relayDependency('playwright-core');
  const rig = await startFloodRig({ tmpRoot });
  const context = await chromium.launchPersistentContext(`${rig.dataDir}-chromium`, {
    executablePath: CHROMIUM,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-precise-memory-info'],
    viewport: { width: 1280, height: 900 },
    timeout: 30_000,
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.addInitScript(instrument);
    const login = await rig.relay.api('POST', '/api/web/login-codes');
    await page.goto(`${rig.relay.url}/#login=${login.code}`);
    await page.getByText('Connected', { exact: true }).waitFor({ timeout: 20_000 });
    const cdp = await context.newCDPSession(page);
    await cdp.send('Performance.enable');
    const samples = [];
    let previous = metricsOf(await cdp.send('Performance.getMetrics'));
    await page.evaluate(() => Object.assign(window.__hooklineBench, { measuring: true, startedAt: performance.now() }));
    log(`    page signed in; flooding for ${durationMs / 1000} s`);
    const flood = await rig.flood({
      durationMs,
      sample: async (elapsedMs) => {
        const now = metricsOf(await cdp.send('Performance.getMetrics'));
        const wall = now.Timestamp - previous.Timestamp;
        samples.push({
          s: round(elapsedMs / 1000, 1),
          mainThreadBusy: wall > 0 ? round((now.TaskDuration - previous.TaskDuration) / wall, 2) : null,
          scriptShare: wall > 0 ? round((now.ScriptDuration - previous.ScriptDuration) / wall, 2) : null,
          layoutShare: wall > 0 ? round((now.LayoutDuration - previous.LayoutDuration) / wall, 2) : null,
          styleShare: wall > 0 ? round((now.RecalcStyleDuration - previous.RecalcStyleDuration) / wall, 2) : null,
          layouts: now.LayoutCount - previous.LayoutCount,
          styleRecalcs: now.RecalcStyleCount - previous.RecalcStyleCount,
          heapMiB: round(now.JSHeapUsedSize / 2 ** 20, 1),
          domNodes: now.Nodes,
        });
        previous = now;
      },
    });
    // Let the last WebSocket batches land and render before reading the end state.
    await page.waitForTimeout(500);
    const end = await page.evaluate(() => {
      const state = window.__hooklineBench;
      state.measuring = false;
      const rows = document.querySelectorAll('.hl-deliveries__list > li');
      return { longTasks: state.longTasks, maxFrameGapMs: state.maxFrameGapMs, frames: state.frames, rows: rows.length, newestId: Number(rows[0]?.dataset.id ?? 0), domElements: document.getElementsByTagName('*').length };
    });
    const { data: [latest] } = await rig.relay.api('GET', '/api/deliveries?limit=1');
    const busy = samples.map((s) => s.mainThreadBusy).filter((v) => v !== null);
    const heap = samples.map((s) => s.heapMiB);
    return {
      ...flood,
      browser: (await context.browser()?.version()) ?? 'chromium',
      longTasks: { count: end.longTasks.length, maxMs: Math.max(0, ...end.longTasks.map((t) => t.ms)), thresholdMs: LONG_TASK_MS, list: end.longTasks },
      maxFrameGapMs: round(end.maxFrameGapMs, 1),
      framesPerSec: round(end.frames / (durationMs / 1000), 1),
      mainThreadBusy: summary(busy),
      heapMiB: { start: heap[0] ?? null, end: heap[heap.length - 1] ?? null, max: heap.length ? Math.max(...heap) : null },
      domElements: end.domElements,
      rowsShown: end.rows,
      newestRowId: end.newestId,
      relayNewestId: latest?.id ?? null,
      samples,
    };
  } finally {
    await context.close().catch(() => undefined);
    await rig.close();
  }
}
