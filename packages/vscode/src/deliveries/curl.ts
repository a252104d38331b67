/**
 * "Copy as cURL": the delivery's latest request as a shell command that replays it byte for byte, to the URL it
 * went to. The relay keeps the Authorization header masked (last 5 characters), so the command reads the real
 * value from $HOOKLINE_AUTHORIZATION instead of pasting a useless mask.
 */
import type { Attempt, DeliveryWithAttempts } from '@hookline/core';

const SKIPPED_HEADERS = new Set(['content-length', 'host', 'connection', 'transfer-encoding', 'authorization', 'accept-encoding']);

export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

export interface CurlInput {
  delivery: DeliveryWithAttempts;
  /** See replayUrl. */
  url: string;
  /** The hook has an Authorization header (masked or not). */
  hasAuthorization: boolean;
}

function latest(attempts: readonly Attempt[]): Attempt | undefined {
  return [...attempts].sort((a, b) => b.number - a.number)[0];
}

/**
 * Where the replay goes: where the latest attempt went. The hook's current endpoint (`hookUrl`) only when there
 * is no attempt yet, or the latest was logged before the relay kept URLs. Null when neither is known.
 */
export function replayUrl(delivery: DeliveryWithAttempts, hookUrl: string | null): string | null {
  return latest(delivery.attempts)?.url ?? hookUrl;
}

export function curlCommand(input: CurlInput): string {
  const attempt = latest(input.delivery.attempts);
  const headers: [string, string][] = [];
  const recorded = attempt?.requestHeaders ?? {};
  const hasRecordedAuth = Object.keys(recorded).some((name) => name.toLowerCase() === 'authorization');
  if (!Object.keys(recorded).some((name) => name.toLowerCase() === 'content-type')) headers.push(['Content-Type', 'application/json']);
  for (const [name, value] of Object.entries(recorded)) {
    if (!SKIPPED_HEADERS.has(name.toLowerCase())) headers.push([name, value]);
  }
  const lines = [`curl -X POST ${shellQuote(input.url)}`];
  for (const [name, value] of headers) lines.push(`  -H ${shellQuote(`${name}: ${value}`)}`);
  if (input.hasAuthorization || hasRecordedAuth) lines.push('  -H "Authorization: $HOOKLINE_AUTHORIZATION"');
  lines.push(`  --data-raw ${shellQuote(attempt?.requestBody ?? input.delivery.payload)}`);
  return lines.join(' \\\n');
}
