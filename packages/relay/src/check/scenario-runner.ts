/**
 * Runs one scenario through the relay: a hook of its own with the endpoint and the scenario's triggers, each
 * event ingested as `POST /api/events` would, so payloads, queue and sender are the relay's own.
 *
 * First attempts are judged without waiting for retries: the moment a first attempt fails, the hook is
 * disabled. That is Procore's pause (nothing else goes out to the endpoint) without its 12 hours of retries: the
 * queue fails what waits, which the report shows as held back, and core's rules say what Procore would do next.
 * The hook is enabled again before the next sequential event, so one failure does not hide the rest.
 * Further copies of an event (duplicates) are manual redeliveries of the same delivery: the same bytes again.
 */
import { answerFromAttempt, checkName, heldBackVerdict, isPassing, judgeAnswer, type EventType, type PayloadVersion, type Scenario, type ScenarioEvent, type Verdict } from '@hookline/core';
import type { RelayService } from '../service/types.js';
import type { CheckResult } from './check-result.js';
import { DeliveryWatcher } from './delivery-watcher.js';

export interface ScenarioTarget {
  endpoint: string;
  authorization: string | null;
  payloadVersion: PayloadVersion;
  timeoutMs: number;
}

/** How long a step may go without any change before its unsent deliveries are given up on. */
const STALL_MARGIN_MS = 5000;

interface Sent {
  event: ScenarioEvent;
  deliveryId: number | null;
}

export async function runScenario(service: RelayService, scenario: Scenario, target: ScenarioTarget, namespace: string): Promise<CheckResult[]> {
  const { hook } = service.createHook({ namespace, destinationUrl: target.endpoint, authorization: target.authorization, payloadVersion: target.payloadVersion });
  const paused = { value: false };
  const pause = (): void => {
    if (paused.value) return;
    paused.value = true;
    service.updateHook(hook.id, { status: 'disabled' });
  };
  const watcher = new DeliveryWatcher(service.changes, (change) => {
    if (change.delivery.hookId === hook.id) queueMicrotask(pause);
  });
  try {
    subscribe(service, hook.id, scenario.events);
    const results: CheckResult[] = [];
    const steps = scenario.concurrent ? [scenario.events] : scenario.events.map((e) => [e]);
    const started = Date.now();
    for (const step of steps) {
      if (paused.value) {
        service.updateHook(hook.id, { status: 'active' });
        paused.value = false;
      }
      const sent = await Promise.all(
        step.map(async (event): Promise<Sent> => {
          const waitMs = scenario.concurrent ? event.delayMs - (Date.now() - started) : event.delayMs;
          if (waitMs > 0) await new Promise((resolve) => setTimeout(resolve, waitMs));
          const ingested = await service.ingestEvent({ resourceName: event.resourceName, eventType: event.eventType, resourceId: event.resourceId, projectId: event.projectId });
          return { event, deliveryId: ingested.deliveries.find((d) => d.hookId === hook.id)?.id ?? null };
        }),
      );
      const ids = sent.flatMap((s) => (s.deliveryId === null ? [] : [s.deliveryId]));
      await watcher.waitForSettled(ids, target.timeoutMs + STALL_MARGIN_MS);
      for (const s of sent) {
        if (s.deliveryId !== null && watcher.firstAttempt(s.deliveryId)) {
          for (let copy = 2; copy <= s.event.copies; copy++) await service.redeliver(s.deliveryId);
        }
      }
      results.push(...judgeStep(service, scenario.name, sent, watcher, target.timeoutMs));
    }
    return results;
  } finally {
    watcher.close();
    if (!paused.value) service.updateHook(hook.id, { status: 'disabled' });
  }
}

function subscribe(service: RelayService, hookId: number, events: ScenarioEvent[]): void {
  const byResource = new Map<string, Set<EventType>>();
  for (const e of events) byResource.set(e.resourceName, (byResource.get(e.resourceName) ?? new Set()).add(e.eventType));
  for (const [resource, types] of byResource) service.setTriggers(hookId, resource, Object.fromEntries([...types].map((t) => [t, true])));
}

function judgeStep(service: RelayService, scenario: string, sent: Sent[], watcher: DeliveryWatcher, timeoutMs: number): CheckResult[] {
  const results: CheckResult[] = [];
  const firstFailed = sent.find((s) => s.deliveryId !== null && watcher.firstAttempt(s.deliveryId)?.ok === false);
  const blockedBy = firstFailed ? checkName(firstFailed.event, 1) : 'an earlier delivery';
  for (const s of sent) {
    const attempts = s.deliveryId === null ? [] : service.getDelivery(s.deliveryId).attempts;
    const copies = [attempts.find((a) => a.trigger === 'scheduled'), ...attempts.filter((a) => a.trigger === 'manual')];
    for (let copy = 1; copy <= s.event.copies; copy++) {
      const attempt = copies[copy - 1];
      const answer = attempt ? answerFromAttempt(attempt) : null;
      const verdict: Verdict = answer
        ? judgeAnswer(answer, { timeoutMs, expect: s.event.expect })
        : s.deliveryId === null
          ? { level: 'fail', message: 'The relay made no delivery for this event.', consequence: null }
          : watcher.isSettled(s.deliveryId)
            ? heldBackVerdict(blockedBy)
            : { level: 'fail', message: `The relay made no attempt within ${timeoutMs + STALL_MARGIN_MS} ms.`, consequence: null };
      results.push({
        scenario,
        name: checkName(s.event, copy),
        ok: isPassing(verdict),
        level: verdict.level,
        message: verdict.message,
        consequence: verdict.consequence,
        durationMs: attempt?.durationMs ?? null,
      });
    }
  }
  return results;
}
