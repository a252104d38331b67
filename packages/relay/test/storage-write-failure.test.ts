/**
 * Memory follows disk: a write of a delivery's state that fails (here: the store's updateState throws, forced)
 * must not leave the engine believing a state the database does not hold. Afterwards every delivery is as the
 * database says, and the engine's queue holds exactly what the database calls pending.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import type { Delivery } from '@hookline/core';
import type { RelayService } from '../src/service/types.js';
import { DeliveriesRepo } from '../src/store/deliveries-repo.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { configureDefaultHook, openTestService, tempDir, waitUntil } from './support/service-fixture.js';

type UpdateState = DeliveriesRepo['updateState'];

/** Makes updateState throw while `fail` says so; restored by the returned function. */
function forceUpdateFailures(fail: (delivery: Parameters<UpdateState>[0]) => boolean): () => void {
  const original = DeliveriesRepo.prototype.updateState;
  DeliveriesRepo.prototype.updateState = function (this: DeliveriesRepo, delivery) {
    if (fail(delivery)) throw new Error(`forced failure writing delivery ${delivery.id}`);
    return original.call(this, delivery);
  };
  return () => {
    DeliveriesRepo.prototype.updateState = original;
  };
}

/** What the engine holds per hook (waiting + in flight) equals what the database calls pending, and nothing is in flight. */
function memoryMatchesDisk(service: RelayService, hookId: number): boolean {
  const memory = service.queueStats().find((stats) => stats.hookId === hookId) ?? { waiting: 0, inFlight: 0 };
  const pending = service.listDeliveries({ hookId, limit: 100 }).data.filter((d) => d.status === 'enqueued' || d.status === 'retrying').length;
  return memory.inFlight === 0 && memory.waiting === pending;
}

describe('a failed write of delivery state (memory follows disk)', () => {
  let dir: ReturnType<typeof tempDir>;
  let receiver: Receiver;
  let service: RelayService;
  let restore: () => void = () => {};
  const errors: string[] = [];

  beforeEach(async () => {
    dir = tempDir();
    errors.length = 0;
    receiver = await startReceiver({ status: 200, body: 'ok' });
    service = openTestService(join(dir.dir, 'relay.db'), { onError: (error) => errors.push(error instanceof Error ? error.message : String(error)) });
  });
  afterEach(async () => {
    restore();
    await service.close();
    await receiver.close();
    dir.cleanup();
  });

  it('reloads the hook\'s queue: a delivery whose "delivered" was not saved is sent again and saved, and memory agrees with disk', async () => {
    const hookId = configureDefaultHook(service, receiver.url);
    let failuresLeft = 2; // the batch, then the op on its own
    let target = 0;
    restore = forceUpdateFailures((delivery) => delivery.id === target && delivery.status === 'delivered' && failuresLeft-- > 0);
    const ids: number[] = [];
    for (let i = 0; i < 3; i++) ids.push(...(await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: String(i + 1) })).deliveries.map((d) => d.id));
    target = ids[1]!;
    for (let i = 0; i < 2; i++) ids.push(...(await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: String(i + 10) })).deliveries.map((d) => d.id));

    await waitUntil(() => ids.every((id) => service.getDelivery(id).status === 'delivered') && memoryMatchesDisk(service, hookId), 10_000, 'every delivery delivered, memory as disk');
    assert.ok(errors.some((line) => line.includes(`delivery ${target}`) && line.includes('reloaded from the database')), errors.join('\n'));
    const sentToTarget = receiver.requests.filter((request) => JSON.parse(request.body.toString()).resource_id === 2).length;
    assert.ok(sentToTarget >= 2, `the delivery whose state was lost is sent again (at least once); sent ${sentToTarget}`);
    const stored: Delivery = service.getDelivery(target) as unknown as Delivery;
    assert.equal(stored.attemptCount, 1, 'the attempt of the failed write was rolled back with it; the one saved is the resend');
  });

  it('stops a hook whose state writes keep failing and says so; what waits stays as the database has it', async () => {
    const hookId = configureDefaultHook(service, receiver.url);
    restore = forceUpdateFailures((delivery) => delivery.hookId === hookId);
    const { deliveries } = await service.ingestEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' });
    await waitUntil(() => errors.some((line) => line.includes('queue is stopped')), 10_000, 'the hook to be stopped');
    await waitUntil(() => memoryMatchesDisk(service, hookId), 5000, 'memory as disk');
    assert.equal(service.getDelivery(deliveries[0]!.id).status, 'enqueued');
    assert.match(errors.find((line) => line.includes('queue is stopped')) ?? '', /hookline doctor/);
  });
});
