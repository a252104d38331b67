/**
 * The relay ⇄ client WebSocket protocol, shared by the relay, the VS Code extension and the web page so they
 * cannot drift. Every message is a JSON object with a literal `type`. Requests carry a client-chosen `id`; the
 * relay answers each with a `reply` (same `id`, the request's `type` in `request`) or an `error` naming the `id`.
 * Bump PROTOCOL_VERSION on any incompatible change.
 */
import type { ErrorBody } from './errors.js';
import type { HookHealth } from './health.js';
import type {
  DeliveryStatus,
  DeliverySummary,
  DeliveryWithAttempts,
  EventType,
  HookStatus,
  PayloadVersion,
  PublicHook,
  ResourceDefinition,
  ResourceEvent,
} from './model.js';
import type { ValidationIssue } from './validation/issues.js';

export const PROTOCOL_VERSION = 1;

/** `deliveries.list` (and GET /api/deliveries) without a `limit`: this many per page. */
export const DELIVERY_PAGE_SIZE = 25;
/** The largest `limit` of `deliveries.list`. */
export const MAX_DELIVERY_PAGE = 100;
/** `backlog.get` without a `limit`: this many changed deliveries per reply. */
export const BACKLOG_PAGE_SIZE = 500;
/** The largest `limit` of `backlog.get`. */
export const MAX_BACKLOG = 1000;

/** A hook's resource grid: resource name → the event types switched on. */
export type TriggerGrid = Record<string, EventType[]>;

export interface DeliveryQuery {
  hookId?: number;
  /** 1 to MAX_DELIVERY_PAGE; DELIVERY_PAGE_SIZE when absent. */
  limit?: number;
  cursor?: string;
  /** `failures` means failed, retrying or discarded. */
  status?: DeliveryStatus | 'failures';
  resourceName?: string;
  eventType?: EventType;
  /** The changed resource's id, as text (Procore ids pass 2^53). */
  resourceId?: string;
  /** Created at or after this ISO 8601 instant. */
  since?: string;
  /** Created before this ISO 8601 instant. */
  until?: string;
}

export type ReplayParams = Omit<DeliveryQuery, 'limit' | 'cursor' | 'status'> & { status?: DeliveryStatus | 'failures' | 'any'; dryRun?: boolean };

export interface DeliveryPage {
  data: DeliverySummary[];
  nextCursor: string | null;
}

/** What each request carries and what its reply's `result` holds. */
export interface RequestMap {
  /** Deliveries created or changed since `since` (a changeSeq), oldest change first; `limit` 1 to MAX_BACKLOG. */
  'backlog.get': { params: { since: number; limit?: number }; result: { deliveries: DeliverySummary[]; lastSeq: number; more: boolean } };
  'resources.list': { params: Record<string, never>; result: { resources: ResourceDefinition[] } };
  'hooks.list': { params: Record<string, never>; result: { hooks: PublicHook[] } };
  'hook.create': {
    params: { namespace: string; destinationUrl?: string; authorization?: string; payloadVersion?: PayloadVersion };
    result: { hook: PublicHook; warnings: ValidationIssue[] };
  };
  'hook.update': {
    params: { hookId: number; namespace?: string; payloadVersion?: PayloadVersion; status?: HookStatus };
    result: { hook: PublicHook };
  };
  'hook.delete': { params: { hookId: number }; result: { hookId: number } };
  'endpoint.set': {
    params: { hookId: number; destinationUrl: string; authorization?: string | null };
    result: { hook: PublicHook; warnings: ValidationIssue[] };
  };
  'triggers.get': { params: { hookId: number }; result: { hookId: number; grid: TriggerGrid } };
  'trigger.set': {
    params: { hookId: number; resourceName: string; create?: boolean; update?: boolean; delete?: boolean };
    result: { hookId: number; resourceName: string; eventTypes: EventType[] };
  };
  'event.trigger': {
    params: { resourceName: string; eventType: EventType; resourceId?: string; projectId?: string; userId?: string; count?: number };
    result: { events: ResourceEvent[]; deliveries: DeliverySummary[] };
  };
  'deliveries.list': { params: DeliveryQuery; result: DeliveryPage };
  'delivery.get': { params: { deliveryId: number }; result: { delivery: DeliveryWithAttempts } };
  'delivery.redeliver': { params: { deliveryId: number }; result: { delivery: DeliverySummary } };
  /**
   * The deliveries the filter matches (status `failures` when absent, `any` for every status) sent again, oldest
   * first, as new deliveries linked by `replayOf`; `dryRun` only lists them.
   */
  'deliveries.replay': { params: ReplayParams; result: { deliveries: DeliverySummary[]; dryRun: boolean } };
  /** The health of one hook, or of every hook when no hookId is given. */
  'health.get': { params: { hookId?: number }; result: { health: HookHealth[] } };
}

export type RequestType = keyof RequestMap;

