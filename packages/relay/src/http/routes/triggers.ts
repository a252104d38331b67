import { Router } from 'express';
import { EVENT_TYPES } from '@hookline/core';
import type { EventType } from '@hookline/core';
import type { RelayService } from '../../service/types.js';
import { expectObject, optionalBoolean, pathId, rejectUnknownFields } from '../../input/fields.js';

export function triggersRouter(service: RelayService): Router {
  const router = Router();

  router.get('/api/hooks/:id/triggers', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    res.json({ data: { hook_id: hookId, grid: service.getTriggerGrid(hookId) } });
  });

  router.put('/api/hooks/:id/triggers/:resource', (req, res) => {
    const hookId = pathId(req.params.id, 'id');
    const resourceName = String(req.params.resource);
    const body = expectObject(req.body);
    rejectUnknownFields(body, EVENT_TYPES);
    const switches: Partial<Record<EventType, boolean>> = {};
    for (const eventType of EVENT_TYPES) {
      const value = optionalBoolean(body, eventType);
      if (value !== undefined) switches[eventType] = value;
    }
    const eventTypes = service.setTriggers(hookId, resourceName, switches);
    res.json({ data: { hook_id: hookId, resource_name: resourceName, event_types: eventTypes } });
  });

  return router;
}
