/**
 * `hookline import`: a hook's delivery history from Procore's v2.0 API (or another relay's emulation of it) into
 * the local relay. Every page is read and every payload turned back into its event (core's eventFromPayload)
 * before anything is sent, so a remote failure imports nothing; the events then go, oldest first, in batches to
 * POST /api/events/import, which keeps their ids, ULIDs and timestamps, skips the ids it holds already and
 * delivers the rest to the local hooks whose triggers match. The remote token stays in this process.
 */
import type { Command } from 'commander';
import { eventFromPayload, eventRecord, isHooklineError, type ResourceEvent } from '@hookline/core';
import { OptionError, parseIdOption, parseNumberOption } from '../config.js';
import { MAX_IMPORT_EVENTS } from '../input/requests.js';
import { CliError, type RelayClient } from './api-client.js';
import { clientFrom } from './command-client.js';
import { usageError } from './exit-error.js';
import { readProcoreDeliveries, type ProcoreDelivery, type ProcoreSource } from './procore-deliveries.js';

/** Events per POST /api/events/import. */
export const IMPORT_BATCH_SIZE = 100;
const DEFAULT_PER_PAGE = 100;
/** Procore's own cap on `per_page` is lower; larger values are sent and the API serves what it allows. */
const MAX_PER_PAGE = 1000;

interface ImportFlags {
  from: string;
  token?: string;
  companyId: string;
  projectId?: string;
  /** The global --hook: here the remote hook, and required. */
  hook?: string;
  since?: string;
  limit?: string;
  perPage: string;
  json?: boolean;
}

interface ImportAnswer {
  imported: number;
  skipped: number;
  deliveries: number[];
}

export function registerImportCommand(program: Command, print: (text: string) => void): void {
  program
    .command('import')
    .description("import the deliveries of the remote hook --hook <id> from Procore's v2.0 API (or another relay) as local events, delivered to the local hooks that match")
    .requiredOption('--from <url>', 'the API base URL, e.g. https://api.procore.com or another relay\'s URL')
    .option('--token <token>', 'the access token for --from (default $PROCORE_TOKEN)')
    .requiredOption('--company-id <id>', 'the company the hook belongs to')
    .option('--project-id <id>', 'the project, for a project-level hook')
    .option('--since <date>', 'only deliveries created at or after this date (yyyy-mm-dd) or ISO 8601 time')
    .option('--limit <n>', 'at most this many deliveries, the newest')
    .option('--per-page <n>', 'deliveries asked for per page', String(DEFAULT_PER_PAGE))
    .option('--json', 'print the summary as JSON')
    .action(async (_opts, command: Command) => {
      const flags = command.optsWithGlobals<ImportFlags>();
      const source = sourceFrom(flags);
      const { client } = clientFrom(command);
      const read = await readProcoreDeliveries(source);
      const events = eventsOf(read.deliveries);
      const result = await importAll(client, events);
      if (flags.json) {
        print(JSON.stringify({ read: read.deliveries.length, pages: read.pages, events: events.length, ...result }, null, 2));
        return;
      }
      print(`Read ${read.deliveries.length} ${plural(read.deliveries.length, 'delivery', 'deliveries')} of hook ${source.hookId} from ${new URL(source.baseUrl).origin} (${read.pages} ${plural(read.pages, 'page', 'pages')}).`);
      print(`Imported ${result.imported} ${plural(result.imported, 'event', 'events')}, skipped ${result.skipped} already here: ${result.deliveries.length} local ${plural(result.deliveries.length, 'delivery', 'deliveries')}.`);
      if (result.imported > 0 && result.deliveries.length === 0) {
        print('No local hook is subscribed to them, so nothing was sent; they are stored now and importing them again skips them. Next time subscribe first ("hookline subscribe <resource>").');
      }
    });
}

