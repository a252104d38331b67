/**
 * The resource catalogue: which resources a hook can subscribe to and which event types each offers.
 * An unknown name or an event type a resource lacks is a coded error that says what to use instead.
 */
import { HooklineError } from '../errors.js';
import {
  EVENT_TYPES,
  HOOK_STATUSES,
  PAYLOAD_VERSIONS,
  type EventType,
  type HookStatus,
  type PayloadVersion,
  type ResourceDefinition,
  type Scope,
} from '../model.js';
import { RESOURCE_DATA } from './catalogue-data.js';

export const RESOURCES: readonly ResourceDefinition[] = Object.freeze(
  RESOURCE_DATA.map((r) => Object.freeze({ name: r.name, scope: r.scope, eventTypes: Object.freeze([...r.eventTypes]) })),
);

const BY_NAME = new Map<string, ResourceDefinition>(RESOURCES.map((r) => [r.name, r]));

export function isEventType(value: unknown): value is EventType {
  return typeof value === 'string' && (EVENT_TYPES as readonly string[]).includes(value);
}

export function isPayloadVersion(value: unknown): value is PayloadVersion {
  return typeof value === 'string' && (PAYLOAD_VERSIONS as readonly string[]).includes(value);
}

export function isHookStatus(value: unknown): value is HookStatus {
  return typeof value === 'string' && (HOOK_STATUSES as readonly string[]).includes(value);
}

export function findResource(name: string): ResourceDefinition | undefined {
  return BY_NAME.get(name);
}

export function resourcesByScope(scope: Scope): ResourceDefinition[] {
  return RESOURCES.filter((r) => r.scope === scope);
}

export function getResource(name: string): ResourceDefinition {
  const found = typeof name === 'string' ? BY_NAME.get(name) : undefined;
  if (found) return found;
  const shown = typeof name === 'string' ? JSON.stringify(name) : String(name);
  const suggestions = typeof name === 'string' ? suggestResourceNames(name) : [];
  const hint = suggestions.length > 0 ? ` Did you mean ${orList(suggestions.map((s) => JSON.stringify(s)))}?` : '';
  throw new HooklineError(
    'HOOKLINE_ERR_UNKNOWN_RESOURCE',
    `Unknown resource ${shown}.${hint} GET /api/resources lists all ${RESOURCES.length}.`,
    { field: 'resource_name', details: { suggestions } },
  );
}

/** Returns the resource when it offers `eventType`; throws a coded error naming what it offers otherwise. */
export function assertEventTypeOffered(name: string, eventType: string): ResourceDefinition {
  const resource = getResource(name);
  if (!isEventType(eventType)) {
    const lower = typeof eventType === 'string' ? eventType.toLowerCase() : '';
    const hint = isEventType(lower) ? ` Event types are lower-case: use "${lower}".` : '';
    throw new HooklineError(
      'HOOKLINE_ERR_INVALID_EVENT_TYPE',
      `Event type ${JSON.stringify(eventType)} is not one of create, update or delete.${hint}`,
      { field: 'event_type' },
    );
  }
  if (!resource.eventTypes.includes(eventType)) {
    const offered = resource.eventTypes;
    throw new HooklineError(
      'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED',
      `"${resource.name}" offers only ${andList([...offered])}; it has no ${eventType} event.`,
      { field: 'event_type', details: { resourceName: resource.name, offered: [...offered] } },
    );
  }
  return resource;
}

/**
 * Up to three catalogue names close to `input`: a case-insensitive match first, then the names at the smallest
 * edit distance (if it is small for the input's length), then names that contain the input as a whole word.
 */
export function suggestResourceNames(input: string): string[] {
  const query = input.trim().toLowerCase();
  if (query === '') return [];
  const exact = RESOURCES.find((r) => r.name.toLowerCase() === query);
  if (exact) return [exact.name];

  const scored = RESOURCES.map((r) => ({ name: r.name, distance: editDistance(query, r.name.toLowerCase()) }));
  const best = Math.min(...scored.map((s) => s.distance));
  if (best <= Math.max(2, Math.floor(query.length * 0.3))) {
    return scored.filter((s) => s.distance === best).slice(0, 3).map((s) => s.name);
  }
  const words = query.split(/\s+/);
  return RESOURCES.filter((r) => {
    const nameWords = r.name.toLowerCase().split(/\s+/);
    return words.every((w) => nameWords.some((n) => n === w || n === `${w}s` || n.startsWith(w)));
  })
    .slice(0, 3)
    .map((r) => r.name);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

function andList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
