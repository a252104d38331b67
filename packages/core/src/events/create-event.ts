/** Builds one resource change event from loosely typed input, checked against the catalogue. */
import { HooklineError } from '../errors.js';
import type { EventMetadata, EventType, Int64String, RelatedResource, ResourceEvent } from '../model.js';
import { assertEventTypeOffered } from '../resources/catalogue.js';
import { formatEventTimestamp, parseInt64 } from './ids.js';

export interface CreateResourceEventInput {
  resourceName: string;
  eventType: string;
  resourceId?: unknown;
  projectId?: unknown;
  companyId?: unknown;
  userId?: unknown;
  relatedResources?: RelatedResource[];
}

export interface CreateResourceEventDeps {
  nextId: () => Int64String;
  nextUlid: () => string;
  /** Epoch ms; a fractional part becomes the timestamp's microseconds. */
  now: () => number;
  defaults: { companyId: Int64String; projectId: Int64String; userId: Int64String };
  /** Makes up resource ids (and line items' parent ids) when the input names none. */
  nextResourceId?: () => Int64String;
}

/**
 * Procore's v3.0 payload doc: line items of these resources carry their parent in `related_resources`,
 * e.g. a "Direct Cost Line Items" event relates to its "Direct Costs".
 */
export const LINE_ITEM_PARENTS: Readonly<Record<string, string>> = Object.freeze({
  'Purchase Order Contract Line Items': 'Purchase Order Contracts',
  'Work Order Contract Line Items': 'Work Order Contracts',
  'Prime Contract Line Items': 'Prime Contracts',
  'Direct Cost Line Items': 'Direct Costs',
  'Potential Change Order Line Items': 'Potential Change Orders',
});

export function createResourceEvent(input: CreateResourceEventInput, deps: CreateResourceEventDeps): ResourceEvent {
  const resource = assertEventTypeOffered(input.resourceName, input.eventType);
  const eventType = input.eventType as EventType; // assertEventTypeOffered has checked it

  const resourceId = given(input.resourceId) ? parseInt64(input.resourceId, 'resource_id') : makeResourceId(deps);
  const companyId = given(input.companyId) ? parseInt64(input.companyId, 'company_id') : deps.defaults.companyId;
  const userId = given(input.userId) ? parseInt64(input.userId, 'user_id') : deps.defaults.userId;
  let projectId: Int64String | null;
  if (resource.scope === 'company') {
    if (given(input.projectId)) throw companyLevelProjectId(resource.name);
    projectId = null;
  } else {
    projectId = given(input.projectId) ? parseInt64(input.projectId, 'project_id') : deps.defaults.projectId;
  }

  return {
    id: deps.nextId(),
    ulid: deps.nextUlid(),
    timestamp: formatEventTimestamp(deps.now()),
    resourceName: resource.name,
    resourceId,
    eventType,
    companyId,
    projectId,
    userId,
    metadata: eventMetadataFor(userId, projectId, companyId),
    relatedResources: relatedResourcesFor(resource.name, input.relatedResources, deps),
  };
}

/** A company-level resource's event was given a project_id. */
export function companyLevelProjectId(resourceName: string): HooklineError {
  return new HooklineError(
    'HOOKLINE_ERR_INVALID_FIELD',
    `"${resourceName}" is a company-level resource: its events carry no project_id (Procore sends null). Leave project_id out.`,
    { field: 'project_id' },
  );
}

/** The metadata of an event the relay makes: the change's own user, project and company, no operation or application. */
export function eventMetadataFor(userId: Int64String | null, projectId: Int64String | null, companyId: Int64String): EventMetadata {
  return { sourceUserId: userId, sourceProjectId: projectId, sourceOperationId: null, sourceCompanyId: companyId, sourceApplicationId: null };
}

/** Checks a `related_resources` list: each entry a 64-bit id and a resource name. */
export function checkRelatedResources(related: unknown): RelatedResource[] {
  if (!Array.isArray(related)) {
    throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', 'related_resources must be a list of {id, name}.', {
      field: 'related_resources',
    });
  }
  return related.map((r: unknown, i) => {
    const entry = typeof r === 'object' && r !== null ? (r as Record<string, unknown>) : {};
    const name: unknown = entry.name;
    if (typeof name !== 'string' || name.trim() === '') {
      throw new HooklineError('HOOKLINE_ERR_INVALID_FIELD', `related_resources[${i}].name must be a resource name such as "Direct Costs".`, {
        field: `related_resources[${i}].name`,
      });
    }
    return { id: parseInt64(entry.id, `related_resources[${i}].id`), name };
  });
}

function given(value: unknown): boolean {
  return value !== undefined && value !== null;
}

function makeResourceId(deps: CreateResourceEventDeps): Int64String {
  if (!deps.nextResourceId) {
    throw new HooklineError('HOOKLINE_ERR_MISSING_FIELD', 'resource_id is required: give the id of the resource that changed.', {
      field: 'resource_id',
    });
  }
  return deps.nextResourceId();
}

/** Given related resources are checked; a line item with none gets a made-up parent when ids can be made up. */
function relatedResourcesFor(
  resourceName: string,
  related: RelatedResource[] | undefined,
  deps: CreateResourceEventDeps,
): RelatedResource[] {
  if (related !== undefined && related !== null) return checkRelatedResources(related);
  const parent = LINE_ITEM_PARENTS[resourceName];
  return parent !== undefined && deps.nextResourceId ? [{ id: deps.nextResourceId(), name: parent }] : [];
}
