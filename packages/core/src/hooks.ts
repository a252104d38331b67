/** Hooks and triggers: the secret masked for display, and a hook's triggers as the UI's resource grid. */
import { EVENT_TYPES, type EventType, type Hook, type PublicHook } from './model.js';
import type { TriggerGrid } from './protocol.js';

export const DEFAULT_NAMESPACE = 'hookline';

const MASK = '•';
const VISIBLE_TAIL = 5;
const MAX_BULLETS = 8;

/**
 * Procore shows a stored Authorization value masked to its last 5 characters. The number of bullets is capped
 * so the mask does not reveal a long secret's length, and a value of 5 characters or fewer is masked entirely
 * (with a fixed 8 bullets) so a short secret is never shown whole. No value (null, undefined or '') gives null.
 */
export function maskSecret(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '') return null;
  const chars = Array.from(value);
  if (chars.length <= VISIBLE_TAIL) return MASK.repeat(MAX_BULLETS);
  const bullets = Math.min(chars.length - VISIBLE_TAIL, MAX_BULLETS);
  return MASK.repeat(bullets) + chars.slice(-VISIBLE_TAIL).join('');
}

/**
 * Only an active hook with an endpoint is delivered to: events match it and its queue runs. The relay's SQL twin
 * is in `HooksRepo.matching`; a relay test runs both over the same hooks.
 */
export function canDeliver(hook: Pick<Hook, 'status' | 'destinationUrl'> | undefined): boolean {
  return hook !== undefined && hook.status === 'active' && hook.destinationUrl !== null;
}

export function toPublicHook(hook: Hook): PublicHook {
  return { ...hook, authorization: maskSecret(hook.authorization) };
}

/** Resource name → its switched-on event types in create, update, delete order; keys sorted by name. */
export function triggerGridFromTriggers(
  triggers: ReadonlyArray<{ resourceName: string; eventType: EventType }>,
): TriggerGrid {
  const byResource = new Map<string, Set<EventType>>();
  for (const { resourceName, eventType } of triggers) {
    let set = byResource.get(resourceName);
    if (!set) byResource.set(resourceName, (set = new Set()));
    set.add(eventType);
  }
  const grid: TriggerGrid = {};
  for (const name of [...byResource.keys()].sort()) {
    const set = byResource.get(name) ?? new Set<EventType>();
    grid[name] = EVENT_TYPES.filter((t) => set.has(t));
  }
  return grid;
}
