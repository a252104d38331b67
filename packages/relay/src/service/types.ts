/**
 * The relay's application layer, as the HTTP API, the WebSocket hub and the Procore emulation see it.
 * Every method validates its input with core's validators and throws `HooklineError` (coded) on bad input;
 * every successful change is announced on `changes` so the WebSocket hub can push it.
 */
import type {
  HealthState,
  HookHealth,
  DeliveryPage,
  DeliveryQuery,
  DeliveryStatus,
  DeliverySummary,
  DeliveryWithAttempts,
  EventType,
  HookStatus,
  HooklineError,
  PayloadVersion,
  StorageHealth,
  PublicHook,
  ResourceEvent,
  TriggerGrid,
  ValidationIssue,
} from '@hookline/core';
import type { PruneResult } from './retention-pruner.js';
import type { DeliveryChange } from '../delivery/changes.js';
import type { SqliteDriverName } from '../store/driver/sqlite-driver.js';
import type { StorageState } from '../store/storage-status.js';

export interface NewHookInput {
  namespace: string;
  destinationUrl?: string | null;
  authorization?: string | null;
  payloadVersion?: PayloadVersion;
  status?: HookStatus;
  /** Defaults to the relay's company id. */
  companyId?: string;
  /** Set for a project-scoped hook. */
  projectId?: string | null;
}

export interface HookPatch {
  namespace?: string;
  destinationUrl?: string | null;
  authorization?: string | null;
  payloadVersion?: PayloadVersion;
  status?: HookStatus;
}

export interface EventInput {
  resourceName: string;
  eventType: EventType;
  resourceId?: string;
  projectId?: string;
  companyId?: string;
  userId?: string;
}

export interface IngestResult {
  event: ResourceEvent;
  deliveries: DeliverySummary[];
}

/** What an import did: the events stored (in the order given), the ids skipped as stored already, the new deliveries. */
export interface ImportResult {
  imported: ResourceEvent[];
  skipped: string[];
  deliveries: DeliverySummary[];
}

/** One entry of a bulk change: done, or refused with its coded error while the other entries go ahead. */
export type BulkEntryResult<T> = { ok: true; value: T } | { ok: false; error: HooklineError };

export interface TriggerRecord {
  id: number;
  hookId: number;
  resourceName: string;
  eventType: EventType;
  createdAt: string;
}

/**
 * One hook's deliveries as Procore's management API reads them: any of several statuses, a creation-time range,
 * and either keyset (`beforeId`) or page (`offset`) paging. Newest first.
 */
export interface DeliverySearch {
  hookId: number;
  /** Any of these statuses; every status when absent. */
  statuses?: DeliveryStatus[];
  resourceName?: string;
  eventType?: EventType;
  /** Only deliveries created at or after this ISO 8601 time. */
  createdFrom?: string;
  /** Only deliveries created before this ISO 8601 time. */
  createdBefore?: string;
  /** Keyset paging: only ids below this one. */
  beforeId?: number;
  /** Page paging: skip this many matches. */
  offset?: number;
  /** 1 to MAX_SEARCH_LIMIT. */
  limit: number;
  /** Also count every match (Procore's `Total` header). */
  withTotal?: boolean;
}

export interface DeliverySearchResult {
  /** Each with its payload and its attempts, oldest attempt first. */
  data: DeliveryWithAttempts[];
  /** Every match, when `withTotal` was asked for; otherwise null. */
  total: number | null;
}

/** Announced after each committed change: the delivery layer's (batched by the writer) and the service's own. */
export type RelayChange =
  | DeliveryChange
  | { kind: 'hook.updated'; hook: PublicHook }
  | { kind: 'hook.deleted'; hookId: number }
  | { kind: 'triggers.updated'; hookId: number; grid: TriggerGrid }
  | { kind: 'hook.health'; health: HookHealth; previous: HealthState }
  | { kind: 'storage.health'; storage: StorageHealth };

export interface ChangeFeed {
  subscribe(listener: (change: RelayChange) => void): () => void;
}

export interface RelayService {
  readonly changes: ChangeFeed;
  readonly companyId: string;
  /** The SQLite driver the store runs on. */
  readonly sqliteDriver: SqliteDriverName;

