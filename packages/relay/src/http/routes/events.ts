import { Router } from 'express';
import type { RelayService } from '../../service/types.js';
import { expectObject, optionalId, rejectUnknownFields, requiredEventType, requiredString } from '../fields.js';
import { deliverySummaryJson, eventJson } from '../serialize.js';

export function eventsRouter(service: RelayService): Router {
  const router = Router();

  router.post('/api/events', async (req, res) => {
    const body = expectObject(req.body);
    rejectUnknownFields(body, ['resource_name', 'event_type', 'resource_id', 'project_id', 'company_id', 'user_id']);
    const resourceName = requiredString(body, 'resource_name', 200);
    const eventType = requiredEventType(body, 'event_type');
    const { event, deliveries } = await service.ingestEvent({
      resourceName,
      eventType,
      resourceId: optionalId(body, 'resource_id'),
      projectId: optionalId(body, 'project_id'),
      companyId: optionalId(body, 'company_id'),
      userId: optionalId(body, 'user_id'),
    });
    res.status(202).json({ event: eventJson(event), deliveries: deliveries.map(deliverySummaryJson) });
  });

  return router;
}
