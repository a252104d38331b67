/**
 * Coalesces delivery changes into few frames: one `delivery.created` and one `delivery.updated` per window
 * (50 ms or 250 deliveries, whichever comes first), keeping only the latest state of each updated delivery.
 * Hook and trigger changes flush what is pending first, so clients see changes in the order they happened.
 */
import type { DeliverySummary, PushMessage } from '@hookline/core';
import type { RelayChange } from '../service/types.js';

export interface PushBatcherOptions {
  send: (message: PushMessage) => void;
  windowMs?: number;
  maxItems?: number;
}

export class PushBatcher {
  private created: DeliverySummary[] = [];
  private updated = new Map<number, DeliverySummary>();
  private timer: NodeJS.Timeout | null = null;
  private readonly windowMs: number;
  private readonly maxItems: number;

  constructor(private readonly options: PushBatcherOptions) {
    this.windowMs = options.windowMs ?? 50;
    this.maxItems = options.maxItems ?? 250;
  }

  accept(change: RelayChange): void {
    switch (change.kind) {
      case 'delivery.created':
        for (const delivery of change.deliveries) this.created.push(delivery);
        this.schedule();
        return;
      case 'delivery.updated':
        for (const delivery of change.deliveries) this.updated.set(delivery.id, delivery);
        this.schedule();
        return;
      case 'hook.updated':
        this.flush();
        this.options.send({ type: 'hook.updated', hook: change.hook });
        return;
      case 'hook.deleted':
        this.flush();
        this.options.send({ type: 'hook.deleted', hookId: change.hookId });
        return;
      case 'hook.health':
        this.flush();
        this.options.send({ type: 'hook.health', health: change.health, previous: change.previous });
        return;
      case 'storage.health':
        this.flush();
        this.options.send({ type: 'relay.storage', storage: change.storage });
        return;
      case 'triggers.updated':
        this.flush();
        this.options.send({ type: 'triggers.updated', hookId: change.hookId, grid: change.grid });
        return;
      default:
        return;
    }
  }

  flush(): void {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.created.length > 0) {
      const deliveries = this.created;
      this.created = [];
      // A delivery created and updated in the same window goes out once, in its latest state.
      const merged = deliveries.map((d) => this.updated.get(d.id) ?? d);
      for (const d of deliveries) this.updated.delete(d.id);
      this.options.send({ type: 'delivery.created', deliveries: merged });
    }
    if (this.updated.size > 0) {
      const deliveries = [...this.updated.values()];
      this.updated.clear();
      this.options.send({ type: 'delivery.updated', deliveries });
    }
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.created.length + this.updated.size >= this.maxItems) {
      this.flush();
      return;
    }
    if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.windowMs);
      this.timer.unref();
    }
  }
}
