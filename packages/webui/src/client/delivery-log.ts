/**
 * The live deliveries log, kept in step with the relay, for every front end (the page's Deliveries section and
 * the extension's Deliveries tree render its state): the first page on every hello, "More Deliveries" by cursor,
 * live `delivery.created` / `delivery.updated` pushes, and after a reconnect the backlog of everything that
 * changed while away (`backlog.get` since the last change seen), so the list never silently stops updating.
 *
 * - A relay whose history went backwards (a new data dir: its hello's lastSeq is below ours) is reloaded.
 * - The backlog comes in rounds of MAX_BACKLOG changes; past `maxBacklogRounds` a reload is cheaper.
 * - Only pushes, backlog replies and hello move `lastSeenSeq`: pages and request replies may be ahead of pushes
 *   still on their way, and a catch-up from there would skip them.
 *
 * Create it before the transport connects: it loads on hello.
 */
import { MAX_BACKLOG, MAX_DELIVERY_PAGE } from '@hookline/core';
import type { DeliveryQuery, DeliverySummary, HelloMessage, PushMessage, RelayTransport } from '@hookline/core';
import { DeliveryLogModel, sameFilter } from './delivery-log-model.js';
import type { DeliveryLogFilter, DeliveryLogModelOptions, MergeResult } from './delivery-log-model.js';

export type DeliveryLogStatus = { kind: 'idle' } | { kind: 'loading' } | { kind: 'ready' } | { kind: 'error'; message: string };

export interface DeliveryLogOptions extends DeliveryLogModelOptions {
  transport: RelayTransport;
  log?: (line: string) => void;
  backlogLimit?: number;
  /** More backlog rounds than this and a reload is cheaper. */
  maxBacklogRounds?: number;
}

/** After every change to what a view shows; `added` are the ids that joined the list from live changes. */
export type DeliveryLogListener = (change: { added: readonly number[] }) => void;

export const MAX_BACKLOG_ROUNDS = 10;

export class DeliveryLog {
  private readonly model: DeliveryLogModel;
  private seenSeq: number | null = null;
  /**
   * While a catch-up runs: the newest sequence live pushes carried. They must not move the catch-up's cursor (that
   * would skip the backlog between the round and the push); once the backlog is all read, they count.
   */
  private pushedDuringCatchUp: number | null = null;
  private currentStatus: DeliveryLogStatus = { kind: 'idle' };
  private moreInFlight: Promise<void> | null = null;
  private readonly unsubscribe: () => void;
  private readonly listeners = new Set<DeliveryLogListener>();
  private readonly changedListeners = new Set<(deliveries: readonly DeliverySummary[]) => void>();

  constructor(private readonly options: DeliveryLogOptions) {
    this.model = new DeliveryLogModel(options);
    this.unsubscribe = options.transport.onPush((message) => this.handlePush(message));
  }

  get status(): DeliveryLogStatus {
    return this.currentStatus;
  }

  get filter(): DeliveryLogFilter {
    return this.model.filter;
  }

  /** The newest relay change sequence this client has seen. */
  get lastSeenSeq(): number | null {
    return this.seenSeq;
  }

  get isLoaded(): boolean {
    return this.model.isLoaded;
  }

  get size(): number {
    return this.model.size;
  }

  get pageSize(): number {
    return this.model.pageSize;
  }

  /** Newest first: what a view shows. */
  visible(): readonly DeliverySummary[] {
    return this.model.visible();
  }

  hasMore(): boolean {
    return this.model.hasMore();
  }

  get(id: number): DeliverySummary | undefined {
    return this.model.get(id);
  }

