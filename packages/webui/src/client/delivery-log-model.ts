/**
 * The live deliveries log as data, for the web page's Deliveries section and the extension's Deliveries tree
 * alike: newest first, shown a page (25) at a time, merged with live changes. Pure and synchronous; `DeliveryLog`
 * feeds it from the relay.
 *
 * - Window: the model holds every delivery newer than the oldest one the relay has paged to us (the boundary). A
 *   live change below the boundary is ignored: it arrives with the next page. New deliveries go on top and push
 *   older ones below the visible count, where "More Deliveries" reveals them.
 * - Filter: a delivery that stops matching (a failure that recovers under "Only Show Failures") leaves the list,
 *   so it always shows what a fresh load would show.
 * - Memory: past `maxItems` the oldest are dropped, and the next "More" reloads from the top.
 * - Cost: the newest-first order is kept as deliveries come and go (a binary search per change), so a push costs
 *   what it carries, not what the model holds: under a flood every push would otherwise re-sort a full model.
 */
import { DELIVERY_PAGE_SIZE, isFailureStatus } from '@hookline/core';
import type { DeliveryPage, DeliverySummary } from '@hookline/core';

export interface DeliveryLogFilter {
  failuresOnly: boolean;
  /** Only this hook's deliveries; null shows every hook's. */
  hookId: number | null;
  /** Only deliveries about this resource id (the search box); null shows all. */
  resourceId: string | null;
}

export const EVERY_DELIVERY: DeliveryLogFilter = { failuresOnly: false, hookId: null, resourceId: null };
export const MAX_HELD_DELIVERIES = 2000;

export function matchesFilter(delivery: Pick<DeliverySummary, 'status' | 'hookId' | 'resourceId'>, filter: DeliveryLogFilter): boolean {
  if (filter.hookId !== null && delivery.hookId !== filter.hookId) return false;
  if (filter.resourceId !== null && delivery.resourceId !== filter.resourceId) return false;
  return !filter.failuresOnly || isFailureStatus(delivery.status);
}

export function sameFilter(a: DeliveryLogFilter, b: DeliveryLogFilter): boolean {
  return a.failuresOnly === b.failuresOnly && a.hookId === b.hookId && a.resourceId === b.resourceId;
}

/** What "More Deliveries" needs: show what is already here, fetch the next page, or reload from the top. */
export type MorePlan = { kind: 'reveal' } | { kind: 'fetch'; cursor: string } | { kind: 'reload'; count: number } | { kind: 'none' };

export interface DeliveryLogModelOptions {
  filter?: Partial<DeliveryLogFilter>;
  pageSize?: number;
  maxItems?: number;
}

export interface MergeResult {
  changed: boolean;
  /** Deliveries that joined the list (new ones, or ones that started to match). */
  added: number[];
}

export class DeliveryLogModel {
  readonly pageSize: number;
  readonly maxItems: number;
  private byId = new Map<number, DeliverySummary>();
  /** Every held delivery, newest (highest id) first. */
  private sorted: DeliverySummary[] = [];
  private currentFilter: DeliveryLogFilter;
  private nextCursor: string | null = null;
  /** The lowest id the relay has paged to us; null before the first page. */
  private boundaryId: number | null = null;
  private truncated = false;
  private loaded = false;
  private visibleCount: number;
  private generationCounter = 0;

  constructor(options: DeliveryLogModelOptions = {}) {
    this.pageSize = options.pageSize ?? DELIVERY_PAGE_SIZE;
    this.maxItems = Math.max(options.maxItems ?? MAX_HELD_DELIVERIES, this.pageSize * 4);
    this.currentFilter = { ...EVERY_DELIVERY, ...options.filter };
    this.visibleCount = this.pageSize;
  }

  get filter(): DeliveryLogFilter {
    return { ...this.currentFilter };
  }

  /** Bumped by every reset, so a page that arrives for an older list can be recognised and dropped. */
  get generation(): number {
    return this.generationCounter;
  }

  get isLoaded(): boolean {
    return this.loaded;
  }

  get size(): number {
    return this.byId.size;
  }

  get visibleLimit(): number {
    return this.visibleCount;
  }

