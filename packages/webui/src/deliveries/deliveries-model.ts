/**
 * The Deliveries log as data: newest first, loaded 25 at a time with a keyset cursor, merged with live
 * pushes (a delivery appears once, in its latest state), optionally only failures. No DOM here.
 */
import type { DeliveryPage, DeliveryStatus, DeliverySummary } from '@hookline/core';

export const PAGE_SIZE = 25;
const FAILURE_STATUSES: ReadonlySet<DeliveryStatus> = new Set<DeliveryStatus>(['failed', 'retrying', 'discarded']);

export function isFailure(status: DeliveryStatus): boolean {
  return FAILURE_STATUSES.has(status);
}

export interface DeliveriesFilter {
  failuresOnly: boolean;
  /** Only this hook's deliveries; null shows every hook's. */
  hookId: number | null;
}

export interface UpsertResult {
  added: number[];
  changed: number[];
}

export class DeliveriesModel {
  private rows: DeliverySummary[] = [];
  private readonly byId = new Map<number, DeliverySummary>();
  private cursor: string | null = null;
  private loadedFirstPage = false;
  private seq = 0;

  constructor(private filterValue: DeliveriesFilter) {}

  get filter(): DeliveriesFilter {
    return { ...this.filterValue };
  }

  /** Newest first. */
  get deliveries(): readonly DeliverySummary[] {
    return this.rows;
  }

  get nextCursor(): string | null {
    return this.cursor;
  }

  get loaded(): boolean {
    return this.loadedFirstPage;
  }

  get hasMore(): boolean {
    return this.loadedFirstPage && this.cursor !== null;
  }

  /** The highest changeSeq seen: after a reconnect, the backlog is asked for from here. */
  get lastSeq(): number {
    return this.seq;
  }

  noteSeq(seq: number): void {
    if (seq > this.seq) this.seq = seq;
  }

  /** Starts over with another filter (the caller then loads the first page). */
  reset(filter: DeliveriesFilter): void {
    this.filterValue = { ...filter };
    this.rows = [];
    this.byId.clear();
    this.cursor = null;
    this.loadedFirstPage = false;
  }

  matches(delivery: DeliverySummary): boolean {
    if (this.filterValue.hookId !== null && delivery.hookId !== this.filterValue.hookId) return false;
    return !this.filterValue.failuresOnly || isFailure(delivery.status);
  }

  /** Appends a page fetched with `nextCursor` (or the first page); rows already shown live are not doubled. */
  addPage(page: DeliveryPage): UpsertResult {
    this.loadedFirstPage = true;
    this.cursor = page.nextCursor;
    return this.merge(page.data, true);
  }

  /**
   * Live changes (delivery.created / delivery.updated / backlog). Known rows take the newer state; a new row is
   * shown when it matches the filter and falls inside what is loaded (older ones arrive with "More Deliveries").
   * Rows that stop matching stay, so nothing jumps away under the pointer.
   */
  upsert(deliveries: readonly DeliverySummary[]): UpsertResult {
    for (const d of deliveries) this.noteSeq(d.changeSeq);
    if (!this.loadedFirstPage) return { added: [], changed: [] };
    return this.merge(deliveries, false);
  }

  private merge(deliveries: readonly DeliverySummary[], fromPage: boolean): UpsertResult {
    const added: number[] = [];
    const changed: number[] = [];
    const oldest = this.rows.length > 0 ? (this.rows[this.rows.length - 1] as DeliverySummary).id : Infinity;
    for (const delivery of deliveries) {
      if (fromPage) this.noteSeq(delivery.changeSeq);
      const known = this.byId.get(delivery.id);
      if (known) {
        if (delivery.changeSeq >= known.changeSeq) {
          this.replace(delivery);
          changed.push(delivery.id);
        }
        continue;
      }
      const inRange = fromPage || this.cursor === null || delivery.id > oldest;
      if (!this.matches(delivery) || !inRange) continue;
      this.byId.set(delivery.id, delivery);
      this.rows.push(delivery);
      added.push(delivery.id);
    }
    if (added.length > 0) this.rows.sort((a, b) => b.id - a.id);
    return { added, changed };
  }

  private replace(delivery: DeliverySummary): void {
    this.byId.set(delivery.id, delivery);
    const index = this.rows.findIndex((r) => r.id === delivery.id);
    if (index >= 0) this.rows[index] = delivery;
  }

  get(id: number): DeliverySummary | undefined {
    return this.byId.get(id);
  }
}
