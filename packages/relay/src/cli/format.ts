/** Plain-text rendering of relay data for the terminal. */
import { prettyJson as prettyJsonOrNull } from '@hookline/core';

export interface DeliveryRow {
  id: number;
  status: string;
  resource_name: string;
  event_type: string;
  resource_id: string;
  replay_of?: number | null;
  last_response_status: number | null;
  last_duration_ms: number | null;
  last_error_code: string | null;
  attempt_count: number;
  created_at: string;
}

export function formatDeliveryTable(rows: DeliveryRow[]): string {
  if (rows.length === 0) return 'No deliveries yet.';
  const header = ['ID', 'STATUS', 'RESOURCE', 'EVENT', 'RESOURCE ID', 'HTTP', 'MS', 'TRIES', 'CREATED'];
  const body = rows.map((row) => [
    row.replay_of ? `${row.id} (replays ${row.replay_of})` : String(row.id),
    row.status,
    row.resource_name,
    row.event_type,
    row.resource_id,
    row.last_response_status !== null ? String(row.last_response_status) : row.last_error_code ?? '-',
    row.last_duration_ms !== null ? String(Math.round(row.last_duration_ms)) : '-',
    String(row.attempt_count),
    row.created_at,
  ]);
  return formatTable([header, ...body]);
}

export function formatTable(rows: string[][]): string {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) => row.map((cell, i) => (i === row.length - 1 ? cell : cell.padEnd(widths[i] ?? 0))).join('  ')).join('\n');
}

/** Pretty-printed JSON (core's lossless printer: 64-bit ids keep their digits), or the text as it is when not JSON. */
export function prettyJson(text: string): string {
  return prettyJsonOrNull(text) ?? text;
}
