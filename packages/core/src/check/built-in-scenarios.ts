/**
 * The built-in scenarios, made from the resource catalogue. Each takes the `--resource` names that fit it
 * (project resources, or company ones, or those offering create and update), or its defaults when none does.
 */
import { HooklineError } from '../errors.js';
import type { EventType, ResourceDefinition } from '../model.js';
import { RESOURCES, getResource } from '../resources/catalogue.js';
import type { Scenario, ScenarioEvent } from './scenario.js';

export interface ScenarioOptions {
  /** Catalogue names chosen with --resource; empty for each scenario's defaults. */
  resources: readonly string[];
}

export interface BuiltInScenario {
  name: string;
  /** What it sends, as the README says it. */
  description: string;
  build(options: ScenarioOptions): Scenario;
}

export const DEFAULT_SMOKE_RESOURCES = Object.freeze(['RFIs', 'Submittals', 'Projects']);
export const DEFAULT_PROJECT_RESOURCE = 'RFIs';
export const DEFAULT_COMPANY_RESOURCES = Object.freeze(['Projects', 'Company Users', 'Departments']);
export const BURST_SIZE = 50;
export const FAN_OUT_PROJECT_IDS = Object.freeze(['101', '102', '103', '104', '105']);
/** Run when no --scenario is named. */
export const DEFAULT_SCENARIOS = Object.freeze(['smoke', 'duplicates', 'out-of-order', 'company-level']);

const FIRST_RESOURCE_ID = 1001;

function event(resource: ResourceDefinition, eventType: EventType, resourceId: number, extra: Partial<ScenarioEvent> = {}): ScenarioEvent {
  return { resourceName: resource.name, eventType, resourceId: String(resourceId), delayMs: 0, copies: 1, ...extra };
}

/** The chosen resources that fit, or the defaults when none does. */
function pick(options: ScenarioOptions, fits: (r: ResourceDefinition) => boolean, defaults: readonly string[]): ResourceDefinition[] {
  const chosen = options.resources.map(getResource).filter(fits);
  return chosen.length > 0 ? chosen : defaults.map(getResource);
}

function preferUpdate(resource: ResourceDefinition): EventType {
  return resource.eventTypes.includes('update') ? 'update' : (resource.eventTypes[0] ?? 'update');
}

/** The first chosen project resource, or the default one. */
function oneProjectResource(options: ScenarioOptions): ResourceDefinition {
  return pick(options, isProject, [DEFAULT_PROJECT_RESOURCE])[0] ?? getResource(DEFAULT_PROJECT_RESOURCE);
}

const offersCreateAndUpdate = (r: ResourceDefinition): boolean => r.eventTypes.includes('create') && r.eventTypes.includes('update');
const isProject = (r: ResourceDefinition): boolean => r.scope === 'project';
const isCompany = (r: ResourceDefinition): boolean => r.scope === 'company';
const any = (): boolean => true;

/** What a definition builds; the name and description are added from the definition itself. */
type ScenarioBody = Pick<Scenario, 'concurrent' | 'events'>;

const DEFINITIONS: readonly (Omit<BuiltInScenario, 'build'> & { build(options: ScenarioOptions): ScenarioBody })[] = [
  {
    name: 'smoke',
    description: 'a create, an update and a delete (those the resource offers) of one record, for each resource',
    build: (options) => ({
      concurrent: false,
      events: pick(options, any, DEFAULT_SMOKE_RESOURCES).flatMap((r, i) => r.eventTypes.map((type) => event(r, type, FIRST_RESOURCE_ID + i))),
    }),
  },
  {
    name: 'duplicates',
    description: 'one event delivered twice (the same id and bytes), as at-least-once delivery allows; both copies must get a 2xx',
    build: (options) => ({
      concurrent: false,
      events: pick(options, any, [DEFAULT_PROJECT_RESOURCE]).map((r, i) => event(r, preferUpdate(r), FIRST_RESOURCE_ID + i, { copies: 2 })),
    }),
  },
  {
    name: 'out-of-order',
    description: 'an update of a record before its create',
    build: (options) => ({
      concurrent: false,
      events: pick(options, offersCreateAndUpdate, [DEFAULT_PROJECT_RESOURCE]).flatMap((r, i) => [
        event(r, 'update', FIRST_RESOURCE_ID + i, { label: `${r.name}.update before create` }),
        event(r, 'create', FIRST_RESOURCE_ID + i, { label: `${r.name}.create after update` }),
      ]),
    }),
  },
  {
    name: 'company-level',
    description: 'events of company resources, without a project (project_id null; in v4.0 too), every event type each offers',
    build: (options) => ({
      concurrent: false,
      events: pick(options, isCompany, DEFAULT_COMPANY_RESOURCES).flatMap((r, i) => r.eventTypes.map((type) => event(r, type, FIRST_RESOURCE_ID + i))),
    }),
  },
  {
    name: 'burst',
    description: `${BURST_SIZE} updates of different records sent at once to the endpoint`,
    build: (options) => {
      const resource = oneProjectResource(options);
      const type = preferUpdate(resource);
      return {
        concurrent: true,
        events: Array.from({ length: BURST_SIZE }, (_, i) => event(resource, type, FIRST_RESOURCE_ID + i, { label: `${resource.name}.${type} #${i + 1}` })),
      };
    },
  },
  {
    name: 'fan-out',
    description: `one change arriving as one event per project (${FAN_OUT_PROJECT_IDS.length} projects, the same resource id), at once, as after Procore's fan-out`,
    build: (options) => {
      const resource = oneProjectResource(options);
      const type = preferUpdate(resource);
      return {
        concurrent: true,
        events: FAN_OUT_PROJECT_IDS.map((projectId) =>
          event(resource, type, FIRST_RESOURCE_ID, { projectId, label: `${resource.name}.${type} project ${projectId}` }),
        ),
      };
    },
  },
  {
    name: 'all-resources',
    description: `every resource of the catalogue (${RESOURCES.length}) with each event type it offers; --resource does not apply`,
    build: () => ({
      concurrent: false,
      events: RESOURCES.flatMap((r, i) => r.eventTypes.map((type) => event(r, type, FIRST_RESOURCE_ID + i))),
    }),
  },
];

export const BUILT_IN_SCENARIOS: readonly BuiltInScenario[] = Object.freeze(
  DEFINITIONS.map((s) => Object.freeze({ ...s, build: (options: ScenarioOptions): Scenario => ({ name: s.name, description: s.description, ...s.build(options) }) })),
);

export function findBuiltInScenario(name: string): BuiltInScenario | undefined {
  return BUILT_IN_SCENARIOS.find((s) => s.name === name);
}

/** A built-in scenario by name; an unknown name is a coded error listing the names there are. */
export function buildScenario(name: string, options: ScenarioOptions): Scenario {
  const found = findBuiltInScenario(name);
  if (!found) {
    throw new HooklineError(
      'HOOKLINE_ERR_UNKNOWN_SCENARIO',
      `Unknown scenario ${JSON.stringify(name)}: use ${BUILT_IN_SCENARIOS.map((s) => s.name).join(', ')}, or the path of a scenario file (.json).`,
      { field: 'scenario', details: { allowed: BUILT_IN_SCENARIOS.map((s) => s.name) } },
    );
  }
  return found.build(options);
}
