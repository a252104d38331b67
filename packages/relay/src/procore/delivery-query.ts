/**
 * The deliveries list's query parameters, per API version, read into the service's DeliverySearch.
 * v1.0: keyset pages (`page_size`, default 100; `page_start` = the last id of the previous page) and
 * `filters[status]` = any | successful | failing | discarded (Procore's guide also writes `filter[status]`).
 * v2.0: `page`/`per_page` (default 10) and `filter[status|resource_name|event_type|start|end]`; its status filter
 * says `succeeded` where the record says `delivered`, and both are accepted.
 */
import type { DeliveryStatus } from '@hookline/core';
import { describe } from '../input/fields.js';
import type { DeliverySearch } from '../service/types.js';
import { readEventType } from './bodies.js';
import { invalidParam } from './errors.js';
import { MAX_PER_PAGE, queryDateEdge, queryInteger, queryString, queryStringOf, type PageRequest, type RawQuery } from './query.js';

export const V1_DEFAULT_PAGE_SIZE = 100;

const V1_STATUSES: Readonly<Record<string, readonly DeliveryStatus[] | null>> = {
  any: null,
  successful: ['delivered'],
  failing: ['failed', 'retrying'],
  discarded: ['discarded'],
};

const V2_STATUSES: Readonly<Record<string, DeliveryStatus>> = {
  succeeded: 'delivered',
  delivered: 'delivered',
  failed: 'failed',
  discarded: 'discarded',
  enqueued: 'enqueued',
  retrying: 'retrying',
};

export function v1DeliverySearch(query: RawQuery, hookId: number): DeliverySearch {
  const search: DeliverySearch = { hookId, limit: Math.min(queryInteger(query, 'page_size', 1) ?? V1_DEFAULT_PAGE_SIZE, MAX_PER_PAGE) };
  const start = queryInteger(query, 'page_start', 0);
  if (start !== undefined && start > 0) search.beforeId = start;
  const status = queryStringOf(query, ['filters[status]', 'filter[status]']);
  if (status !== undefined) {
    const statuses = V1_STATUSES[status.value.toLowerCase()];
    if (statuses === undefined) {
      throw invalidParam(status.name, `"${status.name}" must be any, successful, failing or discarded; got ${describe(status.value)}.`);
    }
    if (statuses !== null) search.statuses = [...statuses];
  }
  return search;
}

export function v2DeliverySearch(query: RawQuery, hookId: number, paging: PageRequest): DeliverySearch {
  const search: DeliverySearch = { hookId, limit: paging.perPage, offset: paging.offset, withTotal: true };
  const status = queryString(query, 'filter[status]');
  if (status !== undefined) {
    const mapped = V2_STATUSES[status.toLowerCase()];
    if (mapped === undefined) {
      throw invalidParam('filter[status]', `"filter[status]" must be succeeded (or delivered), failed, discarded, enqueued or retrying; got ${describe(status)}.`);
    }
    search.statuses = [mapped];
  }
  const resourceName = queryString(query, 'filter[resource_name]');
  if (resourceName !== undefined) search.resourceName = resourceName;
  const eventType = queryString(query, 'filter[event_type]');
  if (eventType !== undefined) search.eventType = readEventType(eventType, 'filter[event_type]');
  const from = queryDateEdge(query, 'filter[start]', 'start');
  if (from !== undefined) search.createdFrom = from;
  const before = queryDateEdge(query, 'filter[end]', 'end');
  if (before !== undefined) search.createdBefore = before;
  return search;
}
