/**
 * The Deliveries tree's data, without VS Code: deliveries newest first, shown a page (25) at a time, merged
 * with live changes as they arrive. Pure and synchronous; `DeliverySync` feeds it from the relay.
 *
 * Window rule: the model holds every delivery newer than the oldest one the relay has paged to us (the
 * boundary). A live change below the boundary is ignored: it arrives with the next page instead. New
 * deliveries go on top and push older ones below the visible count, where "More Deliveries" reveals them.
 * Memory is capped: past `maxItems` the oldest are dropped, and the next "More" reloads from the top.
 */
import type { DeliveryPage, DeliveryStatus, DeliverySummary } from '@hookline/core';

export type DeliveryFilter = 'all' | 'failures';

export const PAGE_SIZE = 25;
export const FAILURE_STATUSES: ReadonlySet<DeliveryStatus> = new Set<DeliveryStatus>(['failed', 'retrying', 'discarded']);

export function matchesFilter(delivery: Pick<DeliverySummary, 'status'>, filter: DeliveryFilter): boolean {
  return filter === 'all' || FAILURE_STATUSES.has(delivery.status);
}

/** What "More Deliveries" needs: show what is already here, fetch the next page, or reload from the top. */
export type MorePlan = { kind: 'reveal' } | { kind: 'fetch'; cursor: string } | { kind: 'reload'; count: number } | { kind: 'none' };

export interface DeliveryListOptions {
  pageSize?: number;
  maxItems?: number;
}

export class DeliveryListModel {
  readonly pageSize: number;
  readonly maxItems: number;
  private byId = new Map<number, DeliverySummary>();
  private sorted: DeliverySummary[] | null = [];
  private currentFilter: DeliveryFilter = 'all';
  private nextCursor: string | null = null;
  /** The lowest id the relay has paged to us; null before the first page. */
  private boundaryId: number | null = null;
  private truncated = false;
  private loaded = false;
  private visibleCount: number;
  private generationCounter = 0;

  constructor(options: DeliveryListOptions = {}) {
    this.pageSize = options.pageSize ?? PAGE_SIZE;
    this.maxItems = Math.max(options.maxItems ?? 2000, this.pageSize * 4);
    this.visibleCount = this.pageSize;
  }

  get filter(): DeliveryFilter {
    return this.currentFilter;
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
  reset(filter: DeliveryFilter = this.currentFilter, visible = this.pageSize): void {
    this.generationCounter += 1;
    this.currentFilter = filter;
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

  /** Live changes (created, updated, or a backlog after a reconnect). Returns whether anything visible may have changed. */
  merge(deliveries: readonly DeliverySummary[]): boolean {
    let changed = false;
    for (const delivery of deliveries) changed = this.put(delivery, false) || changed;
    if (changed) this.enforceCap();
    return changed;
  }

  /** Newest first; all held items (the tree shows `visible()`). */
  items(): readonly DeliverySummary[] {
    this.sorted ??= [...this.byId.values()].sort((a, b) => b.id - a.id);
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

  private put(delivery: DeliverySummary, fromPage: boolean): boolean {
    const existing = this.byId.get(delivery.id);
    if (existing && existing.changeSeq > delivery.changeSeq) return false;
    if (!matchesFilter(delivery, this.currentFilter)) {
      if (!existing) return false;
      this.byId.delete(delivery.id);
      this.sorted = null;
      return true;
    }
    if (!existing && !fromPage && !this.inWindow(delivery.id)) return false;
    if (existing && existing.changeSeq === delivery.changeSeq && existing.status === delivery.status) return false;
    this.byId.set(delivery.id, delivery);
    this.sorted = null;
    return true;
  }

  private enforceCap(): void {
    const limit = Math.max(this.maxItems, this.visibleCount);
    if (this.byId.size <= limit) return;
    const keep = this.items().slice(0, limit);
    this.byId = new Map(keep.map((d) => [d.id, d]));
    this.sorted = keep;
    this.boundaryId = keep[keep.length - 1]?.id ?? null;
    this.truncated = true;
  }
}
