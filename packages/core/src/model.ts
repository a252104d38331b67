/**
 * The shared vocabulary of Hookline: every package speaks in these types.
 * Ids that Procore sends as 64-bit integers are kept as decimal strings (`Int64String`) so they are never
 * rounded through a JavaScript number; payload renderers write them back out as bare JSON numbers.
 */

/** A decimal integer string, e.g. "5982324300946918154". */
export type Int64String = string;

export type Scope = 'company' | 'project';
export const EVENT_TYPES = ['create', 'update', 'delete'] as const;
export type EventType = (typeof EVENT_TYPES)[number];

export const PAYLOAD_VERSIONS = ['v2.0', 'v3.0', 'v4.0'] as const;
export type PayloadVersion = (typeof PAYLOAD_VERSIONS)[number];

export const HOOK_STATUSES = ['active', 'disabled'] as const;
export type HookStatus = (typeof HOOK_STATUSES)[number];

export interface ResourceDefinition {
  readonly name: string;
  readonly scope: Scope;
  readonly eventTypes: readonly EventType[];
}

/** A hook as stored by the relay. `authorization` is the secret: show it only through `maskSecret`. */
export interface Hook {
  id: number;
  namespace: string;
  /** null until the Company Webhooks page (or the API) saves an endpoint. */
  destinationUrl: string | null;
  authorization: string | null;
  payloadVersion: PayloadVersion;
  status: HookStatus;
  /** The company (and, for project hooks, the project) the hook belongs to. */
  companyId: Int64String;
  projectId: Int64String | null;
  createdAt: string;
  updatedAt: string;
}

/** A hook as it may be shown anywhere outside the relay's store: the secret is masked. */
export interface PublicHook extends Omit<Hook, 'authorization'> {
  /** Masked to its last 5 characters, e.g. "••••••••a1b2c", or null when none is set. */
  authorization: string | null;
}

export interface Trigger {
  id: number;
  hookId: number;
  resourceName: string;
  eventType: EventType;
  createdAt: string;
}

export interface EventMetadata {
  sourceUserId: Int64String | null;
  sourceProjectId: Int64String | null;
  sourceOperationId: Int64String | null;
  sourceCompanyId: Int64String | null;
  sourceApplicationId: string | null;
}

/** One resource change. Rendered per hook's payload version by `renderPayload`. */
export interface ResourceEvent {
  /** 64-bit Procore-style event id (v2.0/v3.0 `id`). */
  id: Int64String;
  /** 26-character monotonic ULID (v2.0/v3.0 `ulid`, v4.0 `id`). */
  ulid: string;
  /** ISO 8601 UTC with microseconds, e.g. "2020-07-20T15:22:01.353581Z". */
  timestamp: string;
  resourceName: string;
  resourceId: Int64String;
  eventType: EventType;
  companyId: Int64String;
  /** null for company-level resources. */
  projectId: Int64String | null;
  userId: Int64String | null;
  metadata: EventMetadata;
  relatedResources: RelatedResource[];
}

export interface RelatedResource {
  id: Int64String;
  name: string;
}

export const DELIVERY_STATUSES = ['enqueued', 'retrying', 'delivered', 'failed', 'discarded'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** Procore's v1.0 delivery `outcome`, derived from the status. */
export type DeliveryOutcome = 'ok' | 'retried' | 'failed' | 'discarded';

export const ATTEMPT_ERROR_CODES = ['timeout', 'connection', 'dns', 'http', 'invalid_target'] as const;
export type AttemptErrorCode = (typeof ATTEMPT_ERROR_CODES)[number];
export type AttemptTrigger = 'scheduled' | 'manual';

/** One HTTP try. Never changed after it completes. */
export interface Attempt {
  id: number;
  deliveryId: number;
  number: number;
  trigger: AttemptTrigger;
  /** Where the try went (the hook's endpoint then); null when it had none, and for tries logged before the relay kept it. */
  url: string | null;
  /** The try succeeded (see isSuccessStatus); decided once, when it ended. */
  ok: boolean;
  startedAt: string;
  completedAt: string | null;
  durationMs: number | null;
  requestHeaders: Record<string, string>;
  requestBody: string;
  responseStatus: number | null;
  responseHeaders: Record<string, string>;
  responseBody: string | null;
  responseBodyTruncated: boolean;
  errorCode: AttemptErrorCode | null;
  errorMessage: string | null;
}

/** One event to one hook. */
export interface Delivery {
  id: number;
  hookId: number;
  eventId: Int64String;
  eventUlid: string;
  resourceName: string;
  eventType: EventType;
  resourceId: Int64String;
  projectId: Int64String | null;
  status: DeliveryStatus;
  /** The exact bytes sent (or to be sent). */
  payload: string;
  payloadVersion: PayloadVersion;
  attemptCount: number;
  firstFailureAt: string | null;
  nextAttemptAt: string | null;
  lastResponseStatus: number | null;
  lastDurationMs: number | null;
  lastErrorCode: AttemptErrorCode | null;
  /** Relay-wide change counter, bumped on every change: clients ask for the backlog since the last one they saw. */
  changeSeq: number;
  createdAt: string;
  updatedAt: string;
  /** The delivery this one replays (`hookline replay`: the same event and payload bytes again); null for an original. */
  replayOf: number | null;
}

/** A delivery without its payload: what lists and live pushes carry. */
export type DeliverySummary = Omit<Delivery, 'payload'>;

export interface DeliveryWithAttempts extends Delivery {
  attempts: Attempt[];
}