  onChange(listener: DeliveryLogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every delivery change that reached us (pushes and backlog, shown or not), for caches of delivery details. */
  onDeliveriesChanged(listener: (deliveries: readonly DeliverySummary[]) => void): () => void {
    this.changedListeners.add(listener);
    return () => this.changedListeners.delete(listener);
  }

  /** Forgets everything (another relay): the next hello loads from scratch. */
  forget(): void {
    this.seenSeq = null;
    this.model.reset();
    this.setStatus({ kind: 'idle' });
  }

  /** Reloads from the top, keeping `visible` rows (one page by default). */
  async reload(visible = this.model.pageSize): Promise<void> {
    this.model.reset(this.model.filter, visible);
    await this.fetchUntil(visible);
  }

  /** Another filter: reloads at once, or at the next hello when not connected yet. */
  async setFilter(change: Partial<DeliveryLogFilter>): Promise<void> {
    const filter = { ...this.model.filter, ...change };
    if (sameFilter(filter, this.model.filter)) return;
    this.model.reset(filter);
    this.notify([]);
    if (this.seenSeq !== null) await this.fetchUntil(this.model.pageSize);
  }

  /** "More Deliveries": the next page, from what is held or from the relay by cursor. */
  loadMore(): Promise<void> {
    this.moreInFlight ??= this.doLoadMore().finally(() => {
      this.moreInFlight = null;
    });
    return this.moreInFlight;
  }

  /** A newer state a request's reply carried (a redelivery): shown now, without waiting for its push. */
  merge(deliveries: readonly DeliverySummary[]): void {
    this.apply(this.model.merge(deliveries));
  }

  dispose(): void {
    this.unsubscribe();
    this.listeners.clear();
    this.changedListeners.clear();
  }

  private async doLoadMore(): Promise<void> {
    const { model } = this;
    const plan = model.planMore();
    if (plan.kind === 'none') return;
    if (plan.kind === 'reveal') {
      model.showMore();
      this.notify([]);
      return;
    }
    if (plan.kind === 'reload') {
      await this.reload(plan.count);
      return;
    }
    const generation = model.generation;
    await this.guard(async () => {
      const page = await this.options.transport.request('deliveries.list', this.query(model.pageSize, plan.cursor));
      if (generation !== model.generation) return;
      // Shown first, so the cap (which keeps everything shown) keeps this page too instead of trimming it.
      model.showMore();
      model.applyPage(page);
    });
  }

  private handlePush(message: PushMessage): void {
    if (message.type === 'hello') void this.onHello(message);
    else if (message.type === 'delivery.created' || message.type === 'delivery.updated') this.accept(message.deliveries);
  }

  private accept(deliveries: readonly DeliverySummary[], from: 'push' | 'backlog' = 'push'): void {
    const catchingUp = from === 'push' && this.pushedDuringCatchUp !== null;
    for (const delivery of deliveries) {
      if (catchingUp) this.pushedDuringCatchUp = Math.max(this.pushedDuringCatchUp ?? 0, delivery.changeSeq);
      else if (this.seenSeq === null || delivery.changeSeq > this.seenSeq) this.seenSeq = delivery.changeSeq;
    }
    if (deliveries.length > 0) for (const listener of [...this.changedListeners]) listener(deliveries);
    this.apply(this.model.merge(deliveries));
  }

  private apply(result: MergeResult): void {
    if (result.changed) this.notify(result.added);
  }

  private async onHello(hello: HelloMessage): Promise<void> {
    const { model } = this;
    if (!model.isLoaded || this.seenSeq === null || hello.lastSeq < this.seenSeq) {
      if (this.seenSeq !== null && hello.lastSeq < this.seenSeq) this.options.log?.('The relay history is older than ours (a new data dir?): reloading deliveries.');
      this.seenSeq = hello.lastSeq;
      await this.reload(model.isLoaded ? model.visibleLimit : model.pageSize);
      return;
    }
    await this.catchUp();
  }

  private async catchUp(): Promise<void> {
    const { model } = this;
    const generation = model.generation;
    const limit = this.options.backlogLimit ?? MAX_BACKLOG;
    const maxRounds = this.options.maxBacklogRounds ?? MAX_BACKLOG_ROUNDS;
    this.pushedDuringCatchUp = this.seenSeq ?? 0;
    let complete = false;
    try {
      await this.guard(async () => {
        let caught = 0;
        for (let round = 0; ; round += 1) {
          if (round >= maxRounds) {
            this.options.log?.('The backlog is long: reloading deliveries instead.');
            await this.reload(model.visibleLimit);
            complete = true;
            return;
          }
          const backlog = await this.options.transport.request('backlog.get', { since: this.seenSeq ?? 0, limit });
          if (generation !== model.generation) return;
          this.accept(backlog.deliveries, 'backlog');
          caught += backlog.deliveries.length;
          if (this.seenSeq === null || backlog.lastSeq > this.seenSeq) this.seenSeq = backlog.lastSeq;
          if (!backlog.more) break;
        }
        complete = true;
        this.options.log?.(`Caught up on ${caught} delivery change(s) missed while disconnected.`);
      });
    } finally {
      const pushed = this.pushedDuringCatchUp;
      this.pushedDuringCatchUp = null;
      if (complete && pushed !== null && (this.seenSeq === null || pushed > this.seenSeq)) this.seenSeq = pushed;
    }
  }

  private async fetchUntil(target: number): Promise<void> {
    const { model } = this;
    const generation = model.generation;
    await this.guard(async () => {
      let cursor: string | undefined;
      do {
        const limit = Math.min(MAX_DELIVERY_PAGE, Math.max(model.pageSize, target - model.size));
        const page = await this.options.transport.request('deliveries.list', this.query(limit, cursor));
        if (generation !== model.generation) return;
        model.applyPage(page);
        cursor = page.nextCursor ?? undefined;
      } while (cursor !== undefined && model.size < target);
    });
  }

  private query(limit: number, cursor?: string): DeliveryQuery {
    const { failuresOnly, hookId, resourceId } = this.model.filter;
    const query: DeliveryQuery = { limit };
    if (resourceId !== null) query.resourceId = resourceId;
    if (cursor !== undefined) query.cursor = cursor;
    if (failuresOnly) query.status = 'failures';
    if (hookId !== null) query.hookId = hookId;
    return query;
  }

  /** Runs one load with its status; a load that a reset overtook leaves the status to the newer one. */
  private async guard(work: () => Promise<void>): Promise<void> {
    const generation = this.model.generation;
    this.setStatus({ kind: 'loading' });
    try {
      await work();
      if (generation === this.model.generation) this.setStatus({ kind: 'ready' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      this.options.log?.(`Loading deliveries failed: ${message}`);
      if (generation === this.model.generation) this.setStatus({ kind: 'error', message });
    }
  }

  private setStatus(status: DeliveryLogStatus): void {
    this.currentStatus = status;
    this.notify([]);
  }

  private notify(added: readonly number[]): void {
    for (const listener of [...this.listeners]) listener({ added });
  }
}
