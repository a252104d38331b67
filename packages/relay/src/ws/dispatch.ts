/**
 * Carries out a client's WebSocket request through the same service and the same input readers as the HTTP
 * API, so the two cannot accept different things.
 */
import { EVENT_TYPES, HooklineError, MAX_BACKLOG, RESOURCES } from '@hookline/core';
import type { ClientRequest, EventType, RequestMap, RequestType } from '@hookline/core';
import {
  checkInteger,
  expectObject,
  optionalBoolean,
  optionalHookStatus,
  optionalId,
  optionalInteger,
  optionalNullableString,
  optionalPayloadVersion,
  optionalString,
  rejectUnknownFields,
  requiredEventType,
  requiredString,
} from '../http/fields.js';
import type { Input } from '../http/fields.js';
import { parseDeliveryQuery } from '../http/routes/deliveries.js';
import type { RelayService } from '../service/types.js';

type Handler<K extends RequestType> = (service: RelayService, params: Input) => Promise<RequestMap[K]['result']> | RequestMap[K]['result'];
type Handlers = { [K in RequestType]: Handler<K> };

const MAX_TRIGGER_COUNT = 1000;

function hookId(params: Input): number {
  if (params.hookId === undefined) throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', '"hookId" is required: send the id of the hook.', { field: 'hookId' });
  return checkInteger('hookId', params.hookId, 1, Number.MAX_SAFE_INTEGER);
}

function only(params: Input, fields: readonly string[]): Input {
  rejectUnknownFields(params, fields);
  return params;
}

const handlers: Handlers = {
  'backlog.get': (service, p) => {
    only(p, ['since', 'limit']);
    const since = checkInteger('since', p.since ?? 0, 0, Number.MAX_SAFE_INTEGER);
    return service.backlog(since, optionalInteger(p, 'limit', 1, MAX_BACKLOG));
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
    only(p, ['namespace', 'destinationUrl', 'authorization', 'payloadVersion']);
    return service.createHook({
      namespace: requiredString(p, 'namespace', 200),
      destinationUrl: optionalNullableString(p, 'destinationUrl', 4096),
      authorization: optionalNullableString(p, 'authorization', 8192),
      payloadVersion: optionalPayloadVersion(p, 'payloadVersion'),
    });
  },
  'hook.update': (service, p) => {
    only(p, ['hookId', 'namespace', 'payloadVersion', 'status']);
    const { hook } = service.updateHook(hookId(p), {
      namespace: optionalString(p, 'namespace', 200),
      payloadVersion: optionalPayloadVersion(p, 'payloadVersion'),
      status: optionalHookStatus(p, 'status'),
    });
    return { hook };
  },
  'hook.delete': (service, p) => {
    only(p, ['hookId']);
    const id = hookId(p);
    service.deleteHook(id);
    return { hookId: id };
  },
  'endpoint.set': (service, p) => {
    only(p, ['hookId', 'destinationUrl', 'authorization']);
    return service.setEndpoint(hookId(p), requiredString(p, 'destinationUrl', 4096), optionalNullableString(p, 'authorization', 8192));
  },
  'triggers.get': (service, p) => {
    only(p, ['hookId']);
    const id = hookId(p);
    return { hookId: id, grid: service.getTriggerGrid(id) };
  },
  'trigger.set': (service, p) => {
    only(p, ['hookId', 'resourceName', ...EVENT_TYPES]);
    const id = hookId(p);
    const resourceName = requiredString(p, 'resourceName', 200);
    const switches: Partial<Record<EventType, boolean>> = {};
    for (const eventType of EVENT_TYPES) {
      const value = optionalBoolean(p, eventType);
      if (value !== undefined) switches[eventType] = value;
    }
    return { hookId: id, resourceName, eventTypes: service.setTriggers(id, resourceName, switches) };
  },
  'event.trigger': async (service, p) => {
    only(p, ['resourceName', 'eventType', 'resourceId', 'projectId', 'userId', 'count']);
    const count = optionalInteger(p, 'count', 1, MAX_TRIGGER_COUNT) ?? 1;
    const input = {
      resourceName: requiredString(p, 'resourceName', 200),
      eventType: requiredEventType(p, 'eventType'),
      resourceId: optionalId(p, 'resourceId'),
      projectId: optionalId(p, 'projectId'),
      userId: optionalId(p, 'userId'),
    };
    const results = await Promise.all(Array.from({ length: count }, () => service.ingestEvent(input)));
    return { events: results.map((r) => r.event), deliveries: results.flatMap((r) => r.deliveries) };
  },
  'deliveries.list': (service, p) => {
    only(p, ['hookId', 'limit', 'cursor', 'status', 'resourceName', 'eventType']);
    const raw: Record<string, unknown> = {};
    if (p.hookId !== undefined) raw.hook_id = String(p.hookId);
    if (p.limit !== undefined) raw.limit = String(p.limit);
    if (p.cursor !== undefined && p.cursor !== null) raw.cursor = String(p.cursor);
    if (p.status !== undefined) raw.status = String(p.status);
    if (p.resourceName !== undefined) raw.resource_name = String(p.resourceName);
    if (p.eventType !== undefined) raw.event_type = String(p.eventType);
    return service.listDeliveries(parseDeliveryQuery(raw));
  },
  'delivery.get': (service, p) => {
    only(p, ['deliveryId']);
    return { delivery: service.getDelivery(checkInteger('deliveryId', p.deliveryId, 1, Number.MAX_SAFE_INTEGER)) };
  },
  'health.get': (service, p) => {
    only(p, ['hookId']);
    return { health: service.hookHealth(p.hookId === undefined ? undefined : hookId(p)) };
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
