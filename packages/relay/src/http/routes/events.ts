import { Router } from 'express';
import type { EventInput, ImportResult, IngestResult, RelayService } from '../../service/types.js';
import { expectObject } from '../../input/fields.js';
import { readEventImport, readEventInput } from '../../input/requests.js';
import { deliverySummaryJson, eventJson } from '../serialize.js';

const EVENT_NAMES = {
  resourceName: 'resource_name',
  eventType: 'event_type',
  resourceId: 'resource_id',
  projectId: 'project_id',
  companyId: 'company_id',
  userId: 'user_id',
} as const;

/** POST /api/events' body, checked: the same rules on express and on the lean ingest path (http/ingest-path.ts). */
export function eventInputFrom(raw: unknown): EventInput {
  return readEventInput(expectObject(raw), EVENT_NAMES).event;
}

/** The 202 body: the event and its deliveries. */
export function ingestResultJson({ event, deliveries }: IngestResult) {
  return { event: eventJson(event), deliveries: deliveries.map(deliverySummaryJson) };
}

/** The import's answer: how many events were stored and skipped, and the ids of the deliveries they made. */
export function importResultJson({ imported, skipped, deliveries }: ImportResult) {
  return { imported: imported.length, skipped: skipped.length, deliveries: deliveries.map((d) => d.id) };
}

export function eventsRouter(service: RelayService): Router {
  const router = Router();

  router.post('/api/events/import', async (req, res) => {
    const events = readEventImport(expectObject(req.body), { events: 'events' });
    res.status(202).json(importResultJson(await service.importEvents(events)));
  });

  router.post('/api/events', async (req, res) => {
    const result = await service.ingestEvent(eventInputFrom(req.body));
    res.status(202).json(ingestResultJson(result));
  });

  return router;
}
