/**
 * Scenario files (JSON): validated up front, every problem named by its field path and what is allowed.
 *
 *   { "name": "my-flow", "description": "…", "concurrent": false,
 *     "events": [{ "resource_name": "RFIs", "event_type": "create", "resource_id": "1001", "project_id": "42",
 *                  "delay_ms": 100, "copies": 2, "name": "first RFI", "expect": { "status": [200, 204], "max_duration_ms": 1000 } }] }
 */
import { EVENT_TYPES, type EventType } from '../model.js';
import { findResource, suggestResourceNames } from '../resources/catalogue.js';
import { SCENARIO_LIMITS, type Expectation, type Scenario, type ScenarioEvent } from './scenario.js';

export interface ScenarioIssue {
  /** e.g. "events[2].event_type". */
  field: string;
  message: string;
}

export type ScenarioValidation = { ok: true; scenario: Scenario } | { ok: false; issues: ScenarioIssue[] };

const SCENARIO_FIELDS = ['name', 'description', 'concurrent', 'events'] as const;
const EVENT_FIELDS = ['resource_name', 'event_type', 'resource_id', 'project_id', 'delay_ms', 'copies', 'name', 'expect'] as const;
const EXPECT_FIELDS = ['status', 'max_duration_ms'] as const;
const NAME_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const ID_PATTERN = /^[1-9]\d{0,18}$/;
const MAX_ISSUES = 20;

type Record_ = Record<string, unknown>;

function isObject(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

class Collector {
  readonly issues: ScenarioIssue[] = [];
  add(field: string, message: string): void {
    if (this.issues.length < MAX_ISSUES) this.issues.push({ field, message });
  }
  unknownFields(value: Record_, allowed: readonly string[], prefix: string): void {
    for (const key of Object.keys(value)) {
      if (!allowed.includes(key)) this.add(`${prefix}${key}`, `is not a scenario field here; allowed: ${allowed.join(', ')}.`);
    }
  }
  integer(value: unknown, field: string, min: number, max: number): number | undefined {
    if (typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max) return value;
    this.add(field, `must be a whole number from ${min} to ${max}; got ${describe(value)}.`);
    return undefined;
  }
}

/** Parses and validates a scenario file's text. */
export function parseScenarioJson(text: string): ScenarioValidation {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { ok: false, issues: [{ field: '(file)', message: `is not valid JSON: ${error instanceof Error ? error.message : String(error)}.` }] };
  }
  return validateScenario(value);
}

export function validateScenario(value: unknown): ScenarioValidation {
  const c = new Collector();
  if (!isObject(value)) return { ok: false, issues: [{ field: '(file)', message: `must be a JSON object with name and events; got ${describe(value)}.` }] };
  c.unknownFields(value, SCENARIO_FIELDS, '');
  const name = value.name;
  if (typeof name !== 'string' || !NAME_PATTERN.test(name) || name.length > SCENARIO_LIMITS.maxNameLength) {
    c.add('name', `must be lowercase a-z, 0-9 and - (at most ${SCENARIO_LIMITS.maxNameLength} characters), e.g. "my-flow"; got ${describe(name)}.`);
  }
  if (value.description !== undefined && typeof value.description !== 'string') c.add('description', `must be a string; got ${describe(value.description)}.`);
  if (value.concurrent !== undefined && typeof value.concurrent !== 'boolean') c.add('concurrent', `must be true or false; got ${describe(value.concurrent)}.`);
  const events: ScenarioEvent[] = [];
  if (!Array.isArray(value.events) || value.events.length === 0 || value.events.length > SCENARIO_LIMITS.maxEvents) {
    c.add('events', `must be a list of 1 to ${SCENARIO_LIMITS.maxEvents} events; got ${describe(value.events)}.`);
  } else {
    value.events.forEach((entry, i) => {
      const parsed = validateEvent(entry, `events[${i}]`, c);
      if (parsed) events.push(parsed);
    });
  }
  if (c.issues.length > 0) return { ok: false, issues: c.issues };
  return {
    ok: true,
    scenario: { name: name as string, description: (value.description as string | undefined) ?? '', concurrent: value.concurrent === true, events },
  };
}

