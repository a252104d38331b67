/**
 * The webhook resources a scope offers, from core's catalogue. A project lists the project-level resources; the
 * company lists every resource, because a company hook's grid offers them all (company webhooks also hear about
 * the changes in the company's projects), the same grid the relay's web page shows.
 */
import { EVENT_TYPES, PAYLOAD_VERSIONS, RESOURCES, type EventType, type ResourceDefinition } from '@hookline/core';
import type { ProcoreScope } from './scope.js';

export function resourcesForScope(scope: ProcoreScope): readonly ResourceDefinition[] {
  return scope.projectId === null ? RESOURCES : RESOURCES.filter((r) => r.scope === 'project');
}

/** Every payload version the relay renders, newest first as Procore lists them. */
export function payloadVersions(): string[] {
  return [...PAYLOAD_VERSIONS].reverse();
}

/** The event types a resource does not offer: Procore's `except`. */
export function exceptEventTypes(resource: ResourceDefinition): EventType[] {
  return EVENT_TYPES.filter((t) => !resource.eventTypes.includes(t));
}
