/** The CLI commands that talk to a running relay through its API. */
import type { Command } from 'commander';
import { DELIVERY_PAGE_SIZE, FAILURE_STATUSES, verdictForAttempt, type AttemptErrorCode } from '@hookline/core';
import { CliError, type RelayClient } from './api-client.js';
import { clientFrom, type GlobalOptions } from './command-client.js';
import { addDeliveryFilterOptions, deliveryFilterParams, type DeliveryFilterOptions } from './delivery-filters.js';
import { formatDeliveryTable, formatTable, prettyJson } from './format.js';
import type { DeliveryRow } from './format.js';
import { sqliteDriverLabel } from '../store/driver/sqlite-driver.js';

interface HookJson {
  id: number;
  namespace: string;
  destination_url: string | null;
  authorization: string | null;
  payload_version: string;
  status: string;
}

type Print = (text: string) => void;

interface HealthJson {
  hook_id: number;
  state: string;
  failure_streak: number;
  streak_started_at: string | null;
  last_error: { code: string; status: number | null; message: string | null } | null;
  window: { attempts: number; success_rate: number | null; p50_ms: number | null; p95_ms: number | null };
}

/** e.g. "healthy 100% p50 12ms" or "failing ×3". */
function describeHealth(health: HealthJson): string {
  if (health.state === 'failing') return `failing ×${health.failure_streak}`;
  if (health.window.attempts === 0 || health.window.success_rate === null) return health.state;
  return `${health.state} ${Math.round(health.window.success_rate * 100)}% p50 ${health.window.p50_ms}ms`;
}

async function resolveHookId(client: RelayClient, globals: GlobalOptions): Promise<number> {
  if (globals.hook !== undefined) {
    if (!/^[1-9]\d{0,15}$/.test(globals.hook)) throw new CliError(`--hook must be a hook id; got "${globals.hook}". "hookline status" lists them.`);
    return Number(globals.hook);
  }
  const { data } = await client.request<{ data: HookJson[] }>('GET', '/api/hooks');
  const hook = data.find((h) => h.namespace === 'hookline') ?? data[0];
  if (!hook) throw new CliError('The relay has no hooks. Create one through the API (POST /api/hooks).');
  return hook.id;
}

type EventTypeName = 'create' | 'update' | 'delete';

/** With no event types named, subscribe means "everything this resource offers". */
async function offeredEventTypes(client: RelayClient, resource: string): Promise<EventTypeName[]> {
  const { data } = await client.request<{ data: { name: string; event_types: EventTypeName[] }[] }>('GET', '/api/resources');
  const found = data.find((r) => r.name === resource);
  // An unknown name goes to the relay as is, which answers with the catalogue's "did you mean" message.
  return found ? found.event_types : ['create', 'update', 'delete'];
}

function eventTypesFrom(args: string[]): EventTypeName[] {
  const valid = ['create', 'update', 'delete'] as const;
  const chosen = args.map((arg) => arg.toLowerCase());
  for (const type of chosen) {
    if (!(valid as readonly string[]).includes(type)) throw new CliError(`"${type}" is not an event type: use create, update or delete.`);
  }
  return chosen as EventTypeName[];
}

