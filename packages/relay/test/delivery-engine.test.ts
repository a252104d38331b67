/**
 * The delivery engine's queue rules on a fake clock and a scripted sender: every time below is exact, and no test
 * waits for real time (`settle` only lets the engine's promise callbacks run).
 */
import assert from 'node:assert/strict';
import {
  DEFAULT_RETRY_POLICY,
  initialDeliveryState,
  retrySchedule,
  type Delivery,
  type Hook,
} from '@hookline/core';
import { DeliveryEngine } from '../src/delivery/engine.js';
import { FakeClock, RecordingWriter, ScriptedSender } from './support/engine-doubles.js';

const T0 = Date.parse('2026-03-02T09:00:00.000Z');
const URL = 'https://example.com/hooks';

function delivery(id: number, hookId = 1): Delivery {
  return {
    id,
    hookId,
    eventId: String(1000 + id),
    eventUlid: '01JMYXMZRBVKK0PC6XS8SA4QRE',
    resourceName: 'RFIs',
    eventType: 'update',
    resourceId: String(id),
    projectId: null,
    ...initialDeliveryState(),
    payload: `{"delivery":${id}}`,
    payloadVersion: 'v2.0',
    changeSeq: id,
    createdAt: new Date(T0).toISOString(),
    updatedAt: new Date(T0).toISOString(),
    replayOf: null,
  };
}

const settle = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));
const iso = (ms: number): string => new Date(ms).toISOString();

function setUp(maxInFlight: number) {
  const clock = new FakeClock(T0);
  const sender = new ScriptedSender(clock);
  const writer = new RecordingWriter();
  const hooks = new Map<number, Hook>([
    [1, { id: 1, namespace: 'hookline', destinationUrl: URL, authorization: null, payloadVersion: 'v2.0', status: 'active', companyId: '1', projectId: null, createdAt: iso(T0), updatedAt: iso(T0) }],
  ]);
  const errors: unknown[] = [];
  const engine = new DeliveryEngine({
    writer,
    sender,
    clock,
    policy: DEFAULT_RETRY_POLICY,
    maxInFlight,
    hooks: { get: (id) => hooks.get(id) },
    stored: { pendingForHook: () => [], get: () => undefined },
    emit: () => undefined,
    onError: (error) => errors.push(error),
  });
  const deliveries = new Map<number, Delivery>();
  const enqueue = (...ids: number[]): void => {
    const created = ids.map((id) => delivery(id));
    for (const d of created) deliveries.set(d.id, d);
    engine.enqueue(created);
  };
  const live = (id: number): Delivery => deliveries.get(id) as Delivery;
  return { clock, sender, writer, hooks, engine, errors, enqueue, live };
}

