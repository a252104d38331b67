import { Router } from 'express';
import { DELIVERY_STATUSES, HooklineError, MAX_DELIVERY_PAGE, isEventType } from '@hookline/core';
import type { DeliveryQuery, DeliveryStatus } from '@hookline/core';
import type { RelayService } from '../../service/types.js';
import { checkInteger, pathId } from '../fields.js';
import { deliveryDetailJson, deliverySummaryJson } from '../serialize.js';

const QUERY_FIELDS = ['hook_id', 'limit', 'cursor', 'status', 'resource_name', 'event_type'] as const;

/** Reads GET /api/deliveries' query string into core's DeliveryQuery, rejecting anything it does not know. */
export function parseDeliveryQuery(raw: Record<string, unknown>): DeliveryQuery {
  for (const key of Object.keys(raw)) {
    if (!(QUERY_FIELDS as readonly string[]).includes(key)) {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `Unknown query parameter "${key.slice(0, 60)}". Allowed: ${QUERY_FIELDS.join(', ')}.`, { field: key });
    }
    if (typeof raw[key] !== 'string') {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `Query parameter "${key}" must be given once, as a plain value.`, { field: key });
    }
  }
  const query: DeliveryQuery = {};
  if (raw.hook_id !== undefined) query.hookId = checkInteger('hook_id', raw.hook_id, 1, Number.MAX_SAFE_INTEGER);
  if (raw.limit !== undefined) query.limit = checkInteger('limit', raw.limit, 1, MAX_DELIVERY_PAGE);
  if (raw.cursor !== undefined && raw.cursor !== '') query.cursor = String(raw.cursor);
  if (raw.status !== undefined && raw.status !== '') {
    const status = String(raw.status);
    if (status !== 'failures' && !(DELIVERY_STATUSES as readonly string[]).includes(status)) {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `"status" must be failures or one of ${DELIVERY_STATUSES.join(', ')}; got "${status.slice(0, 60)}".`, { field: 'status' });
    }
    query.status = status as DeliveryStatus | 'failures';
  }
  if (raw.resource_name !== undefined && raw.resource_name !== '') query.resourceName = String(raw.resource_name).slice(0, 200);
  if (raw.event_type !== undefined && raw.event_type !== '') {
    if (!isEventType(raw.event_type)) {
      throw new HooklineError('HOOKLINE_ERR_INVALID_QUERY', `"event_type" must be create, update or delete.`, { field: 'event_type' });
    }
    query.eventType = raw.event_type;
  }
  return query;
}

export function deliveriesRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/deliveries', (req, res) => {
    const page = service.listDeliveries(parseDeliveryQuery(req.query as Record<string, unknown>));
    res.json({ data: page.data.map(deliverySummaryJson), next_cursor: page.nextCursor });
  });

  router.get('/api/deliveries/:id', (req, res) => {
    res.json({ data: deliveryDetailJson(service.getDelivery(pathId(req.params.id, 'id'))) });
  });

  router.post('/api/deliveries/:id/redeliver', async (req, res) => {
    const delivery = await service.redeliver(pathId(req.params.id, 'id'));
    res.json({ data: deliverySummaryJson(delivery) });
  });

  return router;
}
