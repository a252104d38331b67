/**
 * Keeps the deliveries model in step with the relay: the first page after connecting, "More Deliveries" by
 * cursor, live `delivery.created` / `delivery.updated` pushes, and after a reconnect the backlog of everything
 * that changed while we were away (`backlog.get` since the last change we saw), so the tree never silently
 * stops updating. A relay whose history went backwards (a new data dir) is simply reloaded.
 */
import type { DeliverySummary, HelloMessage, PushMessage, RelayTransport } from '@hookline/core';
import { Emitter } from '../lifecycle.js';
import type { Disposable } from '../lifecycle.js';
import type { DeliveryFilter, DeliveryListModel } from './delivery-list-model.js';

export type SyncStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface DeliverySyncOptions {
  transport: RelayTransport;
  model: DeliveryListModel;
  /** Called after every change to what the tree should show (the refresh coordinator batches these). */
  onChange: () => void;
  log?: (line: string) => void;
  backlogPageSize?: number;
  /** More backlog rounds than this and a reload is cheaper. */
  maxBacklogRounds?: number;
}

const MAX_LIST_LIMIT = 100;

export class DeliverySync implements Disposable {
  private seenSeq: number | null = null;
  private currentStatus: SyncStatus = { kind: 'idle' };
  private moreInFlight: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private readonly changedEmitter = new Emitter<readonly DeliverySummary[]>();

  constructor(private readonly options: DeliverySyncOptions) {
    this.unsubscribe = options.transport.onPush((message) => this.handlePush(message));
  }

  get status(): SyncStatus {
    return this.currentStatus;
  }

  /** The newest relay change sequence this client has seen. */
  get lastSeenSeq(): number | null {
    return this.seenSeq;
  }

  /** Every delivery change that reached us (pushes and backlog), for caches of delivery details. */
  onDeliveriesChanged(listener: (deliveries: readonly DeliverySummary[]) => void): () => void {
    return this.changedEmitter.on(listener);
  }

  /** Forgets everything (another relay was configured): the next hello loads from scratch. */
  forget(): void {
    this.seenSeq = null;
    this.options.model.reset(this.options.model.filter);
    this.setStatus({ kind: 'idle' });
  }

  /** Reloads from the top, keeping `visible` rows (one page by default). */
  async reload(visible = this.options.model.pageSize): Promise<void> {
    const { model } = this.options;
    model.reset(model.filter, visible);
    await this.fetchUntil(visible);
  }

  async setFilter(filter: DeliveryFilter): Promise<void> {
    this.options.model.reset(filter);
    this.options.onChange();
    await this.fetchUntil(this.options.model.pageSize);
  }

  /** "More Deliveries": the next 25, from what is held or from the relay by cursor. */
  loadMore(): Promise<void> {
    this.moreInFlight ??= this.doLoadMore().finally(() => {
      this.moreInFlight = null;
    });
    return this.moreInFlight;
  }

  dispose(): void {
    this.unsubscribe();
    this.changedEmitter.dispose();
  }

  private async doLoadMore(): Promise<void> {
    const { model, transport } = this.options;
    const plan = model.planMore();
    if (plan.kind === 'none') return;
    if (plan.kind === 'reveal') {
      model.showMore();
      this.options.onChange();
      return;
    }
    if (plan.kind === 'reload') {
      model.reset(model.filter, plan.count);
      await this.fetchUntil(plan.count);
      return;
    }
    const generation = model.generation;
    await this.guard(async () => {
      const page = await transport.request('deliveries.list', this.query(model.pageSize, plan.cursor));
      if (generation !== model.generation) return;
      model.applyPage(page);
      model.showMore();
    });
  }

  private handlePush(message: PushMessage): void {
    switch (message.type) {
      case 'hello':
        void this.onHello(message);
        return;
      case 'delivery.created':
      case 'delivery.updated':
        this.accept(message.deliveries);
        return;
      default:
        return;
    }
  }

  private accept(deliveries: readonly DeliverySummary[]): void {
    for (const delivery of deliveries) {
      if (this.seenSeq === null || delivery.changeSeq > this.seenSeq) this.seenSeq = delivery.changeSeq;
    }
    if (deliveries.length > 0) this.changedEmitter.fire(deliveries);
    if (this.options.model.merge(deliveries)) this.options.onChange();
  }

  private async onHello(hello: HelloMessage): Promise<void> {
    const { model } = this.options;
    if (!model.isLoaded || this.seenSeq === null || hello.lastSeq < this.seenSeq) {
      if (this.seenSeq !== null && hello.lastSeq < this.seenSeq) this.options.log?.('The relay history is older than ours (a new data dir?): reloading deliveries.');
      this.seenSeq = hello.lastSeq;
      await this.reload(model.isLoaded ? model.visibleLimit : model.pageSize);
      return;
    }
    await this.catchUp();
  }

  private async catchUp(): Promise<void> {
    const { transport, model } = this.options;
    const generation = model.generation;
    const limit = this.options.backlogPageSize ?? 1000;
    const maxRounds = this.options.maxBacklogRounds ?? 10;
    await this.guard(async () => {
      let caught = 0;
      for (let round = 0; ; round += 1) {
        if (round >= maxRounds) {
          this.options.log?.('The backlog is long: reloading deliveries instead.');
          await this.reload(model.visibleLimit);
          return;
        }
        const backlog = await transport.request('backlog.get', { since: this.seenSeq ?? 0, limit });
        if (generation !== model.generation) return;
        this.accept(backlog.deliveries);
        caught += backlog.deliveries.length;
        if (this.seenSeq === null || backlog.lastSeq > this.seenSeq) this.seenSeq = backlog.lastSeq;
        if (!backlog.more) break;
      }
      this.options.log?.(`Caught up on ${caught} delivery change(s) missed while disconnected.`);
    });
  }

  private async fetchUntil(target: number): Promise<void> {
    const { model, transport } = this.options;
    const generation = model.generation;
    await this.guard(async () => {
      let cursor: string | undefined;
      do {
        const limit = Math.min(MAX_LIST_LIMIT, Math.max(model.pageSize, target - model.size));
        const page = await transport.request('deliveries.list', this.query(limit, cursor));
        if (generation !== model.generation) return;
        model.applyPage(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && model.size < target);
    });
  }

  private query(limit: number, cursor?: string): { limit: number; cursor?: string; status?: 'failures' } {
    const query: { limit: number; cursor?: string; status?: 'failures' } = { limit };
    if (cursor !== undefined) query.cursor = cursor;
    if (this.options.model.filter === 'failures') query.status = 'failures';
    return query;
  }

  private async guard(work: () => Promise<void>): Promise<void> {
    this.setStatus({ kind: 'loading' });
    try {
      await work();
      this.setStatus({ kind: 'ready' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.(`Loading deliveries failed: ${message}`);
      this.setStatus({ kind: 'error', message });
    }
  }

  private setStatus(status: SyncStatus): void {
    this.currentStatus = status;
    this.options.onChange();
  }
}
