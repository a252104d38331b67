/**
 * @hookline/webui/client: the relay client shared by the web page and the VS Code extension (host and webview).
 * Browser-safe and DOM-free: no DOM, no Node APIs (its tsconfig has neither), only @hookline/core.
 */
export { RelayClient } from './relay-client.js';
export type { RelayClientOptions } from './relay-client.js';
export { RelayClientError } from './relay-client-error.js';
export type { RelayClientErrorSource } from './relay-client-error.js';
export { RequestTracker } from './request-tracker.js';
export type { RequestTrackerOptions } from './request-tracker.js';
export { DeliveryLog, MAX_BACKLOG_ROUNDS } from './delivery-log.js';
export type { DeliveryLogListener, DeliveryLogOptions, DeliveryLogStatus } from './delivery-log.js';
export { DeliveryLogModel, EVERY_DELIVERY, MAX_HELD_DELIVERIES, matchesFilter, sameFilter } from './delivery-log-model.js';
export type { DeliveryLogFilter, DeliveryLogModelOptions, MergeResult, MorePlan } from './delivery-log-model.js';
export { isFiltered, replayParamsOf } from './replay-params.js';
export { HealthFeed, HealthList } from './health-list.js';
export type { HealthChange } from './health-list.js';
export { DEFAULT_BACKOFF, backoffDelay } from './backoff.js';
export type { BackoffOptions } from './backoff.js';
export { systemTimers } from './timers.js';
export type { Timers } from './timers.js';