  /** Empties the list for a new filter or a reload; `visible` keeps the number of rows the person had open. */
  reset(filter: DeliveryLogFilter = this.currentFilter, visible = this.pageSize): void {
    this.generationCounter += 1;
    this.currentFilter = { ...filter };
    this.byId.clear();
    this.sorted = [];
    this.nextCursor = null;
    this.boundaryId = null;
    this.truncated = false;
    this.loaded = false;
    this.visibleCount = Math.max(this.pageSize, visible);
  }

  /** A page from `deliveries.list`: the first after a reset, or the one a cursor asked for. */
  applyPage(page: DeliveryPage): void {
    for (const delivery of page.data) this.put(delivery, true);
    const last = page.data[page.data.length - 1];
    if (last !== undefined) this.boundaryId = this.boundaryId === null ? last.id : Math.min(this.boundaryId, last.id);
    this.nextCursor = page.nextCursor;
    this.loaded = true;
    this.enforceCap();
  }

  /** Live changes (created, updated, a backlog after a reconnect, or a reply that carried a newer state). */
  merge(deliveries: readonly DeliverySummary[]): MergeResult {
    const added: number[] = [];
    let changed = false;
    for (const delivery of deliveries) {
      const outcome = this.put(delivery, false);
      if (outcome === 'added') added.push(delivery.id);
      changed = outcome !== 'same' || changed;
    }
    if (changed) this.enforceCap();
    return { changed, added: added.filter((id) => this.byId.has(id)) };
  }

  /** Newest first; all held items (a view shows `visible()`). */
  items(): readonly DeliverySummary[] {
    return this.sorted;
  }

  visible(): readonly DeliverySummary[] {
    return this.items().slice(0, this.visibleCount);
  }

  get(id: number): DeliverySummary | undefined {
    return this.byId.get(id);
  }

  hasMore(): boolean {
    return this.byId.size > this.visibleCount || this.nextCursor !== null || this.truncated;
  }

  planMore(): MorePlan {
    if (this.byId.size >= this.visibleCount + this.pageSize) return { kind: 'reveal' };
    if (this.truncated) return { kind: 'reload', count: this.visibleCount + this.pageSize };
    if (this.nextCursor !== null) return { kind: 'fetch', cursor: this.nextCursor };
    if (this.byId.size > this.visibleCount) return { kind: 'reveal' };
    return { kind: 'none' };
  }

  /** Shows one more page of what is held (after a reveal or a fetch). */
  showMore(): void {
    this.visibleCount += this.pageSize;
  }

  private inWindow(id: number): boolean {
    if (!this.loaded) return true;
    if (this.boundaryId === null) return this.nextCursor === null && !this.truncated;
    return id > this.boundaryId || (this.nextCursor === null && !this.truncated);
  }

  private put(delivery: DeliverySummary, fromPage: boolean): 'added' | 'updated' | 'removed' | 'same' {
    const existing = this.byId.get(delivery.id);
    if (existing && existing.changeSeq > delivery.changeSeq) return 'same';
    if (!matchesFilter(delivery, this.currentFilter)) {
      if (!existing) return 'same';
      this.byId.delete(delivery.id);
      this.sorted.splice(this.indexOf(delivery.id), 1);
      return 'removed';
    }
    if (!existing && !fromPage && !this.inWindow(delivery.id)) return 'same';
    if (existing && existing.changeSeq === delivery.changeSeq && existing.status === delivery.status) return 'same';
    this.byId.set(delivery.id, delivery);
    const at = this.indexOf(delivery.id);
    if (existing) this.sorted[at] = delivery;
    else this.sorted.splice(at, 0, delivery);
    return existing ? 'updated' : 'added';
  }

  /** Where `id` is in `sorted`, or where it goes: the first position whose id is not higher. */
  private indexOf(id: number): number {
    let low = 0;
    let high = this.sorted.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if ((this.sorted[middle] as DeliverySummary).id > id) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  private enforceCap(): void {
    const limit = Math.max(this.maxItems, this.visibleCount);
    if (this.byId.size <= limit) return;
    for (const dropped of this.sorted.splice(limit)) this.byId.delete(dropped.id);
    this.boundaryId = this.sorted[this.sorted.length - 1]?.id ?? null;
    this.truncated = true;
  }
}