function validateEvent(entry: unknown, at: string, c: Collector): ScenarioEvent | undefined {
  if (!isObject(entry)) {
    c.add(at, `must be an object with resource_name and event_type; got ${describe(entry)}.`);
    return undefined;
  }
  const before = c.issues.length;
  c.unknownFields(entry, EVENT_FIELDS, `${at}.`);
  const resource = typeof entry.resource_name === 'string' ? findResource(entry.resource_name) : undefined;
  if (!resource) {
    const suggestions = typeof entry.resource_name === 'string' ? suggestResourceNames(entry.resource_name) : [];
    const hint = suggestions.length > 0 ? ` Did you mean ${suggestions.map((s) => JSON.stringify(s)).join(' or ')}?` : '';
    c.add(`${at}.resource_name`, `must be a resource of the catalogue (GET /api/resources lists them); got ${describe(entry.resource_name)}.${hint}`);
  }
  const eventType = entry.event_type;
  const offered: readonly EventType[] = resource ? resource.eventTypes : EVENT_TYPES;
  if (typeof eventType !== 'string' || !(offered as readonly string[]).includes(eventType)) {
    const whose = resource ? `"${resource.name}" offers ${offered.join(', ')}` : `one of ${EVENT_TYPES.join(', ')}`;
    c.add(`${at}.event_type`, `must be ${resource ? 'an event type ' : ''}${whose}; got ${describe(eventType)}.`);
  }
  const resourceId = optionalId(entry.resource_id, `${at}.resource_id`, c);
  const projectId = optionalId(entry.project_id, `${at}.project_id`, c);
  if (resource?.scope === 'company' && entry.project_id !== undefined) {
    c.add(`${at}.project_id`, `must be left out: "${resource.name}" is a company resource, and Procore sends its events without a project.`);
  }
  const delayMs = entry.delay_ms === undefined ? 0 : c.integer(entry.delay_ms, `${at}.delay_ms`, 0, SCENARIO_LIMITS.maxDelayMs);
  const copies = entry.copies === undefined ? 1 : c.integer(entry.copies, `${at}.copies`, 1, SCENARIO_LIMITS.maxCopies);
  if (entry.name !== undefined && (typeof entry.name !== 'string' || entry.name.trim() === '' || entry.name.length > SCENARIO_LIMITS.maxNameLength)) {
    c.add(`${at}.name`, `must be a non-empty string of at most ${SCENARIO_LIMITS.maxNameLength} characters; got ${describe(entry.name)}.`);
  }
  const expect = entry.expect === undefined ? undefined : validateExpectation(entry.expect, `${at}.expect`, c);
  if (c.issues.length > before || !resource) return undefined;
  const event: ScenarioEvent = { resourceName: resource.name, eventType: eventType as EventType, delayMs: delayMs ?? 0, copies: copies ?? 1 };
  if (resourceId !== undefined) event.resourceId = resourceId;
  if (projectId !== undefined) event.projectId = projectId;
  if (typeof entry.name === 'string') event.label = entry.name;
  if (expect !== undefined) event.expect = expect;
  return event;
}

function optionalId(value: unknown, field: string, c: Collector): string | undefined {
  if (value === undefined) return undefined;
  const text = typeof value === 'number' && Number.isSafeInteger(value) ? String(value) : value;
  if (typeof text === 'string' && ID_PATTERN.test(text) && BigInt(text) <= 9223372036854775807n) return text;
  c.add(field, `must be a positive whole number of at most 19 digits (a string for ids beyond 2^53); got ${describe(value)}.`);
  return undefined;
}

function validateExpectation(value: unknown, at: string, c: Collector): Expectation | undefined {
  if (!isObject(value)) {
    c.add(at, `must be an object with status and/or max_duration_ms; got ${describe(value)}.`);
    return undefined;
  }
  c.unknownFields(value, EXPECT_FIELDS, `${at}.`);
  const expect: Expectation = {};
  if (value.status !== undefined) {
    const list = Array.isArray(value.status) ? value.status : [value.status];
    const valid = list.length > 0 && list.every((s) => typeof s === 'number' && Number.isInteger(s) && s >= 200 && s <= 299);
    if (valid) expect.status = list as number[];
    else c.add(`${at}.status`, `must be a 2xx status or a list of them (Procore counts only 2xx as delivered), e.g. [200, 204]; got ${describe(value.status)}.`);
  }
  if (value.max_duration_ms !== undefined) {
    const max = c.integer(value.max_duration_ms, `${at}.max_duration_ms`, 1, SCENARIO_LIMITS.maxDelayMs);
    if (max !== undefined) expect.maxDurationMs = max;
  }
  return expect;
}
