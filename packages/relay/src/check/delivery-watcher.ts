/**
 * Follows the relay's change feed for the deliveries of a check: the first scheduled attempt of each, and the
 * latest status (a delivery the queue failed without sending has status failed and no attempt).
 */
import { isTerminalStatus, type DeliverySummary } from '@hookline/core';
import type { ChangeFeed, RelayChange } from '../service/types.js';

type FinishedAttempt = Extract<RelayChange, { kind: 'attempt.finished' }>;

export class DeliveryWatcher {
  private readonly firstAttempts = new Map<number, FinishedAttempt>();
  private readonly latest = new Map<number, DeliverySummary>();
  private readonly listeners = new Set<() => void>();
  private readonly unsubscribe: () => void;

  constructor(feed: ChangeFeed, private readonly onFirstFailure: (change: FinishedAttempt) => void) {
    this.unsubscribe = feed.subscribe((change) => this.accept(change));
  }

  firstAttempt(deliveryId: number): FinishedAttempt | undefined {
    return this.firstAttempts.get(deliveryId);
  }

  /** Sent once, or settled without being sent (the queue was stopped behind a failure). */
  isSettled(deliveryId: number): boolean {
    if (this.firstAttempts.has(deliveryId)) return true;
    const summary = this.latest.get(deliveryId);
    return summary !== undefined && isTerminalStatus(summary.status) && summary.attemptCount === 0;
  }

  /** Resolves once every delivery is settled, or after `timeoutMs` without any change (false then). */
  waitForSettled(deliveryIds: number[], timeoutMs: number): Promise<boolean> {
    return new Promise((resolve) => {
      let timer: NodeJS.Timeout;
      const check = (): void => {
        if (deliveryIds.every((id) => this.isSettled(id))) finish(true);
      };
      const arm = (): void => {
        clearTimeout(timer);
        timer = setTimeout(() => finish(false), timeoutMs);
      };
      const onChange = (): void => {
        arm();
        check();
      };
      const finish = (settled: boolean): void => {
        clearTimeout(timer);
        this.listeners.delete(onChange);
        resolve(settled);
      };
      this.listeners.add(onChange);
      arm();
      check();
    });
  }

  close(): void {
    this.unsubscribe();
    this.listeners.clear();
  }

  private accept(change: RelayChange): void {
    if (change.kind === 'attempt.finished' && change.trigger === 'scheduled' && !this.firstAttempts.has(change.delivery.id)) {
      this.firstAttempts.set(change.delivery.id, change);
      if (!change.ok) this.onFirstFailure(change);
    }
    if (change.kind === 'delivery.updated' || change.kind === 'delivery.created') {
      for (const summary of change.deliveries) this.latest.set(summary.id, summary);
    }
    if (change.kind === 'attempt.finished' || change.kind === 'delivery.updated') for (const listener of [...this.listeners]) listener();
  }
}
