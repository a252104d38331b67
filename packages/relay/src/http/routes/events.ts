import { Router } from 'express';
import type { EventInput, IngestResult, RelayService } from '../../service/types.js';
import { expectObject, optionalId, rejectUnknownFields, requiredEventType, requiredString } from '../fields.js';
import { deliverySummaryJson, eventJson } from '../serialize.js';

/** POST /api/events' body, checked: the same rules on express and on the lean ingest path (http/ingest-path.ts). */
export function eventInputFrom(raw: unknown): EventInput {
  const body = expectObject(raw);
  rejectUnknownFields(body, ['resource_name', 'event_type', 'resource_id', 'project_id', 'company_id', 'user_id']);
  const resourceName = requiredString(body, 'resource_name', 200);
  const eventType = requiredEventType(body, 'event_type');
  return {
    resourceName,
    eventType,
    resourceId: optionalId(body, 'resource_id'),
    projectId: optionalId(body, 'project_id'),
    companyId: optionalId(body, 'company_id'),
    userId: optionalId(body, 'user_id'),
  };
}

/** The 202 body: the event and its deliveries. */
export function ingestResultJson({ event, deliveries }: IngestResult) {
  return { event: eventJson(event), deliveries: deliveries.map(deliverySummaryJson) };
}

export function eventsRouter(service: RelayService): Router {
  const router = Router();

  router.post('/api/events', async (req, res) => {
    const result = await service.ingestEvent(eventInputFrom(req.body));
    res.status(202).json(ingestResultJson(result));
  });

  return router;
}
