/**
 * One suite for the shared DeliveryLog, run against any relay behind a RelayTransport: the in-memory FakeRelay
 * and the real relay (in-process, over a real WebSocket). What the log does on hello, paging, live pushes, a
 * reconnect, a long backlog, a new history and the failures filter is pinned once, and the fake must answer
 * exactly as the relay does for it to pass.
 */
import assert from 'node:assert/strict';
import type { RelayTransport, RequestType } from '@hookline/core';
import { DeliveryLog } from '@hookline/webui/client';
import type { DeliveryLogOptions } from '@hookline/webui/client';

/** A relay the suite can drive; each test gets a fresh one. */
export interface ContractRelay {
  /** Not connected yet: `connect()` opens it (create the log first, as the front ends do). */
  transport: RelayTransport;
  connect(): Promise<void>;
  /** n events, each with one delivery; resolves once every delivery is in its final state (delivered, or retrying while failing). */
  deliver(n: number): Promise<number[]>;
  /** From now on the endpoint answers 500 (true) or 200 (false). */
  setFailing(failing: boolean): Promise<void>;
  disconnect(): Promise<void>;
  /** Back, and the relay said hello. */
  reconnect(): Promise<void>;
  /** While disconnected: the relay is replaced by one with a fresh history (a new data dir) at the same address. */
  replaceHistory(): Promise<void>;
  close(): Promise<void>;
}

/** Every request the log makes, in order. */
function recording(transport: RelayTransport): { transport: RelayTransport; asked: RequestType[]; params: unknown[] } {
  const asked: RequestType[] = [];
  const params: unknown[] = [];
  return {
    asked,
    params,
    transport: {
      request: (type, p) => {
        asked.push(type);
        params.push(p);
        return transport.request(type, p);
      },
      onPush: (listener) => transport.onPush(listener),
      onConnectionState: (listener) => transport.onConnectionState(listener),
    },
  };
}