describe('delivery engine (fake clock, scripted sender)', () => {
  it('makes the oldest failing delivery the head; the others wait behind it in id order and follow its success', async () => {
    const { clock, sender, writer, engine, errors, enqueue, live } = setUp(3);
    enqueue(1, 2, 3);
    assert.deepEqual(sender.order, [1, 2, 3]);

    sender.last(3).answer(500);
    await settle();
    assert.equal(live(3).status, 'retrying');
    assert.equal(live(3).nextAttemptAt, iso(T0 + 1000));
    sender.last(2).answer(503);
    await settle();
    sender.last(1).answer(null, 'connection');
    await settle();

    // 1 is the head, due 1 s after its failure; 2 and 3 wait, still retrying, their streaks cleared.
    assert.deepEqual([live(1).status, live(1).firstFailureAt, live(1).nextAttemptAt], ['retrying', iso(T0), iso(T0 + 1000)]);
    for (const id of [2, 3]) assert.deepEqual([live(id).status, live(id).firstFailureAt, live(id).nextAttemptAt], ['retrying', null, null], `delivery ${id}`);
    assert.deepEqual(engine.queueStats(), [{ hookId: 1, waiting: 3, inFlight: 0 }]);

    enqueue(4);
    clock.advance(999);
    assert.deepEqual(sender.order, [1, 2, 3], 'nothing is sent while the hook waits behind its head, not even new deliveries');
    clock.advance(1);
    assert.deepEqual(sender.order, [1, 2, 3, 1]);
    assert.equal(sender.last(1).at, T0 + 1000, 'the head is retried exactly when due');

    sender.last(1).answer(200);
    await settle();
    assert.equal(live(1).status, 'delivered');
    assert.deepEqual(sender.order, [1, 2, 3, 1, 2, 3, 4], 'the queue resumes in id order');
    assert.ok(sender.calls.slice(4).every((c) => c.at === T0 + 1000));
    for (const id of [2, 3, 4]) sender.last(id).answer(200);
    await settle();
    assert.deepEqual([1, 2, 3, 4].map((id) => live(id).status), ['delivered', 'delivered', 'delivered', 'delivered']);
    assert.deepEqual(writer.attemptsOf(2).map((a) => a?.number), [1, 2]);
    assert.equal(clock.pendingTimers, 0);
    assert.deepEqual(errors, []);
  });

  it('does not displace a head that is mid-attempt: an older delivery failing meanwhile waits behind it', async () => {
    const { clock, sender, enqueue, live } = setUp(2);
    enqueue(1, 2);
    sender.last(2).answer(500);
    await settle();
    clock.advance(1000);
    assert.deepEqual(sender.order, [1, 2, 2], 'the head (2) is retried while 1 is still in flight');

    sender.last(1).answer(500);
    await settle();
    assert.deepEqual([live(1).status, live(1).nextAttemptAt], ['retrying', null], '1 waits: the head is in flight');
    sender.last(2).answer(500);
    await settle();
    assert.equal(live(2).nextAttemptAt, iso(T0 + 1000 + 2000), 'still the head: its second back-off step');
    clock.advance(2000);
    sender.last(2).answer(200);
    await settle();
    assert.deepEqual(sender.order, [1, 2, 2, 2, 1]);
    assert.equal(sender.last(1).at, T0 + 3000);
  });

  it('a manual redeliver while a scheduled try is in flight: both are logged, the manual result settles the status', async () => {
    const { clock, sender, writer, engine, enqueue, live } = setUp(1);
    enqueue(1, 2);
    assert.deepEqual(sender.order, [1]);

    const redelivered = engine.redeliver({ ...live(1) });
    await settle();
    assert.deepEqual(sender.order, [1, 1], 'the manual try goes out at once, beside the scheduled one');
    assert.equal(sender.calls[1]?.request.url, URL);
    sender.calls[1]!.answer(200);
    const result = await redelivered;
    assert.equal(result, live(1), 'the engine works on its own live copy');
    assert.deepEqual([result.status, result.attemptCount], ['delivered', 1]);
    assert.deepEqual(sender.order, [1, 1], '2 still waits for the scheduled try in flight');

    sender.calls[0]!.answer(500);
    await settle();
    assert.deepEqual([live(1).status, live(1).attemptCount, live(1).lastResponseStatus], ['delivered', 2, 200], 'the late failure is counted, not applied');
    assert.deepEqual(writer.attemptsOf(1), [
      { trigger: 'manual', number: 1, ok: true, url: URL },
      { trigger: 'scheduled', number: 2, ok: false, url: URL },
    ]);
    assert.equal(clock.pendingTimers, 0, 'no retry was scheduled for it');
    assert.deepEqual(sender.order, [1, 1, 2], 'the queue moved on');
  });

  it('a manual success on the waiting head resumes the hook at once', async () => {
    const { clock, sender, engine, enqueue, live } = setUp(1);
    enqueue(1, 2);
    sender.last(1).answer(500);
    await settle();
    assert.equal(clock.pendingTimers, 1);
    const redelivered = engine.redeliver({ ...live(1) });
    await settle();
    sender.last(1).answer(200);
    await redelivered;
    await settle();
    assert.equal(clock.pendingTimers, 0, 'the head timer is cancelled');
    assert.deepEqual(sender.order, [1, 1, 2]);
    assert.equal(sender.last(2).at, T0);
  });

  it('disabling the hook mid-flight fails what waits at once and the try in flight when it fails; enabling it again starts afresh', async () => {
    const { clock, sender, writer, hooks, engine, enqueue, live } = setUp(1);
    enqueue(1, 2);
    const disabled: Hook = { ...hooks.get(1)!, status: 'disabled' };
    hooks.set(1, disabled);
    engine.hookChanged(1);
    assert.deepEqual([live(2).status, live(2).attemptCount], ['failed', 0], 'the waiting one fails unsent');
    assert.deepEqual(writer.writes.filter((w) => w.id === 2).map((w) => [w.from, w.status]), [['enqueued', 'failed']], 'the write names the status it left');

    sender.last(1).answer(503);
    await settle();
    assert.deepEqual([live(1).status, live(1).nextAttemptAt, live(1).attemptCount], ['failed', null, 1], 'no retry for a stopped hook');
    assert.equal(live(1).firstFailureAt, iso(T0));
    assert.equal(clock.pendingTimers, 0);
    assert.deepEqual(writer.attemptsOf(1), [{ trigger: 'scheduled', number: 1, ok: false, url: URL }]);

    enqueue(3);
    assert.equal(live(3).status, 'failed', 'a disabled hook fails new deliveries');
    const active: Hook = { ...disabled, status: 'active' };
    hooks.set(1, active);
    engine.hookChanged(1);
    enqueue(4);
    assert.deepEqual(sender.order, [1, 4]);
  });

  it('takes no delivery of a hook deleted between their commit and the hand-over', async () => {
    const { sender, writer, hooks, engine, enqueue } = setUp(1);
    hooks.delete(1);
    engine.hookDeleted(1);
    enqueue(1);
    await settle();
    assert.deepEqual(sender.order, []);
    assert.deepEqual(writer.writes, [], 'nothing is written for rows the cascade removed');
    assert.deepEqual(engine.queueStats(), []);
  });

  it('a try in flight that succeeds after the hook was disabled is still delivered', async () => {
    const { sender, hooks, engine, enqueue, live } = setUp(1);
    enqueue(1);
    hooks.set(1, { ...hooks.get(1)!, destinationUrl: null });
    engine.hookChanged(1);
    sender.last(1).answer(200);
    await settle();
    assert.equal(live(1).status, 'delivered');
  });

  it('discards the head after exactly 12 h of failing, on the policy schedule, with every delivery waiting behind it', async () => {
    const { clock, sender, writer, enqueue, live } = setUp(1);
    enqueue(1);
    sender.last(1).answer(500);
    await settle();
    enqueue(2, 3);
    while (clock.pendingTimers > 0) {
      clock.advance(clock.nextDueIn() ?? 0);
      sender.calls.at(-1)!.answer(500);
      await settle();
    }

    const tries = sender.calls.map((c) => c.at - T0);
    assert.deepEqual(tries, [0, ...retrySchedule(DEFAULT_RETRY_POLICY)], 'the first try, then core’s schedule to the millisecond');
    assert.equal(tries.at(-1), 12 * 3_600_000, 'the last try at the deadline itself');
    assert.deepEqual(sender.order, tries.map(() => 1), 'only the head was ever tried');
    assert.deepEqual([live(1).status, live(1).nextAttemptAt, live(1).attemptCount], ['discarded', null, tries.length]);
    for (const id of [2, 3]) {
      assert.deepEqual([live(id).status, live(id).attemptCount], ['discarded', 0], `delivery ${id} is discarded unsent`);
      assert.deepEqual(writer.attemptsOf(id), []);
    }

    enqueue(4);
    assert.equal(sender.last(4).at, T0 + 12 * 3_600_000, 'the next event starts a fresh cycle at once');
    sender.last(4).answer(200);
    await settle();
    assert.deepEqual([live(4).status, live(4).attemptCount], ['delivered', 1]);
  });

  it('resumes after a restart: the stored head waits for its stored time, the rest in order behind it', async () => {
    const { clock, sender, engine } = setUp(2);
    const head = { ...delivery(5), status: 'retrying' as const, attemptCount: 3, firstFailureAt: iso(T0 - 7000), nextAttemptAt: iso(T0 + 1500) };
    const other = { ...delivery(6), status: 'retrying' as const, attemptCount: 1, firstFailureAt: iso(T0 - 1000), nextAttemptAt: iso(T0 + 500) };
    const waiting = delivery(7);
    engine.resume([head, other, waiting]);
    assert.deepEqual([other.firstFailureAt, other.nextAttemptAt], [null, null], 'only the oldest keeps its schedule');
    clock.advance(1499);
    assert.deepEqual(sender.order, []);
    clock.advance(1);
    assert.deepEqual(sender.order, [5]);
    sender.last(5).answer(200);
    await settle();
    assert.deepEqual(sender.order, [5, 6, 7]);
  });

  it('close waits for tries in flight up to its grace period on the clock, then drops their results', async () => {
    const { clock, sender, writer, engine, enqueue } = setUp(2);
    enqueue(1, 2);
    const closed = engine.close(2000);
    let done = false;
    void closed.then(() => (done = true));
    sender.last(1).answer(200);
    await settle();
    assert.equal(writer.attemptsOf(1).length, 1, 'a try that ends within the grace period is recorded');
    clock.advance(1999);
    await settle();
    assert.equal(done, false);
    clock.advance(1);
    await closed;
    sender.last(2).answer(200);
    await settle();
    assert.deepEqual(writer.attemptsOf(2), [], 'after close nothing is recorded');
  });
});
