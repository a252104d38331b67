import type { Logger } from './log.js';
import type { ChangeFeed } from './service/types.js';

/**
 * Writes `--> RFIs.update 01J… POST url` and `<-- 200 POST url (12 ms)` for every attempt, and one line when a
 * hook starts failing or recovers.
 */
export function logRelayChanges(changes: ChangeFeed, logger: Logger): () => void {
  return changes.subscribe((change) => {
    if (change.kind === 'attempt.started') {
      const d = change.delivery;
      logger.line(`--> ${d.resourceName}.${d.eventType} ${d.eventUlid} ${change.method} ${change.url}`, {
        event: 'attempt.started', delivery_id: d.id, hook_id: d.hookId, resource_name: d.resourceName, event_type: d.eventType, ulid: d.eventUlid, url: change.url,
      });
    } else if (change.kind === 'hook.health') {
      const { health, previous } = change;
      const fields = { event: 'hook.health', hook_id: health.hookId, state: health.state, previous, failure_streak: health.failureStreak };
      if (health.state === 'failing') {
        const error = health.lastError;
        const why = error ? (error.status !== null ? `HTTP ${error.status}` : error.code) : 'unknown error';
        logger.warn(`hook ${health.hookId} is failing (${why}${error?.message ? `: ${error.message}` : ''}); deliveries wait behind the failing one`, fields);
      } else if (previous === 'failing' && health.state === 'healthy') {
        logger.info(`hook ${health.hookId} recovered; delivering again`, fields);
      } else {
        logger.info(`hook ${health.hookId} is ${health.state}`, fields);
      }
    } else if (change.kind === 'attempt.finished') {
      const d = change.delivery;
      const outcome = change.status !== null ? String(change.status) : `ERR ${change.errorCode ?? 'unknown'}`;
      logger.line(`<-- ${outcome} POST ${change.url} (${Math.round(change.durationMs)} ms)`, {
        event: 'attempt.finished', delivery_id: d.id, hook_id: d.hookId, status: change.status, error_code: change.errorCode, duration_ms: change.durationMs, delivery_status: d.status,
      });
    }
  });
}
