/**
 * Counts an export as it streams past (the CLI's "wrote N deliveries, M attempts"), and tells a whole export from
 * one cut short: an NDJSON export ends with a newline after its last object, a HAR export with its `_hookline`
 * summary (har.ts `harClosing`) and the closing brackets. Memory stays bounded: at most one NDJSON line, or the
 * last few KB of a HAR, is held.
 */
import type { ExportFormat } from '@hookline/core';
import type { ExportCounts } from './export-record.js';

const HAR_TAIL_BYTES = 4096;
const HAR_SUMMARY = /"_hookline":(\{[^{}]*\})\}\}\s*$/;

export class ExportCounter {
  private readonly counts: ExportCounts = { deliveries: 0, attempts: 0, withoutAttempts: 0 };
  private partial = '';
  private readonly decoder = new TextDecoder();

  constructor(private readonly format: ExportFormat) {}

  observe(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk, { stream: true });
    if (this.format === 'har') {
      this.partial = (this.partial + text).slice(-HAR_TAIL_BYTES);
      return;
    }
    const lines = (this.partial + text).split('\n');
    this.partial = lines.pop() ?? '';
    for (const line of lines) this.countLine(line);
  }

  /** What was counted; null when the export was cut short (no HAR summary at its end, an NDJSON line left open). */
  finish(): ExportCounts | null {
    this.partial += this.decoder.decode();
    if (this.format === 'ndjson') return this.partial === '' ? { ...this.counts } : null;
    const match = HAR_SUMMARY.exec(this.partial);
    if (!match) return null;
    const summary = JSON.parse(match[1]!) as { deliveries: number; attempts: number; without_attempts: number };
    return { deliveries: summary.deliveries, attempts: summary.attempts, withoutAttempts: summary.without_attempts };
  }

  private countLine(line: string): void {
    if (line === '') return;
    const delivery = JSON.parse(line) as { attempts?: unknown[] };
    const attempts = Array.isArray(delivery.attempts) ? delivery.attempts.length : 0;
    this.counts.deliveries += 1;
    this.counts.attempts += attempts;
    if (attempts === 0) this.counts.withoutAttempts += 1;
  }
}
