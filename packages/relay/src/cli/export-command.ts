/**
 * `hookline export --format har|ndjson [the filters of hookline deliveries] [--status S] [--output FILE]`: the
 * relay's GET /api/deliveries/export streamed to stdout or to FILE. A file is written as FILE.partial and renamed
 * only once the export is whole, so FILE is never a cut-off log; then the counts go to stderr.
 */
import { once } from 'node:events';
import { createWriteStream, renameSync, rmSync } from 'node:fs';
import { Readable, type Writable } from 'node:stream';
import type { Command } from 'commander';
import { DELIVERY_EXPORT_PATH, DELIVERY_STATUSES, EXPORT_FORMATS, isExportFormat, type ExportFormat } from '@hookline/core';
import { CliError } from './api-client.js';
import { clientFrom } from './command-client.js';
import { addDeliveryFilterOptions, deliveryFilterParams, type DeliveryFilterOptions } from './delivery-filters.js';
import { usageError } from './exit-error.js';
import { ExportCounter } from '../history/export-counter.js';

type Print = (text: string) => void;

interface ExportOptions extends DeliveryFilterOptions {
  format?: string;
  status?: string;
  output?: string;
}

const STATUS_VALUES = ['failures', ...DELIVERY_STATUSES] as const;
const EXAMPLE = 'hookline export --format har --output deliveries.har';

function formatFrom(value: string | undefined): ExportFormat {
  if (value === undefined) throw usageError(`--format is required: ${EXPORT_FORMATS.join(' or ')}, e.g. ${EXAMPLE}`);
  const format = value.toLowerCase();
  if (!isExportFormat(format)) throw usageError(`--format must be ${EXPORT_FORMATS.join(' or ')}; got "${value.slice(0, 60)}". e.g. ${EXAMPLE}`);
  return format;
}

function statusFrom(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const status = value.toLowerCase();
  if (!(STATUS_VALUES as readonly string[]).includes(status)) throw usageError(`--status must be one of ${STATUS_VALUES.join(', ')}; got "${value.slice(0, 60)}".`);
  return status;
}

async function write(out: Writable, chunk: Uint8Array): Promise<void> {
  if (!out.write(chunk)) await once(out, 'drain');
}

export function registerExportCommand(program: Command, printError: Print, stdout: () => Writable = () => process.stdout): void {
  addDeliveryFilterOptions(program.command('export').description('export the delivery log as HAR 1.2 (one entry per attempt) or NDJSON (one delivery per line)'))
    .option('--format <format>', `${EXPORT_FORMATS.join(' or ')} (required)`)
    .option('--status <status>', `only deliveries with this status: ${STATUS_VALUES.join(', ')}`)
    .option('--output <file>', 'write to this file (default: stdout)')
    .action(async (opts: ExportOptions, command: Command) => {
      const format = formatFrom(opts.format);
      const status = statusFrom(opts.status);
      const { client, globals } = clientFrom(command);
      const params = deliveryFilterParams(opts, globals);
      if (status !== undefined) params.set('status', status);
      params.set('format', format);
      const response = await client.stream(`${DELIVERY_EXPORT_PATH}?${params}`);
      const counter = new ExportCounter(format);
      const partial = opts.output === undefined ? undefined : `${opts.output}.partial`;
      const out = partial === undefined ? stdout() : createWriteStream(partial);
      try {
        if (partial !== undefined) await once(out, 'open');
        try {
          for await (const chunk of Readable.fromWeb(response.body as import('node:stream/web').ReadableStream<Uint8Array>)) {
            counter.observe(chunk as Uint8Array);
            await write(out, chunk as Uint8Array);
          }
        } catch (error) {
          throw new CliError(`The relay stopped sending the export before it was complete (${error instanceof Error ? error.message : String(error)}). Try again; its log says why.`);
        }
        const counts = counter.finish();
        if (counts === null) throw new CliError('The export the relay sent is incomplete. Try again; the relay\'s log says why.');
        if (partial === undefined || opts.output === undefined) return;
        out.end();
        await once(out, 'finish');
        renameSync(partial, opts.output);
        const none = counts.withoutAttempts > 0 ? ` (${counts.withoutAttempts} not tried yet${format === 'har' ? ': no HAR entry' : ''})` : '';
        printError(`Wrote ${counts.deliveries} ${counts.deliveries === 1 ? 'delivery' : 'deliveries'}${none}, ${counts.attempts} ${counts.attempts === 1 ? 'attempt' : 'attempts'} to ${opts.output} (${format.toUpperCase()}).`);
      } finally {
        if (partial !== undefined) {
          if (!out.writableFinished) out.destroy();
          rmSync(partial, { force: true });
        }
      }
    });
}
