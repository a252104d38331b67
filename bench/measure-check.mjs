/**
 * (6) `hookline check --scenario smoke`: from just before spawning `node packages/relay/bin/hookline.js check
 * --endpoint URL --scenario smoke` to its exit, against a node:http receiver in this process answering 200 at
 * once. That covers the whole run a CI job pays: Node and the CLI loading, the ephemeral relay starting in its
 * temp data dir, the 8 smoke events through the real queue and sender, and the relay's close and clean-up.
 * `hookline --version` (the same CLI loading, nothing run) is timed alongside as the floor. One unmeasured run first.
 */
import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import { performance } from 'node:perf_hooks';
import { HOOKLINE_BIN } from './paths.mjs';
import { round, summary } from './stats.mjs';

const RUN_TIMEOUT_MS = 30_000;

function timedRun(args) {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = spawn(process.execPath, [HOOKLINE_BIN, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (chunk) => (out += chunk));
    child.stderr.on('data', (chunk) => (out += chunk));
    const timer = setTimeout(() => child.kill('SIGKILL'), RUN_TIMEOUT_MS);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(timer);
      const ms = performance.now() - t0;
      if (code !== 0) reject(new Error(`hookline ${args.join(' ')} exited ${code}:\n${out}`));
      else resolve({ ms, out });
    });
  });
}

export async function measureCheck({ mode }) {
  let requests = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      requests += 1;
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('ok');
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${server.address().port}/hooks`;
  try {
    const args = ['check', '--endpoint', endpoint, '--scenario', 'smoke'];
    const first = await timedRun(args);
    const lastLine = first.out.trim().split('\n').at(-1);
    const checkMs = [];
    const versionMs = [];
    for (let i = 0; i < mode.runs; i++) {
      checkMs.push((await timedRun(args)).ms);
      versionMs.push((await timedRun(['--version'])).ms);
    }
    const check = summary(checkMs);
    return {
      runs: checkMs.length,
      result: lastLine,
      requestsPerRun: requests / (checkMs.length + 1),
      checkMs: check,
      versionMs: summary(versionMs),
      allMs: checkMs.map((t) => round(t, 1)),
    };
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
