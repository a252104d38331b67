/**
 * What an export reads per delivery (the delivery with its exact payload, its attempts with their response bytes
 * as stored, the hook's endpoint now), and the one rule both formats apply to request headers: an Authorization
 * value never leaves the relay in clear.
 */
import { maskSecret, type Attempt, type Delivery } from '@hookline/core';

export interface ExportedAttempt {
  attempt: Attempt;
  /** The response body's bytes as the relay kept them (the first bytes when truncated); null when none came. */
  responseBytes: Buffer | null;
}

export interface ExportedDelivery {
  delivery: Delivery;
  /** Oldest first. */
  attempts: ExportedAttempt[];
  /** The hook's notification endpoint now: where a try logged without its URL is said to have gone. */
  hookEndpoint: string | null;
}

/** How many of each an export wrote. */
export interface ExportCounts {
  deliveries: number;
  attempts: number;
  /** Deliveries with no attempt yet (no HAR entry; their NDJSON line has `attempts: []`). */
  withoutAttempts: number;
}

const SECRET_HEADERS = new Set(['authorization', 'proxy-authorization']);

/**
 * The request headers as logged, with every Authorization value masked (again). The sender logs it masked
 * already; maskSecret leaves a masked value as it is, so this only ever changes a value logged in clear.
 */
export function exportableHeaders(headers: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? (maskSecret(value) ?? '') : value;
  return out;
}
