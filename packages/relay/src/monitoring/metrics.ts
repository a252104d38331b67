/**
 * Prometheus metrics for monitoring systems (Datadog and New Relic agents both scrape this format), kept with
 * prom-client in a registry of this relay's own.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { HEALTH_STATES } from '@hookline/core';
import type { DeliveryStatus, DeliverySummary } from '@hookline/core';
import type { RelayChange, RelayService } from '../service/types.js';

export interface RelayMetrics {
  registry: Registry;
  dispose(): void;
}

export function createRelayMetrics(service: RelayService): RelayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'hookline_process_' });

  const deliveries = new Counter({
    name: 'hookline_deliveries_total',
    help: 'Deliveries entering each status (enqueued when created; then retrying, delivered, failed or discarded), by hook, resource and event type.',
    labelNames: ['hook', 'resource', 'event_type', 'status'] as const,
    registers: [registry],
  });
  const attemptDuration = new Histogram({
    name: 'hookline_attempt_duration_seconds',
    help: 'How long each delivery attempt took, from sending the request to the end of the response (or the error).',
    labelNames: ['hook'] as const,
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const attempts = new Counter({
    name: 'hookline_attempts_total',
    help: 'Delivery attempts by hook and error code ("none" for a 2xx).',
    labelNames: ['hook', 'error_code'] as const,
    registers: [registry],
  });
  new Gauge({
    name: 'hookline_queue_depth',
    help: 'Deliveries waiting to be sent to each hook (including a failing one being retried).',
    labelNames: ['hook'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const stats of service.queueStats()) this.set({ hook: String(stats.hookId) }, stats.waiting);
    },
  });
  new Gauge({
    name: 'hookline_in_flight',
    help: 'Deliveries being sent to each hook right now.',
    labelNames: ['hook'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const stats of service.queueStats()) this.set({ hook: String(stats.hookId) }, stats.inFlight);
    },
  });
  new Gauge({
    name: 'hookline_hook_health',
    help: 'Endpoint health of each hook: 1 for its current state, 0 for the others.',
    labelNames: ['hook', 'state'] as const,
    registers: [registry],
    collect() {
      this.reset();
      for (const health of service.hookHealth()) {
        for (const state of HEALTH_STATES) this.set({ hook: String(health.hookId), state }, state === health.state ? 1 : 0);
      }
    },
  });

  // Each event counts four times; a label set's child is looked up once rather than hashed on every count.
  const deliveryCounts = new LabelledChildren((hook: string, resource: string, eventType: string, status: string) => deliveries.labels(hook, resource, eventType, status));
  const attemptCounts = new LabelledChildren((hook: string, errorCode: string) => attempts.labels(hook, errorCode));
  const durations = new LabelledChildren((hook: string) => attemptDuration.labels(hook));
  const count = (delivery: DeliverySummary, status: DeliveryStatus): void => {
    deliveryCounts.get(String(delivery.hookId), delivery.resourceName, delivery.eventType, status).inc();
  };

  const onChange = (change: RelayChange): void => {
    switch (change.kind) {
      case 'delivery.created':
        for (const delivery of change.deliveries) count(delivery, 'enqueued');
        return;
      case 'delivery.updated': {
        const byId = new Map(change.deliveries.map((delivery) => [delivery.id, delivery]));
        for (const { deliveryId, to } of change.transitions) count(byId.get(deliveryId)!, to);
        return;
      }
      case 'attempt.finished': {
        const hook = String(change.delivery.hookId);
        attemptCounts.get(hook, change.errorCode ?? 'none').inc();
        durations.get(hook).observe(change.durationMs / 1000);
        return;
      }
      default:
        return;
    }
  };
  const unsubscribe = service.changes.subscribe(onChange);
  return { registry, dispose: () => unsubscribe() };
}

/** A metric's children by label values, made on first use; bounded, since hooks and resources come and go. */
class LabelledChildren<Values extends string[], Child> {
  private readonly children = new Map<string, Child>();

  constructor(private readonly make: (...values: Values) => Child) {}

  get(...values: Values): Child {
    const key = values.join('\u0000');
    let child = this.children.get(key);
    if (child === undefined) {
      if (this.children.size >= 1000) this.children.clear();
      child = this.make(...values);
      this.children.set(key, child);
    }
    return child;
  }
}