function sourceFrom(flags: ImportFlags): ProcoreSource {
  const token = flags.token ?? process.env.PROCORE_TOKEN;
  if (token === undefined || token.trim() === '') throw usageError('--token is required (or set $PROCORE_TOKEN): the access token for --from.');
  let base: URL;
  try {
    base = new URL(flags.from);
  } catch {
    throw usageError(`--from must be a URL such as https://api.procore.com; got "${flags.from.slice(0, 80)}".`);
  }
  if (base.protocol !== 'https:' && base.protocol !== 'http:') throw usageError(`--from must be an http or https URL; got "${base.protocol}".`);
  try {
    return {
      baseUrl: base.toString(),
      token: token.trim(),
      companyId: parseIdOption('company-id', flags.companyId),
      projectId: flags.projectId === undefined ? undefined : parseIdOption('project-id', flags.projectId),
      hookId: parseIdOption('hook', requiredHook(flags.hook)),
      since: flags.since === undefined ? undefined : sinceOf(flags.since),
      limit: flags.limit === undefined ? undefined : parseNumberOption('limit', flags.limit, 1, 10_000_000),
      perPage: parseNumberOption('per-page', flags.perPage, 1, MAX_PER_PAGE),
    };
  } catch (error) {
    throw error instanceof OptionError ? usageError(error.message) : error;
  }
}

function requiredHook(hook: string | undefined): string {
  if (hook === undefined) throw usageError('--hook is required: the id of the remote hook whose deliveries to import.');
  return hook;
}

/** yyyy-mm-dd (that UTC day's start) or an ISO 8601 time with a zone, as an ISO instant. */
function sinceOf(raw: string): string {
  const day = /^\d{4}-\d{2}-\d{2}$/.test(raw);
  const ms = day ? Date.parse(`${raw}T00:00:00Z`) : /^\d{4}-\d{2}-\d{2}T.*(Z|[+-]\d{2}:\d{2})$/.test(raw) ? Date.parse(raw) : Number.NaN;
  if (!Number.isFinite(ms) || (day && new Date(ms).toISOString().slice(0, 10) !== raw)) {
    throw usageError(`--since must be a date such as 2024-05-31 or a time such as 2024-05-31T12:00:00Z; got "${raw.slice(0, 60)}".`);
  }
  return new Date(ms).toISOString();
}

/** Each delivery's event, oldest first, once per event id (a page boundary may list one twice while new ones arrive). */
function eventsOf(deliveries: ProcoreDelivery[]): ResourceEvent[] {
  const byId = new Map<string, ResourceEvent>();
  for (const delivery of deliveries) {
    let event: ResourceEvent;
    try {
      event = eventFromPayload(delivery.payload, delivery.id).event;
    } catch (error) {
      if (!isHooklineError(error)) throw error;
      const field = error.field === undefined || error.field === 'payload' ? '' : ` (payload.${error.field})`;
      throw new CliError(`The delivery of event ${String(delivery.id).slice(0, 30)} on page ${delivery.page} cannot be imported${field}: ${error.message} Nothing was imported.`);
    }
    if (!byId.has(event.id)) byId.set(event.id, event);
  }
  return [...byId.values()].reverse();
}

async function importAll(client: RelayClient, events: ResourceEvent[]): Promise<ImportAnswer> {
  const total: ImportAnswer = { imported: 0, skipped: 0, deliveries: [] };
  const size = Math.min(IMPORT_BATCH_SIZE, MAX_IMPORT_EVENTS);
  for (let start = 0; start < events.length; start += size) {
    const batch = events.slice(start, start + size);
    let answer: ImportAnswer;
    try {
      answer = await client.request<ImportAnswer>('POST', '/api/events/import', { events: batch.map(eventRecord) });
    } catch (error) {
      if (start === 0 || !(error instanceof CliError)) throw error;
      throw new CliError(
        `${error.message} ${total.imported} of ${events.length} events were imported before this (${total.skipped} skipped); run the same import again: the events already here are skipped.`,
      );
    }
    total.imported += answer.imported;
    total.skipped += answer.skipped;
    total.deliveries.push(...answer.deliveries);
  }
  return total;
}

function plural(count: number, one: string, many: string): string {
  return count === 1 ? one : many;
}
