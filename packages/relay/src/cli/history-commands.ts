/** `hookline replay` and `hookline prune`: the log as history, through the relay's API. */
import type { Command } from 'commander';
import { TIME_BOUND_FORMAT, parseTimeBound } from '@hookline/core';
import { clientFrom } from './command-client.js';
import { addDeliveryFilterOptions, deliveryFilterParams, type DeliveryFilterOptions } from './delivery-filters.js';
import { usageError } from './exit-error.js';
import { formatDeliveryTable, type DeliveryRow } from './format.js';
import { formatBytes } from '../store/storage-status.js';

type Print = (text: string) => void;

interface ReplayReply {
  replayed: number;
  dry_run: boolean;
  deliveries: number[];
  data: DeliveryRow[];
}

interface PruneReply {
  data: { before: string; deliveries: number; attempts: number; events: number; freed_bytes: number; duration_ms: number };
}

export function registerHistoryCommands(program: Command, print: Print): void {
  addDeliveryFilterOptions(
    program
      .command('replay')
      .description('send the matching deliveries again, oldest first, as new deliveries of the same events (same payload bytes)'),
  )
    .option('--status <status>', 'which deliveries: failures, any, or one status (enqueued, retrying, delivered, failed, discarded)', 'failures')
    .option('--dry-run', 'only list what would be replayed')
    .option('--json', 'print {"replayed": N, "deliveries": [ids]}')
    .action(async (opts: DeliveryFilterOptions & { status: string; dryRun?: boolean; json?: boolean }, command: Command) => {
      const { client, globals } = clientFrom(command);
      const body: Record<string, unknown> = Object.fromEntries(deliveryFilterParams(opts, globals));
      body.status = opts.status;
      body.dry_run = Boolean(opts.dryRun);
      const reply = await client.request<ReplayReply>('POST', '/api/deliveries/replay', body);
      if (opts.json) {
        print(JSON.stringify(reply.dry_run ? { replayed: 0, dry_run: true, deliveries: reply.deliveries } : { replayed: reply.replayed, deliveries: reply.deliveries }));
        return;
      }
      if (reply.deliveries.length === 0) {
        print('No delivery matches: nothing to replay. ("hookline deliveries" with the same filters shows what there is.)');
        return;
      }
      if (reply.dry_run) {
        print(`Would replay ${reply.replayed} ${reply.replayed === 1 ? 'delivery' : 'deliveries'}, in this order:`);
        print(formatDeliveryTable(reply.data));
        return;
      }
      print(`Replayed ${reply.replayed} ${reply.replayed === 1 ? 'delivery' : 'deliveries'}, oldest first:`);
      for (const d of reply.data) print(`  ${d.replay_of} → ${d.id}  ${d.resource_name} ${d.event_type} ${d.resource_id}`);
    });

  program
    .command('prune')
    .description('remove deliveries (with their attempts) and events created before a time, now')
    .requiredOption('--before <when>', 'a date, a date-time, or a duration back from now (e.g. 7d)')
    .option('--json', 'print JSON')
    .action(async (opts: { before: string; json?: boolean }, command: Command) => {
      const before = parseTimeBound(opts.before, Date.now());
      if (before === null) throw usageError(`--before must be ${TIME_BOUND_FORMAT}; got "${opts.before.slice(0, 60)}".`);
      const { client } = clientFrom(command);
      const { data } = await client.request<PruneReply>('POST', '/api/prune', { before: new Date(before).toISOString() });
      if (opts.json) {
        print(JSON.stringify(data));
        return;
      }
      print(
        `Removed ${data.deliveries} ${data.deliveries === 1 ? 'delivery' : 'deliveries'} (${data.attempts} attempts) and ${data.events} events created before ${data.before}` +
          `${data.freed_bytes > 0 ? `; ${formatBytes(data.freed_bytes)} given back to the disk` : ''} in ${data.duration_ms} ms.`,
      );
      if (data.deliveries === 0 && data.events === 0) print('Deliveries still waiting or retrying are kept whatever their age.');
    });
}
