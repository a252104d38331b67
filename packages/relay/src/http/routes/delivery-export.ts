/**
 * GET /api/deliveries/export?format=har|ndjson&<the filters of GET /api/deliveries but limit and cursor>: the
 * whole matching log as a download, streamed page by page with backpressure (history/export-stream.ts).
 * Mounted before the deliveries router, whose /api/deliveries/:id would otherwise take "export" for an id.
 */
import { Router } from 'express';
import { DELIVERY_EXPORT_PATH, exportFileName } from '@hookline/core';
import type { RelayService } from '../../service/types.js';
import { readDeliveryExport, type DeliveryExportKey, type FieldNames } from '../../input/requests.js';
import { EXPORT_CONTENT_TYPES, ExportAbortedError, writeExport } from '../../history/export-stream.js';
import { RELAY_VERSION } from '../../version.js';
import { DELIVERY_QUERY_NAMES, checkPlainQuery } from './deliveries.js';

const { limit: _limit, cursor: _cursor, ...FILTER_NAMES } = DELIVERY_QUERY_NAMES;
export const EXPORT_QUERY_NAMES = { ...FILTER_NAMES, format: 'format' } as const satisfies FieldNames<DeliveryExportKey>;

export function deliveryExportRouter(service: RelayService): Router {
  const router = Router();
  router.get(DELIVERY_EXPORT_PATH, async (req, res) => {
    const input = req.query as Record<string, unknown>;
    checkPlainQuery(input, Object.values(EXPORT_QUERY_NAMES));
    const { format, query } = readDeliveryExport(input, EXPORT_QUERY_NAMES);
    res.setHeader('Content-Type', EXPORT_CONTENT_TYPES[format]);
    res.setHeader('Content-Disposition', `attachment; filename="${exportFileName(format, new Date())}"`);
    try {
      await writeExport(res, format, service.exportDeliveries(query), { name: 'Hookline', version: RELAY_VERSION });
      res.end();
    } catch (error) {
      if (error instanceof ExportAbortedError) return;
      // Once bytes are out a status can no longer say so: cut the response, so no reader takes it for whole.
      if (res.headersSent) res.destroy();
      else {
        // Nothing went out yet (a filter the store refused): the error answers as JSON, not as a file.
        res.removeHeader('Content-Type');
        res.removeHeader('Content-Disposition');
      }
      throw error;
    }
  });
  return router;
}
