import type { Logger } from './log.js';
import type { ChangeFeed } from './service/types.js';

/** Writes `--> RFIs.update 01J… POST url` and `<-- 200 POST url (12 ms)` for every attempt. */
export function logAttempts(changes: ChangeFeed, logger: Logger): () => void {
  return changes.subscribe((change) => {
    if (change.kind === 'attempt.started') {
      const d = change.delivery;
      logger.line(`--> ${d.resourceName}.${d.eventType} ${d.eventUlid} ${change.method} ${change.url}`, {
        event: 'attempt.started', delivery_id: d.id, hook_id: d.hookId, resource_name: d.resourceName, event_type: d.eventType, ulid: d.eventUlid, url: change.url,
      });
    } else if (change.kind === 'attempt.finished') {
      const d = change.delivery;
      const outcome = change.status !== null ? String(change.status) : `ERR ${change.errorCode ?? 'unknown'}`;
      logger.line(`<-- ${outcome} POST ${change.url} (${Math.round(change.durationMs)} ms)`, {
        event: 'attempt.finished', delivery_id: d.id, hook_id: d.hookId, status: change.status, error_code: change.errorCode, duration_ms: change.durationMs, delivery_status: d.status,
      });
    }
  });
}
