/** What "Replay these" sends for the list a person is looking at, in the page and the VS Code tree alike. */
import type { ReplayParams } from '@hookline/core';
import type { DeliveryLogFilter } from './delivery-log-model.js';

/** The list's filter as a replay: its failures (or every status), its hook and its resource id. */
export function replayParamsOf(filter: DeliveryLogFilter, dryRun: boolean): ReplayParams {
  const params: ReplayParams = { status: filter.failuresOnly ? 'failures' : 'any', dryRun };
  if (filter.hookId !== null) params.hookId = filter.hookId;
  if (filter.resourceId !== null) params.resourceId = filter.resourceId;
  return params;
}

/** A list narrowed by failures or a resource id: the only lists a replay is offered for. */
export function isFiltered(filter: DeliveryLogFilter): boolean {
  return filter.failuresOnly || filter.resourceId !== null;
}