async function waitFor(what: string, check: () => boolean, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export function deliveryLogContract(name: string, makeRelay: () => Promise<ContractRelay>): void {
  describe(`DeliveryLog against ${name}`, function () {
    this.timeout(30_000);
    let relay: ContractRelay;
    let log: DeliveryLog | undefined;
    let asked: RequestType[];
    let params: unknown[];

    beforeEach(async () => {
      relay = await makeRelay();
    });
    afterEach(async () => {
      log?.dispose();
      log = undefined;
      await relay.close();
    });

    const open = (options: Partial<DeliveryLogOptions> = {}): DeliveryLog => {
      const recorded = recording(relay.transport);
      asked = recorded.asked;
      params = recorded.params;
      log = new DeliveryLog({ ...options, transport: recorded.transport });
      return log;
    };
    const ids = (): number[] => log?.visible().map((d) => d.id) ?? [];
    const ready = (what: string, check: () => boolean = () => true): Promise<void> =>
      waitFor(what, () => log?.status.kind === 'ready' && check());
    const newestSeq = async (): Promise<number> => (await relay.transport.request('backlog.get', { since: 0, limit: 1000 })).lastSeq;

    it('loads the first page on hello, newest first, then the rest by cursor with "More Deliveries"', async () => {
      const made = await relay.deliver(30);
      const shown = open();
      assert.deepEqual(asked, [], 'nothing is asked before hello');
      await relay.connect();
      await ready('the first page', () => shown.visible().length === 25);
      assert.deepEqual(ids(), [...made].reverse().slice(0, 25));
      assert.equal(shown.hasMore(), true);
      await shown.loadMore();
      assert.deepEqual(ids(), [...made].reverse());
      assert.equal(shown.hasMore(), false);
      assert.deepEqual(asked, ['deliveries.list', 'deliveries.list']);
      assert.equal((params[1] as { cursor?: string }).cursor !== undefined, true);
    });

    it('puts live deliveries on top in their latest state, and tracks the newest change it saw', async () => {
      const shown = open();
      await relay.connect();
      await ready('the empty first page');
      const made = await relay.deliver(2);
      await waitFor('both delivered', () => ids().join() === [...made].reverse().join() && shown.visible().every((d) => d.status === 'delivered'));
      assert.equal(shown.lastSeenSeq, await newestSeq());
    });

    it('after a reconnect, catches up on what changed while away with backlog.get instead of reloading', async () => {
      const shown = open();
      await relay.connect();
      const before = await relay.deliver(3);
      await waitFor('three delivered', () => shown.visible().filter((d) => d.status === 'delivered').length === 3);
      const seen = shown.lastSeenSeq;
      await relay.disconnect();
      const missed = await relay.deliver(2);
      const from = asked.length;
      await relay.reconnect();
      await ready('the catch-up', () => ids().length === 5);
      assert.deepEqual(asked.slice(from), ['backlog.get']);
      assert.deepEqual((params[from] as { since: number }).since, seen);
      assert.deepEqual(ids(), [...before, ...missed].reverse());
      assert.ok(shown.visible().every((d) => d.status === 'delivered'));
      assert.equal(shown.lastSeenSeq, await newestSeq());
    });

    it('follows a long backlog across rounds of backlogLimit changes', async () => {
      const shown = open({ backlogLimit: 10 });
      await relay.connect();
      await ready('the empty first page');
      await relay.disconnect();
      await relay.deliver(35);
      const from = asked.length;
      await relay.reconnect();
      await ready('35 caught up', () => shown.size === 35);
      assert.deepEqual(asked.slice(from), ['backlog.get', 'backlog.get', 'backlog.get', 'backlog.get']);
      assert.equal(shown.visible().length, 25);
    });

    it('reloads instead once the backlog takes more than maxBacklogRounds', async () => {
      const shown = open({ backlogLimit: 10, maxBacklogRounds: 2 });
      await relay.connect();
      await ready('the empty first page');
      await relay.disconnect();
      const made = await relay.deliver(35);
      const from = asked.length;
      await relay.reconnect();
      await ready('the reload', () => shown.isLoaded && ids()[0] === made.at(-1));
      assert.deepEqual(asked.slice(from), ['backlog.get', 'backlog.get', 'deliveries.list']);
      assert.deepEqual(ids(), [...made].reverse().slice(0, 25));
    });

    it('reloads when the relay\'s history went backwards (a new data dir)', async () => {
      const shown = open();
      await relay.connect();
      await relay.deliver(3);
      await waitFor('three shown', () => ids().length === 3);
      await relay.disconnect();
      await relay.replaceHistory();
      await relay.deliver(1);
      const from = asked.length;
      await relay.reconnect();
      await ready('the reload', () => ids().length === 1);
      assert.equal(asked[from], 'deliveries.list');
      assert.equal(shown.lastSeenSeq, await newestSeq());
    });

    it('Only Show Failures asks the relay for failures; a failure that recovers leaves the list', async () => {
      const shown = open();
      await relay.connect();
      const fine = await relay.deliver(2);
      await relay.setFailing(true);
      const [failing] = await relay.deliver(1);
      assert.ok(failing !== undefined);
      await waitFor('the failure shown', () => shown.get(failing)?.status === 'retrying');
      await shown.setFilter({ failuresOnly: true });
      await ready('the failures', () => ids().join() === String(failing));
      assert.equal((params.at(-1) as { status?: string }).status, 'failures');
      await relay.setFailing(false);
      await relay.transport.request('delivery.redeliver', { deliveryId: failing });
      await waitFor('the recovered delivery to leave the list', () => ids().length === 0);
      await shown.setFilter({ failuresOnly: false });
      await ready('everything', () => ids().length === 3);
      assert.deepEqual(ids(), [failing, ...[...fine].reverse()]);
      assert.equal(shown.get(failing)?.status, 'delivered');
    });

    it('filters by hook', async () => {
      const shown = open();
      await relay.connect();
      await relay.deliver(2);
      await ready('two shown', () => ids().length === 2);
      const hookId = shown.visible()[0]?.hookId ?? 0;
      await shown.setFilter({ hookId: hookId + 1000 });
      await ready('no deliveries for another hook', () => shown.isLoaded);
      assert.deepEqual(ids(), []);
      assert.equal((params.at(-1) as { hookId?: number }).hookId, hookId + 1000);
      await shown.setFilter({ hookId });
      await ready('the hook\'s deliveries', () => ids().length === 2);
    });
  });
}
