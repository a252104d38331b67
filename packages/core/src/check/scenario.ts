/** What a check sends: a scenario is a list of resource changes, each judged when the receiver answers. */
import type { EventType, Int64String } from '../model.js';

/** A scenario's own expectation of an answer, beyond Procore's rules. */
export interface Expectation {
  /** The answer's status must be one of these. */
  status?: readonly number[];
  /** The answer must come within this many ms. */
  maxDurationMs?: number;
}

export interface ScenarioEvent {
  resourceName: string;
  eventType: EventType;
  /** The changed resource; made up when absent. */
  resourceId?: Int64String;
  /** Only for project resources; the relay's default project when absent. */
  projectId?: Int64String;
  /** Wait this long before sending the event. */
  delayMs: number;
  /** How many copies of the same event (same id, same bytes) the receiver gets: at least once allows more than one. */
  copies: number;
  /** Shown as the check's name; `<resource>.<event type>` when absent. */
  label?: string;
  expect?: Expectation;
}

export interface Scenario {
  name: string;
  description: string;
  /**
   * false: each event waits for the answer to the one before (the check starts each from a clear queue, so one
   * failure does not hide the rest). true: every event is sent at once to one endpoint, as Procore does under load.
   */
  concurrent: boolean;
  events: ScenarioEvent[];
}

/** Limits a scenario (built in or from a file) stays within, so a check is bounded in count and time. */
export const SCENARIO_LIMITS = Object.freeze({
  maxEvents: 1000,
  maxCopies: 10,
  maxDelayMs: 60_000,
  maxNameLength: 60,
});

/** The check's name for one answer. */
export function checkName(event: ScenarioEvent, copy: number): string {
  const base = event.label ?? `${event.resourceName}.${event.eventType}`;
  return event.copies > 1 ? `${base} copy ${copy}` : base;
}
