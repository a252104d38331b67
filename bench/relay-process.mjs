/**
 * Runs the real relay the way people do (`hookline relay --json`), in its own process, and talks to its API.
 * `readyMs` is the time from just before the spawn to the ready line on stdout. The JSON log lines that follow
 * (two per attempt) are read and dropped, as a tool reading the relay's stdout would.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { monoMs } from './child.mjs';
import { HOOKLINE_BIN, relayDependency } from './paths.mjs';

const { Client } = relayDependency('undici');
/** USER_HZ: the unit of utime/stime in /proc/<pid>/stat (100 on Linux). */
const CLOCK_TICKS = 100;
/** Relay processes this bench started and that are still running, for clean-up on Ctrl-C. */
const live = new Set();

export function killRelays() {
  for (const child of live) child.kill('SIGKILL');
}

/**
 * `node` is the Node binary the relay runs on (default: the bench's own) and `bin` the entry it runs (default:
 * this checkout's bin); `sqliteDriver` is passed as
 * --sqlite-driver when given (default: the relay picks), and the ready line must then name it.
 */
export async function startRelayProcess({ dataDir, maxInFlight, nodeArgs = [], timeoutMs = 20_000, node = process.execPath, sqliteDriver, extraArgs = [], bin = HOOKLINE_BIN }) {
  const args = [...nodeArgs, bin, 'relay', '--json', '--host', '127.0.0.1', '--port', '0', '--data-dir', dataDir, ...extraArgs];
  if (maxInFlight !== undefined) args.push('--max-in-flight', String(maxInFlight));
  if (sqliteDriver !== undefined) args.push('--sqlite-driver', sqliteDriver);
  const startMs = monoMs();
  const child = spawn(node, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  let stderr = '';
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text) => { stderr = (stderr + text).slice(-4000); if (process.env.BENCH_RELAY_STDERR) process.stderr.write(text); });
  const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));

  const ready = await new Promise((resolve, reject) => {
    let head = '';
    const timer = setTimeout(() => fail(new Error(`no ready line within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error) => {
      clearTimeout(timer);
      child.kill('SIGKILL');
      reject(new Error(`${error.message}; relay stderr: ${stderr.trim().slice(-800) || '(empty)'}`));
    };
    const onData = (chunk) => {
      const at = monoMs();
      head += chunk.toString('utf8');
      // The ready line is the relay's first JSON line; lines before it (node's own flags, e.g. --trace-gc) are skipped.
      for (let newline = head.indexOf('\n'); newline >= 0; newline = head.indexOf('\n')) {
        const text = head.slice(0, newline);
        head = head.slice(newline + 1);
        if (!text.startsWith('{')) {
          if (process.env.BENCH_RELAY_STDERR) process.stderr.write(`${text}\n`);
          continue;
        }
        clearTimeout(timer);
        child.stdout.off('data', onData);
        child.stdout.on('data', drainLines);
        try {
          const line = JSON.parse(text);
          if (line.event !== 'ready') throw new Error(`the first JSON line on stdout is not the ready line: ${text.slice(0, 200)}`);
          if (sqliteDriver !== undefined && line.sqliteDriver !== sqliteDriver) throw new Error(`asked for --sqlite-driver ${sqliteDriver}, the relay runs on ${line.sqliteDriver}`);
          resolve({ line, at });
        } catch (error) {
          fail(error);
        }
        return;
      }
    };
    // After the ready line: read and drop the log, except that lines node itself writes go to stderr when asked.
    const drainLines = process.env.BENCH_RELAY_STDERR
      ? (chunk) => {
          for (const text of chunk.toString('utf8').split('\n')) if (text && !text.startsWith('{')) process.stderr.write(`${text}\n`);
        }
      : () => {};
    child.stdout.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`relay exited (${signal ?? code}) before its ready line`)));
  });

  const token = readFileSync(join(dataDir, 'token'), 'utf8').trim();
  const url = ready.line.url;
  if (new URL(url).hostname !== '127.0.0.1') throw new Error(`relay is not on 127.0.0.1: ${url}`);
  const client = new Client(url, { keepAliveTimeout: 30_000 });
  const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

  async function api(method, path, body) {
    const response = await client.request({ method, path, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await response.body.text();
    if (response.statusCode >= 300) throw new Error(`${method} ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
    return text ? JSON.parse(text) : null;
  }

  return {
    pid: child.pid,
    url,
    wsUrl: ready.line.ws,
    /** The relay's SQLite driver, from its ready line: node (node:sqlite) or better-sqlite3. */
    sqliteDriver: ready.line.sqliteDriver,
    token,
    readyMs: ready.at - startMs,
    api,
    /** One GET, timed around the whole round trip (keep-alive connection, sequential); the body is returned unparsed. */
    async timedGet(path) {
      const t0 = monoMs();
      const response = await client.request({ method: 'GET', path, headers });
      const text = await response.body.text();
      const ms = monoMs() - t0;
      if (response.statusCode !== 200) throw new Error(`GET ${path} answered ${response.statusCode}: ${text.slice(0, 300)}`);
      return { ms, text };
    },
    /** CPU time (user + system) the relay process has used so far, in ms, from /proc (Linux); null elsewhere. */
    cpuMs() {
      try {
        const fields = readFileSync(`/proc/${child.pid}/stat`, 'utf8').split(') ')[1].split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
      } catch {
        return null;
      }
    },
    /** Resident set size in bytes, from /proc (Linux) */
    rssBytes() {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = /VmRSS:\s+(\d+) kB/.exec(status);
        return kb ? Number(kb[1]) * 1024 : null;
      } catch {
        return null;
      }
    },
    async stop() {
      await client.close().catch(() => undefined);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      const result = await exited;
      clearTimeout(timer);
      return result;
    },
  };
}

/** Points the relay's default hook at `destinationUrl` and subscribes it to `resource` `eventType`. */
export async function configureHook(relay, { destinationUrl, authorization, resource, eventType }) {
  const { data: hooks } = await relay.api('GET', '/api/hooks');
  const hook = hooks.find((h) => h.namespace === 'hookline') ?? hooks[0];
  if (!hook) throw new Error('the relay has no hook');
  await relay.api('PUT', `/api/hooks/${hook.id}/endpoint`, { destination_url: destinationUrl, authorization });
  await relay.api('PUT', `/api/hooks/${hook.id}/triggers/${encodeURIComponent(resource)}`, { [eventType]: true });
  return hook.id;
}
