/**
 * A full disk, for real: the relay's data dir on a 3 MB tmpfs, filled up while events come in. New events get
 * 503 HOOKLINE_ERR_STORAGE_FULL (never a bare 500), /api/health answers `degraded` with the reason, and once the
 * filler is removed the relay carries on by itself and delivers every event it answered 202.
 * Needs `mount -t tmpfs` (root); where mounting is not allowed the suite is skipped and says why.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { ServerMessage } from '@hookline/core';
import { startReceiver, type Receiver } from './support/receiver.js';
import { runHookline, spawnRelay, stopRelay, type RelayProcess } from './support/relay-process.js';

interface Health {
  status: string;
  reason?: string;
  code?: string;
}

/** Polls `probe` until it holds (bounded). */
async function until(probe: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

/** Writes 64 KiB chunks until the file system refuses (ENOSPC). */
function fillDisk(path: string): void {
  const fd = openSync(path, 'w');
  const chunk = Buffer.alloc(64 * 1024, 1);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
}

describe('a full disk under the data dir (3 MB tmpfs)', function () {
  this.timeout(60_000);
  let mountPoint = '';
  let mounted = false;
  let receiver: Receiver;
  let relay: RelayProcess | null = null;

  before(function () {
    mountPoint = mkdtempSync(join(tmpdir(), 'hookline-tmpfs-'));
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3m', 'tmpfs', mountPoint], { stdio: 'pipe' });
      mounted = true;
    } catch (error) {
      const why = error instanceof Error ? (error as Error & { stderr?: Buffer }).stderr?.toString().trim() || error.message : String(error);
      console.log(`      skipped: cannot mount a tmpfs here (${why}); the full-disk test needs root or CAP_SYS_ADMIN.`);
      this.skip();
    }
  });

  after(async () => {
    if (relay) await stopRelay(relay, 'SIGKILL');
    await receiver?.close();
    if (mounted) execFileSync('umount', [mountPoint]);
    rmSync(mountPoint, { recursive: true, force: true });
  });

  it('answers 503 with the storage code and a degraded health while full, and delivers every accepted event once space is back', async () => {
    receiver = await startReceiver({ status: 200, body: 'ok' });
    const dataDir = join(mountPoint, 'data');
    relay = await spawnRelay(dataDir);
    const running = relay;
    const hooks = (await (await running.api('/api/hooks')).json()) as { data: { id: number }[] };
    const hookId = hooks.data[0]!.id;
    assert.equal((await running.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: receiver.url } })).status, 200);
    assert.equal((await running.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { update: true } })).status, 200);

    // A WebSocket client, as the web page and the extension are: told of the storage in its hello and on each change.
    const pushes: ServerMessage[] = [];
    const socket = new WebSocket(`${running.url.replace('http:', 'ws:')}/ws`, { headers: { authorization: `Bearer ${running.token}` } });
    socket.on('message', (data) => pushes.push(JSON.parse(String(data)) as ServerMessage));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    await until(() => pushes.some((m) => m.type === 'hello'), 'the hello');
    const hello = pushes.find((m) => m.type === 'hello');
    assert.deepEqual(hello?.type === 'hello' && hello.storage, { status: 'ok' });
    const lastStorage = (): { status: string; reason?: string } | undefined => {
      const last = pushes.filter((m) => m.type === 'relay.storage').at(-1);
      return last?.type === 'relay.storage' ? last.storage : undefined;
    };

    const accepted: number[] = [];
    const statuses = new Map<number, number>();
    let resourceId = 1;
    const post = async (): Promise<{ status: number; body: { error?: { code: string; message: string } } }> => {
      const id = resourceId++;
      const response = await running.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', event_type: 'update', resource_id: id } });
      statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
      if (response.status === 202) accepted.push(id);
      return { status: response.status, body: (await response.json()) as { error?: { code: string; message: string } } };
    };
    for (let i = 0; i < 20; i++) assert.equal((await post()).status, 202);

    fillDisk(join(mountPoint, 'filler'));
    let refused: { code: string; message: string } | undefined;
    for (let i = 0; i < 5000 && !refused; i++) {
      const answer = await post();
      if (answer.status === 503) refused = answer.body.error;
    }
    assert.ok(refused, `no 503 after filling the disk: ${JSON.stringify([...statuses])}`);
    assert.equal(refused.code, 'HOOKLINE_ERR_STORAGE_FULL');
    assert.ok(refused.message.includes(dataDir), refused.message);
    assert.match(refused.message, /free/);
    for (let i = 0; i < 5; i++) assert.ok([202, 503].includes((await post()).status));
    const degraded = (await (await fetch(`${running.url}/api/health`)).json()) as Health;
    assert.equal(degraded.status, 'degraded');
    assert.equal(degraded.code, 'HOOKLINE_ERR_STORAGE_FULL');
    assert.ok(degraded.reason?.includes(dataDir), degraded.reason);
    await until(() => lastStorage()?.status === 'degraded', 'a relay.storage push saying degraded');
    assert.ok(lastStorage()?.reason?.includes(dataDir), lastStorage()?.reason);
    const status = await runHookline(['--url', running.url, '--data-dir', dataDir, 'status']);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /DEGRADED: The relay cannot write to its data dir/);

    rmSync(join(mountPoint, 'filler'));
    const healthy = async (): Promise<boolean> => ((await (await fetch(`${running.url}/api/health`)).json()) as Health).status === 'ok';
    await until(healthy, 'health to be ok again once space is back');
    assert.equal((await post()).status, 202, 'new events are accepted again');
    await until(() => lastStorage()?.status === 'ok', 'a relay.storage push saying ok');
    socket.close();

    const delivered = (): boolean => {
      const seen = new Set(receiver.requests.map((request) => (JSON.parse(request.body.toString()) as { resource_id: number }).resource_id));
      return accepted.every((id) => seen.has(id));
    };
    await until(delivered, 'every event answered 202 to be delivered');
    const sends = new Map<number, number>();
    for (const request of receiver.requests) {
      const id = (JSON.parse(request.body.toString()) as { resource_id: number }).resource_id;
      sends.set(id, (sends.get(id) ?? 0) + 1);
    }
    assert.deepEqual(accepted.filter((id) => sends.get(id) !== 1), [], 'each accepted event is sent once: results of attempts made while full were kept, not lost and re-sent');
    const allDelivered = async (): Promise<boolean> => {
      const page = (await (await running.api(`/api/deliveries?limit=100&status=failures`)).json()) as { data: unknown[] };
      const pending = [] as unknown[];
      for (const status of ['enqueued', 'retrying']) pending.push(...((await (await running.api(`/api/deliveries?limit=100&status=${status}`)).json()) as { data: unknown[] }).data);
      return page.data.length === 0 && pending.length === 0;
    };
    await until(allDelivered, 'the log to hold every delivery as delivered');
    assert.deepEqual([...statuses.keys()].filter((status) => status !== 202 && status !== 503), [], `answers: ${JSON.stringify([...statuses])}`);
    assert.ok(!running.lines.some((line) => /HOOKLINE_ERR_INTERNAL|unexpected error/i.test(line)), running.lines.join('\n'));
  });
});
