import assert from 'node:assert/strict';
import {
  FAILURE_STATUSES,
  applyAttemptResult,
  deliveryOutcome,
  demote,
  discardDelivery,
  failDelivery,
  initialDeliveryState,
  isFailureStatus,
  isTerminalStatus,
  recordLateAttempt,
  type AttemptResult,
  type DeliveryState,
} from '../src/delivery/state.js';
import { DELIVERY_STATUSES, type Delivery } from '../src/model.js';
import { DEFAULT_RETRY_POLICY, retrySchedule, scaleRetryPolicy } from '../src/retry/policy.js';

const T0 = Date.parse('2025-02-25T16:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();

function failure(finishedAt: number, trigger: AttemptResult['trigger'] = 'scheduled'): AttemptResult {
  return { ok: false, status: 503, durationMs: 12, errorCode: 'http', finishedAt, trigger };
}

function success(finishedAt: number, trigger: AttemptResult['trigger'] = 'scheduled'): AttemptResult {
  return { ok: true, status: 200, durationMs: 8, errorCode: null, finishedAt, trigger };
}

function retrying(overrides: Partial<DeliveryState> = {}): DeliveryState {
  return {
    status: 'retrying',
    attemptCount: 2,
    firstFailureAt: iso(T0),
    nextAttemptAt: iso(T0 + 3000),
    lastResponseStatus: 503,
    lastDurationMs: 12,
    lastErrorCode: 'http',
    ...overrides,
  };
}

describe('delivery state machine', () => {
  it('starts enqueued with no attempts', () => {
    assert.deepEqual(initialDeliveryState(), {
      status: 'enqueued',
      attemptCount: 0,
      firstFailureAt: null,
      nextAttemptAt: null,
      lastResponseStatus: null,
      lastDurationMs: null,
      lastErrorCode: null,
    });
  });

  it('delivers on a scheduled success', () => {
    assert.deepEqual(applyAttemptResult(initialDeliveryState(), success(T0), DEFAULT_RETRY_POLICY), {
      status: 'delivered',
      attemptCount: 1,
      firstFailureAt: null,
      nextAttemptAt: null,
      lastResponseStatus: 200,
      lastDurationMs: 8,
      lastErrorCode: null,
    });
  });

  it('retries after a scheduled failure, keeping the first failure of the streak', () => {
    const first = applyAttemptResult(initialDeliveryState(), { ...failure(T0), status: null, errorCode: 'timeout', durationMs: 5000 }, DEFAULT_RETRY_POLICY);
    assert.deepEqual(first, {
      status: 'retrying',
      attemptCount: 1,
      firstFailureAt: iso(T0),
      nextAttemptAt: iso(T0 + 1000),
      lastResponseStatus: null,
      lastDurationMs: 5000,
      lastErrorCode: 'timeout',
    });
    const second = applyAttemptResult(first, failure(T0 + 1000), DEFAULT_RETRY_POLICY);
    assert.equal(second.status, 'retrying');
    assert.equal(second.attemptCount, 2);
    assert.equal(second.firstFailureAt, iso(T0));
    assert.equal(second.nextAttemptAt, iso(T0 + 3000));
    assert.equal(second.lastResponseStatus, 503);
    assert.equal(second.lastErrorCode, 'http');
  });

  it('follows the retry schedule and is discarded after 12 hours of failing', () => {
    let state = applyAttemptResult(initialDeliveryState(), failure(T0), DEFAULT_RETRY_POLICY);
    const offsets: number[] = [];
    while (state.status === 'retrying') {
      const at = Date.parse(state.nextAttemptAt ?? '');
      offsets.push(at - T0);
      state = applyAttemptResult(state, failure(at), DEFAULT_RETRY_POLICY);
    }
    assert.deepEqual(offsets, retrySchedule());
    assert.deepEqual(state, {
      status: 'discarded',
      attemptCount: 24,
      firstFailureAt: iso(T0),
      nextAttemptAt: null,
      lastResponseStatus: 503,
      lastDurationMs: 12,
      lastErrorCode: 'http',
    });
  });

  it('clears the streak when a retry succeeds', () => {
    assert.deepEqual(applyAttemptResult(retrying(), success(T0 + 3000), DEFAULT_RETRY_POLICY), {
      status: 'delivered',
      attemptCount: 3,
      firstFailureAt: null,
      nextAttemptAt: null,
      lastResponseStatus: 200,
      lastDurationMs: 8,
      lastErrorCode: null,
    });
  });

  it('counts every attempt of the streak toward the back-off, manual ones included', () => {
    const first = applyAttemptResult(initialDeliveryState(), failure(T0), DEFAULT_RETRY_POLICY);
    const manual = applyAttemptResult(first, failure(T0 + 500, 'manual'), DEFAULT_RETRY_POLICY);
    assert.equal(manual.nextAttemptAt, iso(T0 + 1000));
    // The scheduled attempt at T0+1s is the streak's third failure: 1 s × 2² = 4 s.
    const third = applyAttemptResult(manual, failure(T0 + 1000), DEFAULT_RETRY_POLICY);
    assert.equal(third.attemptCount, 3);
    assert.equal(third.nextAttemptAt, iso(T0 + 5000));
    assert.equal(third.firstFailureAt, iso(T0));
  });

  it('starts a new streak when a delivery that had ended is attempted by the queue again', () => {
    const discarded = retrying({ status: 'discarded', attemptCount: 24, nextAttemptAt: null });
    const later = T0 + 24 * 3_600_000;
    const next = applyAttemptResult(discarded, failure(later), DEFAULT_RETRY_POLICY);
    assert.equal(next.status, 'retrying');
    assert.equal(next.firstFailureAt, iso(later));
    assert.equal(next.nextAttemptAt, iso(later + 1000));
  });

  describe('manual attempts (redeliver)', () => {
    it('a success delivers and clears the streak', () => {
      const next = applyAttemptResult(retrying(), success(T0 + 1500, 'manual'), DEFAULT_RETRY_POLICY);
      assert.deepEqual([next.status, next.firstFailureAt, next.nextAttemptAt, next.attemptCount], ['delivered', null, null, 3]);
      assert.equal(applyAttemptResult(retrying({ status: 'discarded', nextAttemptAt: null }), success(T0, 'manual')).status, 'delivered');
    });

    it('a failure leaves the queue\'s schedule alone', () => {
      assert.deepEqual(applyAttemptResult(retrying(), { ...failure(T0 + 1500, 'manual'), status: 500 }, DEFAULT_RETRY_POLICY), {
        status: 'retrying',
        attemptCount: 3,
        firstFailureAt: iso(T0),
        nextAttemptAt: iso(T0 + 3000),
        lastResponseStatus: 500,
        lastDurationMs: 12,
        lastErrorCode: 'http',
      });
      const enqueued = applyAttemptResult(initialDeliveryState(), failure(T0, 'manual'));
      assert.deepEqual([enqueued.status, enqueued.firstFailureAt, enqueued.nextAttemptAt, enqueued.attemptCount], ['enqueued', null, null, 1]);
      const discarded = applyAttemptResult(retrying({ status: 'discarded', nextAttemptAt: null }), failure(T0, 'manual'));
      assert.equal(discarded.status, 'discarded');
    });

    it('a failure after a delivery succeeded marks it failed', () => {
      const delivered = applyAttemptResult(initialDeliveryState(), success(T0), DEFAULT_RETRY_POLICY);
      assert.deepEqual(applyAttemptResult(delivered, { ...failure(T0 + 60_000, 'manual'), status: null, errorCode: 'connection' }, DEFAULT_RETRY_POLICY), {
        status: 'failed',
        attemptCount: 2,
        firstFailureAt: null,
        nextAttemptAt: null,
        lastResponseStatus: null,
        lastDurationMs: 12,
        lastErrorCode: 'connection',
      });
    });
  });

  it('uses the given (scaled) policy', () => {
    const policy = scaleRetryPolicy(DEFAULT_RETRY_POLICY, 1000);
    const next = applyAttemptResult(initialDeliveryState(), failure(T0), policy);
    assert.equal(next.nextAttemptAt, iso(T0 + 1));
  });

  it('accepts a whole Delivery', () => {
    const delivery: Delivery = {
      id: 1,
      hookId: 2,
      eventId: '5982324300946918154',
      eventUlid: '01EDPD2J6SBY1163N77H95GW09',
      resourceName: 'RFIs',
      eventType: 'update',
      resourceId: '54321',
      projectId: '2468013579',
      payload: '{}',
      payloadVersion: 'v2.0',
      changeSeq: 9,
      createdAt: iso(T0),
      updatedAt: iso(T0),
      replayOf: null,
      ...initialDeliveryState(),
    };
    const next = applyAttemptResult(delivery, success(T0));
    assert.equal(next.status, 'delivered');
    assert.equal('payload' in next, false);
  });

  it('rejects a non-finite finish time', () => {
    assert.throws(() => applyAttemptResult(initialDeliveryState(), failure(Number.NaN)), {
      name: 'RangeError',
      message: 'finishedAt must be a finite epoch time in ms; got NaN.',
    });
  });

  it('discardDelivery and failDelivery end waiting deliveries and leave ended ones alone', () => {
    assert.deepEqual(discardDelivery(retrying()), { ...retrying(), status: 'discarded', nextAttemptAt: null });
    assert.deepEqual(failDelivery(retrying()), { ...retrying(), status: 'failed', nextAttemptAt: null });
    assert.deepEqual(discardDelivery(initialDeliveryState()), { ...initialDeliveryState(), status: 'discarded' });
    assert.deepEqual(failDelivery(initialDeliveryState()), { ...initialDeliveryState(), status: 'failed' });
    const delivered = applyAttemptResult(initialDeliveryState(), success(T0));
    assert.deepEqual(discardDelivery(delivered), delivered);
    assert.deepEqual(failDelivery(delivered), delivered);
    assert.equal(failDelivery(retrying({ status: 'discarded' })).status, 'discarded');
  });

  it('fails a scheduled failure for good when the hook stopped during the attempt, keeping the streak start', () => {
    const stopped = { hookStopped: true };
    assert.deepEqual(applyAttemptResult(retrying(), failure(T0 + 3000), DEFAULT_RETRY_POLICY, stopped), {
      status: 'failed',
      attemptCount: 3,
      firstFailureAt: iso(T0),
      nextAttemptAt: null,
      lastResponseStatus: 503,
      lastDurationMs: 12,
      lastErrorCode: 'http',
    });
    const first = applyAttemptResult(initialDeliveryState(), failure(T0), DEFAULT_RETRY_POLICY, stopped);
    assert.equal(first.status, 'failed');
    assert.equal(first.firstFailureAt, iso(T0));
    assert.equal(applyAttemptResult(retrying(), failure(T0 + 13 * 3_600_000), DEFAULT_RETRY_POLICY, stopped).status, 'failed', 'failed, not discarded');
    assert.equal(applyAttemptResult(retrying(), success(T0 + 3000), DEFAULT_RETRY_POLICY, stopped).status, 'delivered', 'a success still delivers');
    assert.deepEqual(applyAttemptResult(retrying(), failure(T0 + 3000, 'manual'), DEFAULT_RETRY_POLICY, stopped), applyAttemptResult(retrying(), failure(T0 + 3000, 'manual')), 'a manual failure keeps its own rule');
    assert.deepEqual(applyAttemptResult(retrying(), failure(T0 + 3000), DEFAULT_RETRY_POLICY, { hookStopped: false }), applyAttemptResult(retrying(), failure(T0 + 3000)));
  });

  it('demote sends a failing delivery back to wait with its streak cleared', () => {
    assert.deepEqual(demote(retrying()), { ...retrying(), firstFailureAt: null, nextAttemptAt: null });
    const whole: Delivery = { ...(retrying() as Delivery), id: 7, payload: '{}' };
    assert.deepEqual(Object.keys(demote(whole)).sort(), Object.keys(retrying()).sort(), 'only the state fields');
  });

  it('recordLateAttempt counts an attempt that ended after the delivery was settled, and changes nothing else', () => {
    const delivered = applyAttemptResult(retrying(), success(T0 + 3000, 'manual'));
    assert.deepEqual(recordLateAttempt(delivered), { ...delivered, attemptCount: delivered.attemptCount + 1 });
    assert.deepEqual(recordLateAttempt(retrying({ status: 'failed', nextAttemptAt: null })), retrying({ status: 'failed', nextAttemptAt: null, attemptCount: 3 }));
  });

  it('classifies statuses', () => {
    assert.deepEqual([...FAILURE_STATUSES], ['failed', 'retrying', 'discarded']);
    assert.deepEqual(DELIVERY_STATUSES.filter(isFailureStatus), ['retrying', 'failed', 'discarded']);
    assert.deepEqual(DELIVERY_STATUSES.filter(isTerminalStatus), ['delivered', 'failed', 'discarded']);
  });

  it('derives Procore\'s v1.0 outcome', () => {
    assert.deepEqual(
      DELIVERY_STATUSES.map((s) => [s, deliveryOutcome(s, 0), deliveryOutcome(s, 3)]),
      [
        ['enqueued', 'ok', 'retried'],
        ['retrying', 'retried', 'retried'],
        ['delivered', 'ok', 'ok'],
        ['failed', 'failed', 'failed'],
        ['discarded', 'discarded', 'discarded'],
      ],
    );
  });
});
