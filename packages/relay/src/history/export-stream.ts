/**
 * Writes an export to a stream as the pages come, never the whole log in memory: each page of deliveries is
 * turned into HAR entries or NDJSON lines and written, and the next page is read only once the stream has taken
 * the last (backpressure: `write` returning false waits for 'drain'). Stops when the reader goes away.
 */
import type { Writable } from 'node:stream';
import type { ExportFormat } from '@hookline/core';
import type { ExportCounts, ExportedDelivery } from './export-record.js';
import { harClosing, harEntries, harOpening } from './har.js';
import { ndjsonLine } from './ndjson.js';

/** What each format is served as; the HAR choice is explained in the README (no registered HAR media type exists). */
export const EXPORT_CONTENT_TYPES: Readonly<Record<ExportFormat, string>> = {
  har: 'application/json; charset=utf-8',
  ndjson: 'application/x-ndjson; charset=utf-8',
};

export class ExportAbortedError extends Error {
  constructor() {
    super('The reader went away before the export was complete.');
    this.name = 'ExportAbortedError';
  }
}

/** Resolves when `out` can take more; rejects when it closes or fails first. */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error): void => {
      out.off('drain', onDrain);
      out.off('close', onClose);
      out.off('error', onError);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = (): void => done();
    const onClose = (): void => done(new ExportAbortedError());
    const onError = (error: Error): void => done(error);
    out.on('drain', onDrain);
    out.on('close', onClose);
    out.on('error', onError);
  });
}

/** Writes the whole export (without ending `out`) and returns what it wrote. */
export async function writeExport(
  out: Writable,
  format: ExportFormat,
  pages: Iterable<ExportedDelivery[]>,
  creator: { name: string; version: string },
): Promise<ExportCounts> {
  const counts: ExportCounts = { deliveries: 0, attempts: 0, withoutAttempts: 0 };
  let pending = '';
  let firstEntry = true;
  const flush = async (): Promise<void> => {
    if (out.destroyed) throw new ExportAbortedError();
    const chunk = pending;
    pending = '';
    if (chunk !== '' && !out.write(chunk)) await drained(out);
  };
  if (format === 'har') pending += harOpening(creator);
  for (const page of pages) {
    for (const record of page) {
      counts.deliveries += 1;
      counts.attempts += record.attempts.length;
      if (record.attempts.length === 0) counts.withoutAttempts += 1;
      if (format === 'ndjson') {
        pending += ndjsonLine(record);
        continue;
      }
      for (const entry of harEntries(record)) {
        pending += `${firstEntry ? '' : ','}${JSON.stringify(entry)}`;
        firstEntry = false;
      }
    }
    await flush();
  }
  if (format === 'har') pending += harClosing(counts);
  await flush();
  return counts;
}