  listHooks(filter?: { companyId?: string; projectId?: string | null }): PublicHook[];
  getHook(hookId: number): PublicHook;
  createHook(input: NewHookInput): { hook: PublicHook; warnings: ValidationIssue[] };
  updateHook(hookId: number, patch: HookPatch): { hook: PublicHook; warnings: ValidationIssue[] };
  deleteHook(hookId: number): void;
  setEndpoint(hookId: number, destinationUrl: string, authorization?: string | null): { hook: PublicHook; warnings: ValidationIssue[] };

  getTriggerGrid(hookId: number): TriggerGrid;
  listTriggers(hookId: number): TriggerRecord[];
  /** Sets the given event types of one resource on or off; the ones left out are unchanged. */
  setTriggers(hookId: number, resourceName: string, switches: Partial<Record<EventType, boolean>>): EventType[];
  addTrigger(hookId: number, resourceName: string, eventType: EventType): TriggerRecord;
  deleteTrigger(hookId: number, triggerId: number): void;
  /** Procore's bulk create: each entry is checked on its own; the valid ones go in one transaction and one announcement. */
  addTriggers(hookId: number, entries: { resourceName: string; eventType: EventType }[]): BulkEntryResult<TriggerRecord>[];
  /** Procore's bulk delete: each id on its own, in one transaction and one announcement. */
  deleteTriggers(hookId: number, triggerIds: number[]): BulkEntryResult<number>[];

  /** Commits the event and its deliveries before resolving (group commit), then hands them to the engine. */
  ingestEvent(input: EventInput): Promise<IngestResult>;
  /**
   * Events that happened elsewhere, with their own ids, ULIDs and timestamps, delivered to the hooks whose triggers
   * match as new events are: committed in one transaction (all or none) before resolving; an id stored already is skipped.
   */
  importEvents(events: ResourceEvent[]): Promise<ImportResult>;

  listDeliveries(query: DeliveryQuery): DeliveryPage;
  getDelivery(deliveryId: number): DeliveryWithAttempts;
  /** One hook's deliveries with several statuses, a time range and keyset or page paging (the Procore API). */
  searchDeliveries(search: DeliverySearch): DeliverySearchResult;
  /** The stored event, or null when there is none with this id. */
  findEvent(eventId: string): ResourceEvent | null;
  /** A manual attempt now, outside the queue's rules. */
  redeliver(deliveryId: number): Promise<DeliverySummary>;
  backlog(since: number, limit?: number): { deliveries: DeliverySummary[]; lastSeq: number; more: boolean };
  /**
   * Sends the deliveries matching the filter (no limit or cursor) again, oldest first, as new deliveries of the
   * same events with the same payload bytes, each linked to the one it replays; `dryRun` only says which.
   */
  replayDeliveries(request: ReplayRequest): Promise<ReplayResult>;
  /** Prunes final deliveries and unreferenced events created before `before` (epoch ms) now. */
  prune(before: number): Promise<PruneResult>;
  /** The rolling window (0 keeps everything) and the last prune. */
  retention(): { retentionMs: number; last: PruneResult | null };
  lastSeq(): number;
  /** Endpoint health of one hook (404 when unknown), or of every hook. */
  hookHealth(hookId?: number): HookHealth[];
  /** Per hook: deliveries waiting and in flight right now. */
  queueStats(): { hookId: number; waiting: number; inFlight: number }[];

  /** `degraded` (with the reason) while the store cannot write: the disk is full. */
  storageHealth(): StorageState;
  /** The coded error (503 storage full, damaged database) for a storage failure thrown by a write; else undefined. */
  storageError(error: unknown): HooklineError | undefined;

  /** Stops timers and in-flight work, flushes pending writes, closes the database. */
  close(): Promise<void>;
}

export interface ReplayRequest {
  filter: Omit<DeliveryQuery, 'limit' | 'cursor'>;
  dryRun: boolean;
}

export interface ReplayResult {
  /** The new deliveries, oldest first; in a dry run, the deliveries that would be replayed. */
  deliveries: DeliverySummary[];
  dryRun: boolean;
}
