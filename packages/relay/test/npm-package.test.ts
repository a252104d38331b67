/**
 * The npm package as a person installs it: `npm run package`'s tarball (scripts/pack.mjs), `npm install -g`
 * into an empty prefix with an empty HOME (the machine's ~/.npmrc only), on Node 20 and on Node 24. The installed
 * `hookline` then serves /api/health and delivers an event to a real receiver. Workspace packages exist on no
 * registry, so the fresh HOME's .npmrc points the @hookline scope at a dead address: an install that needed one
 * fails instead of finding a stale copy somewhere.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { findNode24, node24Missing } from '../../../scripts/ensure-node24.mjs';
import { cleanNpmEnv } from '../../vscode/scripts/host-install-env.mjs';
import { startReceiver } from './support/receiver.js';

const RELAY_DIR = fileURLToPath(new URL('..', import.meta.url));

interface Run {
  code: number | null;
  output: string;
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv, timeoutMs: number): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('close', (code) => resolve({ code, output }));
  });
}

interface Installed {
  node: string;
  prefix: string;
  env: NodeJS.ProcessEnv;
  hookline: string;
}

/** An empty prefix and HOME; npm (and everything it runs) on `node`, which comes first on PATH. */
async function installGlobally(tarball: string, node: string, root: string): Promise<Installed> {
  const home = join(root, 'home');
  const prefix = join(root, 'prefix');
  mkdirSync(home, { recursive: true });
  mkdirSync(prefix, { recursive: true });
  const userNpmrc = join(homedir(), '.npmrc');
  if (existsSync(userNpmrc)) copyFileSync(userNpmrc, join(home, '.npmrc'));
  appendFileSync(join(home, '.npmrc'), '\n@hookline:registry=http://127.0.0.1:9/\n');
  const clean = cleanNpmEnv(process.env);
  const env: NodeJS.ProcessEnv = { ...clean, HOME: home, PATH: [dirname(node), clean.PATH].join(delimiter) };
  delete env.HOOKLINE_HOME;
  // Native addons build against the headers of the Node they will run on (node-gyp would download them).
  if (node !== process.execPath) env.npm_config_nodedir = dirname(dirname(node));
  const result = await run('npm', ['install', '--global', '--prefix', prefix, '--no-audit', '--no-fund', tarball], env, 540_000);
  assert.equal(result.code, 0, `npm install -g ${tarball} on ${node} failed:\n${result.output.slice(-4000)}`);
  return { node, prefix, env, hookline: join(prefix, 'bin', 'hookline') };
}

async function relayServesAndDelivers(installed: Installed, expectedDriver: string): Promise<void> {
  const dataDir = mkdtempSync(join(tmpdir(), 'hookline-npm-data-'));
  const relay = spawn(installed.hookline, ['relay', '--port', '0', '--json', '--data-dir', dataDir], { env: installed.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  relay.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const receiver = await startReceiver();
  try {
    const first = await new Promise<string>((resolve, reject) => {
      createInterface({ input: relay.stdout }).once('line', resolve);
      relay.once('exit', (code) => reject(new Error(`the installed relay exited with ${code}: ${stderr}`)));
    });
    const ready = JSON.parse(first) as { event: string; url: string; sqliteDriver: string };
    assert.equal(ready.event, 'ready');
    assert.equal(ready.sqliteDriver, expectedDriver);
    const health = (await (await fetch(`${ready.url}/api/health`)).json()) as { status: string; sqlite_driver: string };
    assert.equal(health.status, 'ok');
    assert.equal(health.sqlite_driver, expectedDriver);
    const cli = (...args: string[]): Promise<Run> => run(installed.hookline, ['--url', ready.url, '--data-dir', dataDir, ...args], installed.env, 30_000);
    for (const args of [['endpoint', 'set', receiver.url], ['subscribe', 'RFIs', 'update'], ['trigger', 'RFIs', 'update', '--resource-id', '54321']]) {
      const result = await cli(...args);
      assert.equal(result.code, 0, `hookline ${args.join(' ')}: ${result.output}`);
    }
    const [delivered] = await receiver.waitForRequests(1, 15_000);
    assert.match(delivered?.body.toString('utf8') ?? '', /"resource_name":"RFIs".*"resource_id":54321/);
  } finally {
    relay.kill('SIGTERM');
    await receiver.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('the npm package @hookline/relay, installed with npm install -g', function () {
  this.timeout(600_000);
  const scratch = mkdtempSync(join(tmpdir(), 'hookline-npm-'));
  let tarball = '';
  const installs = new Map<string, Promise<Installed>>();

  before(async () => {
    const packed = await run(process.execPath, [join(RELAY_DIR, 'scripts', 'pack.mjs'), '--out', scratch], process.env, 60_000);
    assert.equal(packed.code, 0, packed.output);
    tarball = packed.output.trim().split('\n').pop() ?? '';
    const node24 = findNode24();
    if (node24 === null) assert.fail(node24Missing());
    // Both installs at once: each builds better-sqlite3 from source on this machine.
    installs.set('20', installGlobally(tarball, process.execPath, join(scratch, 'node20')));
    installs.set('24', installGlobally(tarball, node24, join(scratch, 'node24')));
    await Promise.allSettled(installs.values());
  });

  after(() => rmSync(scratch, { recursive: true, force: true }));

  it('is one tarball that names no workspace package and carries no native module', async () => {
    const listed = await run('tar', ['-tzf', tarball], process.env, 30_000);
    const files = listed.output.trim().split('\n');
    assert.ok(files.includes('package/lib/hookline.mjs') && files.includes('package/lib/web/page.js'), files.join('\n'));
    assert.deepEqual(files.filter((file) => file.endsWith('.node')), []);
    const manifest = await run('tar', ['-xzOf', tarball, 'package/package.json'], process.env, 30_000);
    const published = JSON.parse(manifest.output) as Record<string, Record<string, string> | undefined>;
    assert.deepEqual(published.dependencies, undefined);
    assert.deepEqual(Object.keys(published.optionalDependencies ?? {}), ['better-sqlite3']);
    assert.doesNotMatch(manifest.output, /@hookline\/(core|webui)|workspace:/);
  });

  it('on Node 20: installs, runs on better-sqlite3, serves /api/health and delivers an event', async () => {
    const installed = await (installs.get('20') as Promise<Installed>);
    assert.deepEqual(readdirSync(join(installed.prefix, 'lib', 'node_modules')), ['@hookline']);
    await relayServesAndDelivers(installed, 'better-sqlite3');
  });

  it('on Node 24: installs, runs on node:sqlite, serves /api/health and delivers an event', async () => {
    await relayServesAndDelivers(await (installs.get('24') as Promise<Installed>), 'node');
  });
});
