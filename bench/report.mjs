/** The table on stdout and bench-results.json: figures, ratios, targets, the machine and the date. */
import { writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { DRIVER_LABELS } from './sqlite-runtimes.mjs';
import { fmtInt, fmtMb, fmtMs, round } from './stats.mjs';

export const TARGETS = {
  throughputRatio: 0.3,
  latencyP99Ms: 5,
  pageP99Ms: 1,
  readyMs: 300,
  checkSmokeMs: 2000,
  pageLongTaskMs: 50,
  extensionHostCores: 0.5,
  /** Last third's heap floor over the first third's, at most. */
  heapFloorGrowth: 1.25,
};

export function machine() {
  const list = cpus();
  return {
    cpus: list.length,
    cpuModel: list[0]?.model.trim() ?? 'unknown',
    memoryGb: round(totalmem() / 1024 ** 3, 1),
    os: `${platform()} ${release()}`,
    node: process.version,
  };
}

/** Which targets the figures meet; a figure that was not measured meets nothing. */
export function verdicts(results) {
  const { throughput, latency, log, startup, loopback, check } = results;
  // One ratio per SQLite driver, each to the loopback limit of the same run.
  const ratios = Object.fromEntries(
    Object.entries(throughput ?? {}).map(([driver, t]) => [driver, loopback ? round(t.deliveredPerSec / loopback.reqPerSec, 3) : null]),
  );
  const pageP99 = log ? Math.max(log.sql.newest.p99, log.sql.deepPage.p99, log.sql.failures.p99) : null;
  return {
    throughputRatios: ratios,
    throughputMet: Object.keys(ratios).length > 0 && Object.values(ratios).every((ratio) => ratio !== null && ratio >= TARGETS.throughputRatio),
    latencyMet: latency ? latency.acceptedToReceivedMs.p99 <= TARGETS.latencyP99Ms : false,
    pageQueriesMet: pageP99 !== null && pageP99 <= TARGETS.pageP99Ms,
    startupMet: startup ? startup.readyMs.p50 <= TARGETS.readyMs : false,
    checkRatio: check ? round(check.checkMs.p50 / TARGETS.checkSmokeMs, 2) : null,
    checkMet: check ? check.checkMs.p50 <= TARGETS.checkSmokeMs : false,
    pageFloodMet: results.page ? results.page.longTasks.maxMs < TARGETS.pageLongTaskMs : false,
    // Flat memory is judged on the heap's floor (its lowest point in the first and last third of the flood):
    // V8 growing its heap moves RSS in steps whether or not anything leaks, a leak raises the floor.
    extensionFloodMet: results.extension
      ? results.extension.cpuCores.mean <= TARGETS.extensionHostCores && results.extension.heapFloorMiB.lastThird <= results.extension.heapFloorMiB.firstThird * TARGETS.heapFloorGrowth
      : false,
  };
}

function row(label, figure, target = '', verdict = '') {
  return `${label.padEnd(58)} ${figure.padEnd(34)} ${target.padEnd(13)} ${verdict}`;
}

const mark = (met) => (met ? 'met' : 'SHORT');
const p = (s) => `p50 ${fmtMs(s.p50)} / p99 ${fmtMs(s.p99)} ms`;

export function formatTable(report) {
  const { results: r, verdicts: v, machine: m } = report;
  const lines = [
    `Hookline bench, ${report.mode} run, ${report.date}`,
    `machine: ${m.cpus} x ${m.cpuModel}, ${m.memoryGb} GB, ${m.os}, Node ${m.node}`,
    `layout: ${report.layout}`,
  ];
  const otherDriver = r.latency?.sqliteDriver ?? r.log?.sqliteDriver ?? r.startup?.sqliteDriver;
  if (otherDriver) lines.push(`relay for (3)-(5): Node ${m.node}, SQLite driver ${DRIVER_LABELS[otherDriver] ?? otherDriver}`);
  lines.push(
    '',
    row('measurement', 'figure', 'target', ''),
    row('-'.repeat(58), '-'.repeat(34), '-'.repeat(13), '-----'),
  );
  if (r.loopback) lines.push(row(`1 loopback limit (undici Pool -> node:http, c=${r.loopback.concurrency}, ${r.loopback.payloadBytes} B)`, `${fmtInt(r.loopback.reqPerSec)} req/s`));
  const drivers = Object.entries(r.throughput ?? {});
  if (drivers.length > 0) {
    const [, any] = drivers[0];
    lines.push(row(`2 relay throughput (POST /api/events c=${any.concurrency}, log, 1 WS)`, ''));
    for (const [driver, t] of drivers) {
      const ratio = v.throughputRatios[driver];
      lines.push(row(`  on ${DRIVER_LABELS[driver] ?? driver}, Node ${t.node}`, `${fmtInt(t.deliveredPerSec)} events delivered/s`));
      lines.push(row('    ratio to the loopback limit', ratio === null ? 'n/a' : ratio.toFixed(2), `>= ${TARGETS.throughputRatio.toFixed(2)}`, mark(ratio !== null && ratio >= TARGETS.throughputRatio)));
      lines.push(row('    events accepted (202) per second during the load', `${fmtInt(t.acceptedPerSec)} /s`));
      if (t.relayCpuUsPerEvent !== null) {
        lines.push(row('    relay CPU per event (user + system) / share of a core', `${fmtInt(t.relayCpuUsPerEvent)} us / ${Math.round(t.relayCpuShare * 100)} %`));
      }
    }
  }
  if (r.latency) {
    lines.push(row(`3 latency at ${fmtInt(r.latency.rate)} events/s: accepted -> receiver has it`, p(r.latency.acceptedToReceivedMs), `p99 <= ${TARGETS.latencyP99Ms} ms`, mark(v.latencyMet)));
    lines.push(row('  from the POST being sent (ingest included)', p(r.latency.endToEndMs)));
    lines.push(row('  POST sent -> 202 received (commit included)', p(r.latency.acceptMs)));
    if (r.latency.relayCpuUsPerEvent !== null) {
      lines.push(row('  relay CPU per event / share of a core at this rate', `${fmtInt(r.latency.relayCpuUsPerEvent)} us / ${Math.round(r.latency.relayCpuShare * 100)} %`));
    }
  }
  if (r.log) {
    const rows = fmtInt(r.log.rows);
    const met = (sql) => mark(sql.p99 <= TARGETS.pageP99Ms);
    lines.push(row(`4 deliveries log at ${rows} rows: the query (p50 / p99)`, '', `p99 <= ${TARGETS.pageP99Ms} ms`));
    lines.push(row('  newest 25', p(r.log.sql.newest), '', met(r.log.sql.newest)));
    lines.push(row('  a page deep in the cursor chain', p(r.log.sql.deepPage), '', met(r.log.sql.deepPage)));
    lines.push(row('  newest 25 failures', p(r.log.sql.failures), '', met(r.log.sql.failures)));
    lines.push(row('  through the API, whole round trip: newest 25', p(r.log.api.newest)));
    lines.push(row('    a page deep in the cursor chain', p(r.log.api.deepPage)));
    lines.push(row('    newest 25 failures', p(r.log.api.failures)));
    if (r.log.httpFloor) lines.push(row('    floor: the same GETs to the minimal node:http receiver', p(r.log.httpFloor)));
    lines.push(row('  relay RSS with the log open, after the queries', fmtMb(r.log.relayRssBytes)));
  }
  if (r.startup) {
    lines.push(row(`5 start-up to the ready line, ${fmtInt(r.startup.rows)} rows (${r.startup.runs} runs): shipped bundle`, `p50 ${fmtMs(r.startup.readyMs.p50)} / max ${fmtMs(r.startup.readyMs.max)} ms`, `<= ${TARGETS.readyMs} ms`, mark(v.startupMet)));
    if (r.startup.checkout) lines.push(row('    this checkout\'s bin (tsc output, one file per module)', `p50 ${fmtMs(r.startup.checkout.readyMs.p50)} / max ${fmtMs(r.startup.checkout.readyMs.max)} ms`));
  }
  if (r.prune) {
    const pr = r.prune;
    lines.push(row(`7 retention: prune ${pr.rows.toLocaleString('en-US')} deliveries (+ attempts, events)`, `${fmtMs(pr.pruneMs)} ms, ${Math.round(pr.rowsPerS).toLocaleString("en-US")} deliveries/s, ${pr.pruned.left} left`));
    lines.push(row('    longest event-loop pause while pruning', `${fmtMs(pr.longestPauseMs)} ms (idle baseline ${fmtMs(pr.idleLongestPauseMs)} ms), loop delay p99 ${fmtMs(pr.p99DelayMs)} ms`));
  }
  if (r.check) {
    lines.push(row(`6 hookline check --scenario smoke, start to exit (${r.check.runs} runs)`, `p50 ${fmtMs(r.check.checkMs.p50)} / max ${fmtMs(r.check.checkMs.max)} ms, ${v.checkRatio} of target`, `<= ${TARGETS.checkSmokeMs} ms`, mark(v.checkMet)));
    lines.push(row('    floor: hookline --version (the CLI loading)', `p50 ${fmtMs(r.check.versionMs.p50)} ms`));
  }
  if (r.page) {
    const pg = r.page;
    lines.push(row(`8 web page in Chromium, ${pg.durationMs / 1000} s at ${fmtInt(pg.rate)} ev/s (${fmtInt(pg.achievedRate)} reached): longest task`, pg.longTasks.count === 0 ? `none of ${TARGETS.pageLongTaskMs} ms or more (the browser reports only those)` : `${pg.longTasks.maxMs} ms (${pg.longTasks.count} of ${TARGETS.pageLongTaskMs} ms or more)`, `< ${TARGETS.pageLongTaskMs} ms`, mark(v.pageFloodMet)));
    lines.push(row('    main thread busy (p50 / max of 1 s samples), longest frame gap', `${pg.mainThreadBusy.p50} / ${pg.mainThreadBusy.max} of a core, ${fmtMs(pg.maxFrameGapMs)} ms, ${pg.framesPerSec} frames/s`));
    lines.push(row('    JS heap start / end / max, rows shown, newest row', `${pg.heapMiB.start} / ${pg.heapMiB.end} / ${pg.heapMiB.max} MiB, ${pg.rowsShown} rows, #${pg.newestRowId} (relay's newest #${pg.relayNewestId})`));
  }
  if (r.extension) {
    const ex = r.extension;
    lines.push(row(`9 extension host (VS Code), ${ex.durationMs / 1000} s at ${fmtInt(ex.rate)} ev/s: CPU mean / max`, `${ex.cpuCores.mean} / ${ex.cpuCores.max} cores`, `<= ${TARGETS.extensionHostCores} cores`, mark(v.extensionFloodMet)));
    lines.push(row('    JS heap floor, first third -> last third of the flood', `${ex.heapFloorMiB.firstThird} -> ${ex.heapFloorMiB.lastThird} MiB`, `<= x${TARGETS.heapFloorGrowth}`));
    lines.push(row('    RSS start / end / max, slope over the second half', `${ex.rssMiB.start} / ${ex.rssMiB.end} / ${ex.rssMiB.max} MiB, ${ex.rssGrowthMiBPerMin} MiB/min`));
    lines.push(row('    the tree at the end: deliveries shown, newest', `${ex.treeItemsShown}, #${ex.newestShownId} (relay's newest #${ex.relayNewestId})`));
  }
  for (const [name, result] of [...drivers.map(([driver, t]) => [`throughput on ${DRIVER_LABELS[driver] ?? driver}`, t]), ['latency', r.latency]]) {
    if (result && result.delivered < result.events) lines.push('', `warning: ${name}: only ${result.delivered} of ${result.events} accepted events reached the receiver in time.`);
  }
  const busy = [
    ['loopback limit', r.loopback],
    ...drivers.map(([driver, t]) => [`throughput on ${DRIVER_LABELS[driver] ?? driver}`, t]),
    ['latency', r.latency],
  ].filter(([, result]) => result?.machineCpu?.otherCores >= 0.1);
  if (busy.length > 0) {
    lines.push('', `other processes on this machine were busy during: ${busy.map(([name, result]) => `${name} (${result.machineCpu.otherCores.toFixed(2)} cores)`).join(', ')}; those figures are lower than a quiet machine gives.`);
  }
  lines.push('', ...report.notes.map((n) => `note: ${n}`));
  return lines.join('\n');
}

export function writeResults(path, report) {
  writeFileSync(path, `${JSON.stringify(report, null, 2)}\n`);
}