export function registerClientCommands(program: Command, print: Print): void {
  program
    .command('status')
    .description('show the running relay and its hooks')
    .action(async (_opts, command: Command) => {
      const { client } = clientFrom(command);
      const relay = await client.request<{ status: string; reason?: string; version: string; uptime_ms: number; sqlite_driver?: string }>('GET', '/api/health');
      const { data } = await client.request<{ data: HookJson[] }>('GET', '/api/hooks');
      const health = await Promise.all(data.map((h) => client.request<{ data: HealthJson }>('GET', `/api/hooks/${h.id}/health`)));
      const driver = relay.sqlite_driver === undefined ? '' : `, SQLite: ${sqliteDriverLabel(relay.sqlite_driver)}`;
      print(`Relay ${relay.version} at ${client.url}, up ${Math.round(relay.uptime_ms / 1000)} s${driver}`);
      if (relay.status === 'degraded') print(`DEGRADED: ${relay.reason ?? 'the relay reports a problem'}`);
      print(formatTable([
        ['HOOK', 'NAMESPACE', 'STATUS', 'HEALTH', 'PAYLOAD', 'ENDPOINT', 'AUTHORIZATION'],
        ...data.map((h, i) => [String(h.id), h.namespace, h.status, describeHealth(health[i]!.data), h.payload_version, h.destination_url ?? '(not set)', h.authorization ?? '-']),
      ]));
      for (const { data: hookHealth } of health) {
        if (hookHealth.state === 'failing' && hookHealth.last_error) {
          const error = hookHealth.last_error;
          print(`hook ${hookHealth.hook_id}: failing since ${hookHealth.streak_started_at}: ${error.status !== null ? `HTTP ${error.status}` : error.code}${error.message ? ` (${error.message})` : ''}`);
        }
      }
    });

  const endpoint = program.command('endpoint').description('the notification endpoint of a hook');
  endpoint
    .command('set <url>')
    .description('save the notification endpoint (and optional Authorization header)')
    .option('--authorization <value>', 'the Authorization header value Procore sends, e.g. "Bearer abc123"')
    .action(async (url: string, opts: { authorization?: string }, command: Command) => {
      const { client, globals } = clientFrom(command);
      const hookId = await resolveHookId(client, globals);
      const body: Record<string, string> = { destination_url: url };
      if (opts.authorization !== undefined) body.authorization = opts.authorization;
      const result = await client.request<{ data: HookJson; warnings: { message: string }[] }>('PUT', `/api/hooks/${hookId}/endpoint`, body);
      print(`Saved endpoint for hook ${hookId}: ${result.data.destination_url}`);
      for (const warning of result.warnings) print(`warning: ${warning.message}`);
    });

  const setTriggers = async (command: Command, resource: string, types: string[], on: boolean): Promise<void> => {
    const { client, globals } = clientFrom(command);
    const hookId = await resolveHookId(client, globals);
    const chosen = types.length > 0 ? eventTypesFrom(types) : await offeredEventTypes(client, resource);
    const switches = Object.fromEntries(chosen.map((t) => [t, on]));
    const { data } = await client.request<{ data: { event_types: string[] } }>('PUT', `/api/hooks/${hookId}/triggers/${encodeURIComponent(resource)}`, switches);
    print(`${resource}: ${data.event_types.length > 0 ? data.event_types.join(', ') : 'no events'}`);
  };
  program
    .command('subscribe <resource> [eventTypes...]')
    .description('turn on create/update/delete for a resource (all it offers when none is named)')
    .action((resource: string, types: string[], _opts, command: Command) => setTriggers(command, resource, types, true));
  program
    .command('unsubscribe <resource> [eventTypes...]')
    .description('turn off create/update/delete for a resource (all when none is named)')
    .action((resource: string, types: string[], _opts, command: Command) => setTriggers(command, resource, types, false));

  program
    .command('trigger <resource> <eventType>')
    .description('make a resource change, delivered to every hook subscribed to it')
    .option('--resource-id <id>', 'the id of the changed resource')
    .option('--project-id <id>', 'the project of a project-level resource')
    .option('--count <n>', 'how many events to send', '1')
    .action(async (resource: string, eventType: string, opts: { resourceId?: string; projectId?: string; count: string }, command: Command) => {
      const { client } = clientFrom(command);
      const count = Number(opts.count);
      if (!Number.isInteger(count) || count < 1 || count > 100_000) throw new CliError(`--count must be a whole number from 1 to 100000; got "${opts.count}".`);
      const body: Record<string, string> = { resource_name: resource, event_type: eventType.toLowerCase() };
      if (opts.resourceId !== undefined) body.resource_id = opts.resourceId;
      if (opts.projectId !== undefined) body.project_id = opts.projectId;
      let sent = 0;
      let deliveries = 0;
      const worker = async (): Promise<void> => {
        while (sent < count) {
          sent += 1;
          const result = await client.request<{ event: { id: string; ulid: string }; deliveries: unknown[] }>('POST', '/api/events', body);
          deliveries += result.deliveries.length;
          if (count === 1) print(`Event ${result.event.ulid} (id ${result.event.id}): ${result.deliveries.length} ${result.deliveries.length === 1 ? 'delivery' : 'deliveries'}`);
        }
      };
      await Promise.all(Array.from({ length: Math.min(count, 16) }, worker));
      if (count > 1) print(`Sent ${count} events: ${deliveries} deliveries`);
      if (deliveries === 0) print(`No hook is subscribed to ${resource} ${eventType}: try "hookline subscribe ${JSON.stringify(resource)} ${eventType.toLowerCase()}".`);
    });

  const deliveries = addDeliveryFilterOptions(program.command('deliveries').description('list deliveries, newest first (filters combine)'))
    .option('--failures', `only show failures (${FAILURE_STATUSES.join(', ')})`)
    .option('--limit <n>', 'how many', String(DELIVERY_PAGE_SIZE))
    .option('--json', 'print JSON')
    .action(async (opts: DeliveryFilterOptions & { failures?: boolean; limit: string; json?: boolean }, command: Command) => {
      const { client, globals } = clientFrom(command);
      const params = deliveryFilterParams(opts, globals);
      params.set('limit', opts.limit);
      if (opts.failures) params.set('status', 'failures');
      const page = await client.request<{ data: DeliveryRow[]; next_cursor: string | null }>('GET', `/api/deliveries?${params}`);
      print(opts.json ? JSON.stringify(page, null, 2) : formatDeliveryTable(page.data));
    });
  deliveries
    .command('show <id>')
    .description('one delivery: its payload and every attempt')
    .option('--json', 'print JSON')
    .action(async (id: string, opts: { json?: boolean }, command: Command) => {
      const { client } = clientFrom(command);
      const { data } = await client.request<{ data: DeliveryRow & { payload: string; attempts: AttemptJson[] } }>('GET', `/api/deliveries/${encodeURIComponent(id)}`);
      if (opts.json) {
        print(JSON.stringify(data, null, 2));
        return;
      }
      print(`Delivery ${data.id}: ${data.resource_name}.${data.event_type} ${data.status}`);
      print(`Request Payload:\n${prettyJson(data.payload)}`);
      for (const attempt of data.attempts) {
        print(`\nAttempt ${attempt.number} (${attempt.trigger}) ${attempt.started_at}: ${attempt.response_status ?? attempt.error_code ?? '-'} in ${attempt.duration_ms ?? '-'} ms`);
        const verdict = verdictOf(attempt);
        if (verdict) print(verdict);
        print(`Response Headers:\n${JSON.stringify(attempt.response_headers, null, 2)}`);
        print(`Response Body${attempt.response_body_truncated ? ' (truncated)' : ''}:\n${attempt.response_body ? prettyJson(attempt.response_body) : '(empty)'}`);
      }
    });

  program
    .command('redeliver <id>')
    .description('send a delivery again now (a manual attempt)')
    .action(async (id: string, _opts, command: Command) => {
      const { client } = clientFrom(command);
      const { data } = await client.request<{ data: DeliveryRow }>('POST', `/api/deliveries/${encodeURIComponent(id)}/redeliver`);
      print(`Delivery ${data.id}: ${data.status} (${data.last_response_status ?? data.last_error_code ?? '-'})`);
    });
}

interface AttemptJson {
  number: number;
  trigger: string;
  url: string | null;
  ok: boolean;
  started_at: string;
  completed_at: string | null;
  duration_ms: number | null;
  response_status: number | null;
  response_headers: Record<string, string>;
  response_body: string | null;
  response_body_truncated: boolean;
  error_code: AttemptErrorCode | null;
  error_message: string | null;
}

/** For an answer Procore would not take as is: why, and what Procore would do (core's verdict rules). */
function verdictOf(attempt: AttemptJson): string | null {
  const verdict = verdictForAttempt({
    completedAt: attempt.completed_at,
    responseStatus: attempt.response_status,
    durationMs: attempt.duration_ms,
    errorCode: attempt.error_code,
    errorMessage: attempt.error_message,
    responseHeaders: attempt.response_headers,
    responseBody: attempt.response_body,
  });
  if (!verdict || verdict.level === 'ok') return null;
  return `${verdict.level === 'fail' ? 'Procore would not accept this answer' : 'Warning'}: ${verdict.message}${verdict.consequence ? `\n${verdict.consequence}` : ''}`;
}
