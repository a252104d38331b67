/**
 * The delivery log as NDJSON (https://github.com/ndjson/ndjson-spec), pure: one line per delivery, the very
 * object GET /api/deliveries/:id answers (snake_case, its exact `payload`, its attempts oldest first), with every
 * Authorization masked. JSON.stringify escapes newlines inside strings, so a line is always one object.
 */
import { deliveryDetailJson } from '../http/serialize.js';
import type { ExportedDelivery } from './export-record.js';
import { exportableHeaders } from './export-record.js';

export function ndjsonLine(record: ExportedDelivery): string {
  const attempts = record.attempts.map(({ attempt }) => ({ ...attempt, requestHeaders: exportableHeaders(attempt.requestHeaders) }));
  return `${JSON.stringify(deliveryDetailJson({ ...record.delivery, attempts }))}\n`;
}
