/**
 * Carries out a client's WebSocket request through the same service and the same input readers as the HTTP
 * API, so the two cannot accept different things.
 */
import { EVENT_TYPES, HooklineError, RESOURCES } from '@hookline/core';
import type { ClientRequest, EventType, RequestMap, RequestType } from '@hookline/core';
import { checkInteger, expectObject, optionalBoolean, rejectUnknownFields, requiredString } from '../input/fields.js';
import type { Input } from '../input/fields.js';
import { INPUT_LIMITS } from '../input/limits.js';
import { readActivityQuery, readBacklogQuery, readDeliveryQuery, readReplayRequest, readEndpoint, readEventInput, readHookPatch, readNewHook } from '../input/requests.js';
import type { RelayService } from '../service/types.js';

type Handler<K extends RequestType> = (service: RelayService, params: Input) => Promise<RequestMap[K]['result']> | RequestMap[K]['result'];
type Handlers = { [K in RequestType]: Handler<K> };

function hookId(params: Input): number {
  if (params.hookId === undefined) throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', '"hookId" is required: send the id of the hook.', { field: 'hookId' });
  return checkInteger('hookId', params.hookId, 1, Number.MAX_SAFE_INTEGER);
}

function only(params: Input, fields: readonly string[]): Input {
  rejectUnknownFields(params, fields);
  return params;
}

/** The delivery filters under their WebSocket (camelCase) names, for deliveries.list and deliveries.replay. */
const FILTER_NAMES = {
  hookId: 'hookId', status: 'status', resourceName: 'resourceName', eventType: 'eventType', resourceId: 'resourceId', since: 'since', until: 'until',
} as const;

const handlers: Handlers = {
  'backlog.get': (service, p) => {
    const { since, limit } = readBacklogQuery(p, { since: 'since', limit: 'limit' });
    return service.backlog(since, limit);
  },
  'resources.list': (_service, p) => {
    only(p, []);
    return { resources: [...RESOURCES] };
  },
  'hooks.list': (service, p) => {
    only(p, []);
    return { hooks: service.listHooks() };
  },
  'hook.create': (service, p) => {
    return service.createHook(
      readNewHook(p, { namespace: 'namespace', destinationUrl: 'destinationUrl', authorization: 'authorization', payloadVersion: 'payloadVersion' }),
    );
  },
  'hook.update': (service, p) => {
    const { hookId: _id, ...fields } = p;
    const patch = readHookPatch(fields, { namespace: 'namespace', payloadVersion: 'payloadVersion', status: 'status' });
    const { hook } = service.updateHook(hookId(p), patch);
    return { hook };
  },
  'hook.delete': (service, p) => {
    only(p, ['hookId']);
    const id = hookId(p);
    service.deleteHook(id);
    return { hookId: id };
  },
  'endpoint.set': (service, p) => {
    const { hookId: _id, ...fields } = p;
    const { destinationUrl, authorization } = readEndpoint(fields, { destinationUrl: 'destinationUrl', authorization: 'authorization' });
    return service.setEndpoint(hookId(p), destinationUrl, authorization);
  },
  'triggers.get': (service, p) => {
    only(p, ['hookId']);
    const id = hookId(p);
    return { hookId: id, grid: service.getTriggerGrid(id) };
  },
  'trigger.set': (service, p) => {
    only(p, ['hookId', 'resourceName', ...EVENT_TYPES]);
    const id = hookId(p);
    const resourceName = requiredString(p, 'resourceName', INPUT_LIMITS.name);
    const switches: Partial<Record<EventType, boolean>> = {};
    for (const eventType of EVENT_TYPES) {
      const value = optionalBoolean(p, eventType);
      if (value !== undefined) switches[eventType] = value;
    }
    return { hookId: id, resourceName, eventTypes: service.setTriggers(id, resourceName, switches) };
  },
  'event.trigger': async (service, p) => {
    const { event: input, count } = readEventInput(p, {
      resourceName: 'resourceName',
      eventType: 'eventType',
      resourceId: 'resourceId',
      projectId: 'projectId',
      userId: 'userId',
      count: 'count',
    });
    const results = await Promise.all(Array.from({ length: count }, () => service.ingestEvent(input)));
    return { events: results.map((r) => r.event), deliveries: results.flatMap((r) => r.deliveries) };
  },
  'deliveries.list': (service, p) => {
    return service.listDeliveries(readDeliveryQuery(p, { ...FILTER_NAMES, limit: 'limit', cursor: 'cursor' }));
  },
  'delivery.get': (service, p) => {
    only(p, ['deliveryId']);
    return { delivery: service.getDelivery(checkInteger('deliveryId', p.deliveryId, 1, Number.MAX_SAFE_INTEGER)) };
  },
  'health.get': (service, p) => {
    only(p, ['hookId']);
    return { health: service.hookHealth(p.hookId === undefined ? undefined : hookId(p)) };
  },
  'deliveries.replay': (service, p) => {
    return service.replayDeliveries(readReplayRequest(p, { ...FILTER_NAMES, dryRun: 'dryRun' }));
  },
  'hook.activity': (service, p) => {
    const { hookId: _id, ...fields } = p;
    const since = readActivityQuery(fields, { since: 'since' });
    return { activity: service.hookActivity(hookId(p), since) };
  },
  'delivery.redeliver': async (service, p) => {
    only(p, ['deliveryId']);
    return { delivery: await service.redeliver(checkInteger('deliveryId', p.deliveryId, 1, Number.MAX_SAFE_INTEGER)) };
  },
};

export async function dispatchRequest(service: RelayService, request: ClientRequest): Promise<unknown> {
  const handler = handlers[request.type] as Handler<RequestType>;
  return handler(service, expectObject(request.params, '"params"'));
}
