/**
 * Where "Download HAR" / "Download NDJSON" point: the relay's export route with the Deliveries section's current
 * filter (its hook, "Only Show Failures", the resource id searched for), in the route's snake_case names. Relative, so it goes to the page's own
 * relay with the page's session cookie.
 */
import { DELIVERY_EXPORT_PATH, type ExportFormat } from '@hookline/core';
import type { DeliveryLogFilter } from '../client/index.js';

export function deliveryExportHref(filter: DeliveryLogFilter, format: ExportFormat): string {
  const params = new URLSearchParams({ format });
  if (filter.hookId !== null) params.set('hook_id', String(filter.hookId));
  if (filter.failuresOnly) params.set('status', 'failures');
  if (filter.resourceId !== null) params.set('resource_id', filter.resourceId);
  return `${DELIVERY_EXPORT_PATH}?${params}`;
}
