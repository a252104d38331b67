/**
 * The bench's own worker processes (receiver, load): started with an IPC channel, driven by request/reply
 * messages, optionally pinned to one CPU with taskset so each side of a measurement gets a core of its own.
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

let tasksetChecked;

/** True when `taskset` can pin processes here (Linux with util-linux). */
export function canPin() {
  tasksetChecked ??= spawnSync('taskset', ['-p', String(process.pid)], { stdio: 'ignore' }).status === 0;
  return tasksetChecked;
}

/** Pins every thread of a running process to one CPU; a no-op when cpu is null or taskset is missing. */
export function pin(pid, cpu) {
  if (cpu === null || cpu === undefined || !canPin()) return;
  spawnSync('taskset', ['-a', '-p', '-c', String(cpu), String(pid)], { stdio: 'ignore' });
}

/** Lets a process run on every CPU again. */
export function unpin(pid, cpuCount) {
  if (!canPin()) return;
  spawnSync('taskset', ['-a', '-p', '-c', `0-${cpuCount - 1}`, String(pid)], { stdio: 'ignore' });
}

/** Starts `bench/<name>.mjs` as a worker; `call(cmd, args)` sends one request and resolves with its reply. */
export function startWorker(name) {
  const script = fileURLToPath(new URL(`./${name}.mjs`, import.meta.url));
  const child = spawn(process.execPath, [script], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
  const pending = new Map();
  let nextId = 1;
  let exited = false;
  child.on('message', (message) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.error) waiter.reject(new Error(`${name}: ${message.error}`));
    else waiter.resolve(message.result);
  });
  child.on('exit', (code, signal) => {
    exited = true;
    for (const waiter of pending.values()) waiter.reject(new Error(`${name} exited (${signal ?? code}) before answering`));
    pending.clear();
  });
  return {
    pid: child.pid,
    call(cmd, args = {}) {
      if (exited) return Promise.reject(new Error(`${name} is not running`));
      const id = nextId++;
      return new Promise((resolve, reject) => {
        pending.set(id, { resolve, reject });
        child.send({ id, cmd, args });
      });
    },
    async stop() {
      if (exited) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await gone;
      clearTimeout(timer);
    },
  };
}

/** Child side: answers the parent's requests with `handlers[cmd](args)`. */
export function serveRequests(handlers) {
  process.on('message', async ({ id, cmd, args }) => {
    try {
      const handler = handlers[cmd];
      if (!handler) throw new Error(`unknown command ${cmd}`);
      const result = await handler(args);
      process.send({ id, result });
    } catch (error) {
      process.send({ id, error: error instanceof Error ? error.message : String(error) });
    }
  });
  process.on('disconnect', () => process.exit(0));
}

/** The machine-wide monotonic clock (CLOCK_MONOTONIC) in ms: the same clock in every process on the host. */
export function monoMs() {
  return Number(process.hrtime.bigint()) / 1e6;
}
