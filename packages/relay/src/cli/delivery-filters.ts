/**
 * The delivery filters `deliveries`, `replay` and `export` share: the options, their checks (before the relay is
 * asked, so a typo exits 2 with what to type), and the API query they become. Times are resolved here, on the
 * clock and in the time zone of the person typing them, and sent as ISO instants.
 */
import type { Command } from 'commander';
import { EVENT_TYPES, TIME_BOUND_FORMAT, parseTimeBound } from '@hookline/core';
import { usageError } from './exit-error.js';
import type { GlobalOptions } from './command-client.js';

export interface DeliveryFilterOptions {
  resource?: string;
  eventType?: string;
  resourceId?: string;
  since?: string;
  until?: string;
}

export function addDeliveryFilterOptions(command: Command): Command {
  return command
    .option('--resource <name>', 'only this resource, e.g. RFIs')
    .option('--event-type <type>', `only this event type: ${EVENT_TYPES.join(', ')}`)
    .option('--resource-id <id>', 'only deliveries about this resource id, e.g. 54321')
    .option('--since <when>', 'created at or after: a date, a date-time, or a duration back from now (1h, 7d)')
    .option('--until <when>', 'created before: a date, a date-time, or a duration back from now');
}

function timeBound(option: string, value: string, nowMs: number): string {
  const ms = parseTimeBound(value, nowMs);
  if (ms === null) throw usageError(`${option} must be ${TIME_BOUND_FORMAT}; got "${value.slice(0, 60)}".`);
  return new Date(ms).toISOString();
}

/** The filters as GET /api/deliveries' query parameters (snake_case), the hook from --hook. */
export function deliveryFilterParams(opts: DeliveryFilterOptions, globals: GlobalOptions, nowMs = Date.now()): URLSearchParams {
  const params = new URLSearchParams();
  if (globals.hook !== undefined) params.set('hook_id', globals.hook);
  if (opts.resource !== undefined) params.set('resource_name', opts.resource);
  if (opts.eventType !== undefined) params.set('event_type', opts.eventType.toLowerCase());
  if (opts.resourceId !== undefined) params.set('resource_id', opts.resourceId); // the relay checks it, and names the field
  if (opts.since !== undefined) params.set('since', timeBound('--since', opts.since, nowMs));
  if (opts.until !== undefined) params.set('until', timeBound('--until', opts.until, nowMs));
  return params;
}
