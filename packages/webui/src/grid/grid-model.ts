/**
 * The Resource Grid as data: every resource with its Create/Update/Delete cells, what the relay confirmed,
 * which toggles are still on their way, the search filter and per-column "select all". No DOM here.
 */
import type { EventType, ResourceDefinition, Scope, TriggerGrid } from '@hookline/core';

export const EVENT_COLUMNS = ['create', 'update', 'delete'] as const satisfies readonly EventType[];
export const SCOPES = ['company', 'project'] as const satisfies readonly Scope[];

export interface CellState {
  /** The resource offers this event type; a cell that is not offered is disabled. */
  offered: boolean;
  /** What the box shows: the pending wish while a toggle is on its way, else what the relay confirmed. */
  checked: boolean;
  pending: boolean;
}

export interface GridGroup {
  scope: Scope;
  rows: ResourceDefinition[];
}

/** all / none / mixed over the offered cells of the rows in view; unavailable when none of them offers it. */
export type ColumnState = 'all' | 'none' | 'mixed' | 'unavailable';

interface Pending {
  desired: boolean;
  inFlight: number;
}

function key(resourceName: string, eventType: EventType): string {
  return `${eventType}\u0000${resourceName}`;
}

export class GridModel {
  private readonly byName: Map<string, ResourceDefinition>;
  private confirmed = new Set<string>();
  private readonly pending = new Map<string, Pending>();

  constructor(readonly resources: readonly ResourceDefinition[]) {
    this.byName = new Map(resources.map((r) => [r.name, r]));
  }

  has(resourceName: string): boolean {
    return this.byName.has(resourceName);
  }

  /** Replaces what the relay has confirmed (a `triggers.get` reply or a `triggers.updated` push). */
  setGrid(grid: TriggerGrid): void {
    this.confirmed = new Set();
    for (const [resourceName, eventTypes] of Object.entries(grid)) {
      for (const eventType of eventTypes) this.confirmed.add(key(resourceName, eventType));
    }
  }

  /** The relay's answer to a toggle: the event types now on for one resource. */
  confirm(resourceName: string, eventTypes: readonly EventType[]): void {
    for (const eventType of EVENT_COLUMNS) {
      if (eventTypes.includes(eventType)) this.confirmed.add(key(resourceName, eventType));
      else this.confirmed.delete(key(resourceName, eventType));
    }
  }

  isConfirmed(resourceName: string, eventType: EventType): boolean {
    return this.confirmed.has(key(resourceName, eventType));
  }

  /** A toggle was sent: show `desired` until every request for this cell has been answered. */
  beginToggle(resourceName: string, eventType: EventType, desired: boolean): void {
    const k = key(resourceName, eventType);
    const entry = this.pending.get(k);
    this.pending.set(k, { desired, inFlight: (entry?.inFlight ?? 0) + 1 });
  }

  /** A request for this cell was answered (confirmed or refused); the last answer ends the pending state. */
  endToggle(resourceName: string, eventType: EventType): void {
    const k = key(resourceName, eventType);
    const entry = this.pending.get(k);
    if (!entry) return;
    if (entry.inFlight <= 1) this.pending.delete(k);
    else entry.inFlight -= 1;
  }

  cell(resourceName: string, eventType: EventType): CellState {
    const resource = this.byName.get(resourceName);
    const offered = resource !== undefined && resource.eventTypes.includes(eventType);
    const k = key(resourceName, eventType);
    const pending = this.pending.get(k);
    return { offered, checked: offered && (pending ? pending.desired : this.confirmed.has(k)), pending: pending !== undefined };
  }

  /** The resources in view, grouped by scope in catalogue order. Every word of `search` must occur in the name. */
  filter(search: string): GridGroup[] {
    const words = search.trim().toLowerCase().split(/\s+/).filter((w) => w !== '');
    const matches = (r: ResourceDefinition): boolean => {
      const name = r.name.toLowerCase();
      return words.every((w) => name.includes(w));
    };
    return SCOPES.map((scope) => ({ scope, rows: this.resources.filter((r) => r.scope === scope && matches(r)) })).filter(
      (g) => g.rows.length > 0,
    );
  }

  columnState(eventType: EventType, rows: readonly ResourceDefinition[]): ColumnState {
    let on = 0;
    let offered = 0;
    for (const row of rows) {
      const cell = this.cell(row.name, eventType);
      if (!cell.offered) continue;
      offered += 1;
      if (cell.checked) on += 1;
    }
    if (offered === 0) return 'unavailable';
    return on === 0 ? 'none' : on === offered ? 'all' : 'mixed';
  }

  /** The resources whose `eventType` box must change for "select all" (on) or "clear all" (off) over `rows`. */
  planColumn(eventType: EventType, rows: readonly ResourceDefinition[], on: boolean): string[] {
    return rows.filter((row) => {
      const cell = this.cell(row.name, eventType);
      return cell.offered && cell.checked !== on;
    }).map((row) => row.name);
  }

  /** The event type a row's test button sends: the first one switched on, else the first one offered. */
  testEventType(resourceName: string): EventType | undefined {
    const resource = this.byName.get(resourceName);
    if (!resource) return undefined;
    return resource.eventTypes.find((t) => this.cell(resourceName, t).checked) ?? resource.eventTypes[0];
  }
}

export function flattenGroups(groups: readonly GridGroup[]): ResourceDefinition[] {
  return groups.flatMap((g) => g.rows);
}