export const REQUEST_TYPES = [
  'backlog.get',
  'resources.list',
  'hooks.list',
  'hook.create',
  'hook.update',
  'hook.delete',
  'endpoint.set',
  'triggers.get',
  'trigger.set',
  'event.trigger',
  'deliveries.list',
  'delivery.get',
  'delivery.redeliver',
  'deliveries.replay',
  'health.get',
] as const satisfies readonly RequestType[];

/** Sent by a client: a request with its correlation id. */
export type ClientRequest = {
  [K in RequestType]: { type: K; id: string; params: RequestMap[K]['params'] };
}[RequestType];

/** Sent by the relay: the successful answer to the request `id`. */
export type ReplyMessage = {
  [K in RequestType]: { type: 'reply'; id: string; request: K; result: RequestMap[K]['result'] };
}[RequestType];

/** Sent by the relay: the request `id` failed (or, without an id, the message could not be read at all). */
export interface ErrorMessage {
  type: 'error';
  id: string | null;
  error: ErrorBody['error'];
}

/** The relay's storage: `degraded` while it cannot write to its data dir (the disk is full), with what to do. */
export interface StorageHealth {
  status: 'ok' | 'degraded';
  /** While degraded: what is wrong and what to do. */
  reason?: string;
}

/** Sent by the relay once, right after the connection opens. */
export interface HelloMessage {
  type: 'hello';
  protocol: typeof PROTOCOL_VERSION;
  relayVersion: string;
  /** The newest changeSeq at connection time: ask `backlog.get` from here after a reconnect. */
  lastSeq: number;
  /** The storage at connection time (absent from relays before it was announced); changes come as `relay.storage`. */
  storage?: StorageHealth;
}

/** Sent by the relay: its storage became degraded (the disk is full) or writes again. */
export interface StorageHealthMessage {
  type: 'relay.storage';
  storage: StorageHealth;
}

/** Sent by the relay: deliveries were created (batched; newest last). */
export interface DeliveryCreatedMessage {
  type: 'delivery.created';
  deliveries: DeliverySummary[];
}

/** Sent by the relay: deliveries changed status or gained attempts (batched; each entry is the latest state). */
export interface DeliveryUpdatedMessage {
  type: 'delivery.updated';
  deliveries: DeliverySummary[];
}

/** Sent by the relay: a hook was created or changed (endpoint, status, namespace, payload version). */
export interface HookUpdatedMessage {
  type: 'hook.updated';
  hook: PublicHook;
}

/** Sent by the relay: a hook was deleted. */
export interface HookDeletedMessage {
  type: 'hook.deleted';
  hookId: number;
}

/** Sent by the relay: a hook's resource grid changed. `grid` is the whole new grid. */
export interface TriggersUpdatedMessage {
  type: 'triggers.updated';
  hookId: number;
  grid: TriggerGrid;
}

/** Sent by the relay: a hook's health changed state (healthy → failing, failing → healthy, …). */
export interface HookHealthMessage {
  type: 'hook.health';
  health: HookHealth;
  /** The state before this change. */
  previous: HookHealth['state'];
}

export type PushMessage =
  | HelloMessage
  | DeliveryCreatedMessage
  | DeliveryUpdatedMessage
  | HookUpdatedMessage
  | HookDeletedMessage
  | TriggersUpdatedMessage
  | HookHealthMessage
  | StorageHealthMessage;

export type ServerMessage = PushMessage | ReplyMessage | ErrorMessage;
export type ClientMessage = ClientRequest;

const PUSH_TYPES = new Set<string>(['hello', 'delivery.created', 'delivery.updated', 'hook.updated', 'hook.deleted', 'triggers.updated', 'hook.health', 'relay.storage']);
const REQUEST_TYPE_SET = new Set<string>(REQUEST_TYPES);

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isRequestType(value: unknown): value is RequestType {
  return typeof value === 'string' && REQUEST_TYPE_SET.has(value);
}

/** Shape check only: the relay validates each request's params with the same validators as its HTTP API. */
export function isClientRequest(value: unknown): value is ClientRequest {
  return (
    isRecord(value) &&
    isRequestType(value.type) &&
    typeof value.id === 'string' &&
    value.id.length > 0 &&
    value.id.length <= 128 &&
    isRecord(value.params)
  );
}

export function isServerMessage(value: unknown): value is ServerMessage {
  if (!isRecord(value) || typeof value.type !== 'string') return false;
  if (value.type === 'reply') return typeof value.id === 'string' && isRequestType(value.request) && 'result' in value;
  if (value.type === 'error') return (value.id === null || typeof value.id === 'string') && isRecord(value.error);
  return PUSH_TYPES.has(value.type);
}

export function isPushMessage(value: unknown): value is PushMessage {
  return isServerMessage(value) && PUSH_TYPES.has(value.type);
}

export function isReplyMessage(value: unknown): value is ReplyMessage {
  return isServerMessage(value) && value.type === 'reply';
}

export function isErrorMessage(value: unknown): value is ErrorMessage {
  return isServerMessage(value) && value.type === 'error';
}
