import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HooklineError } from '../src/errors.js';
import {
  RESOURCES,
  assertEventTypeOffered,
  findResource,
  getResource,
  isEventType,
  isHookStatus,
  isPayloadVersion,
  resourcesByScope,
  suggestResourceNames,
} from '../src/resources/catalogue.js';

// The list the catalogue is generated from (scripts/sync-resources.mjs); see fixtures/README.md.
const SOURCE_LIST = new URL('./fixtures/procore-webhook-resources.json', import.meta.url);

function caught(fn: () => unknown): HooklineError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof HooklineError, `expected a HooklineError, got ${String(err)}`);
    return err;
  }
  assert.fail('expected a throw');
}

describe('resource catalogue', () => {
  it('has the 121 resources: 25 company-level and 96 project-level', () => {
    assert.equal(RESOURCES.length, 121);
    assert.equal(resourcesByScope('company').length, 25);
    assert.equal(resourcesByScope('project').length, 96);
    assert.equal(new Set(RESOURCES.map((r) => r.name)).size, 121);
  });

  it('matches the source list in order, scope and event types', () => {
    const source = JSON.parse(readFileSync(SOURCE_LIST, 'utf8')) as { resources: { name: string; scope: string; event_types: string[] }[] };
    assert.deepEqual(
      RESOURCES.map((r) => ({ name: r.name, scope: r.scope, event_types: [...r.eventTypes] })),
      source.resources.map((r) => ({ name: r.name, scope: r.scope, event_types: r.event_types })),
    );
  });

  it('is frozen', () => {
    assert.ok(Object.isFrozen(RESOURCES));
    assert.ok(Object.isFrozen(RESOURCES[0]));
  });

  it('finds resources by exact name', () => {
    assert.deepEqual(findResource('Bids'), { name: 'Bids', scope: 'company', eventTypes: ['update'] });
    assert.deepEqual(getResource('Projects').eventTypes, ['create', 'update']);
    assert.equal(getResource('RFIs').scope, 'project');
    assert.equal(findResource('rfis'), undefined);
    assert.equal(findResource('RFI'), undefined);
  });

  it('rejects an unknown resource naming it and the closest name', () => {
    const err = caught(() => getResource('RFI'));
    assert.equal(err.code, 'HOOKLINE_ERR_UNKNOWN_RESOURCE');
    assert.equal(err.status, 422);
    assert.equal(err.field, 'resource_name');
    assert.equal(err.message, 'Unknown resource "RFI". Did you mean "RFIs"? GET /api/resources lists all 121.');
    assert.deepEqual(err.details, { suggestions: ['RFIs'] });
  });

  it('suggests a case-insensitive match, near misses and word matches', () => {
    assert.equal(caught(() => getResource('rfis')).message, 'Unknown resource "rfis". Did you mean "RFIs"? GET /api/resources lists all 121.');
    assert.deepEqual(suggestResourceNames('Submittal'), ['Submittals']);
    assert.deepEqual(suggestResourceNames('Daily Log'), ['Daily Logs']);
    assert.deepEqual(suggestResourceNames('Punch'), ['Punch Items']);
    assert.deepEqual(suggestResourceNames('Budget'), [
      'Budget Change Adjustment Line Items',
      'Budget Change Adjustments',
      'Budget Change Production Quantities',
    ]);
    assert.equal(
      caught(() => getResource('Purchase Order Contract Line Item')).message,
      'Unknown resource "Purchase Order Contract Line Item". Did you mean "Purchase Order Contract Line Items"? GET /api/resources lists all 121.',
    );
  });

  it('lists several close candidates, the last after "or"', () => {
    assert.equal(
      caught(() => getResource('Meeting')).message,
      'Unknown resource "Meeting". Did you mean "Meetings"? GET /api/resources lists all 121.',
    );
    assert.equal(
      caught(() => getResource('Project Folder')).message,
      'Unknown resource "Project Folder". Did you mean "Project Folders"? GET /api/resources lists all 121.',
    );
    assert.equal(
      caught(() => getResource('RFs')).message,
      'Unknown resource "RFs". Did you mean "RFIs" or "RFQs"? GET /api/resources lists all 121.',
    );
    assert.equal(
      caught(() => getResource('Insurance')).message,
      'Unknown resource "Insurance". Did you mean "Company Insurances" or "Project Insurances"? GET /api/resources lists all 121.',
    );
    assert.equal(
      caught(() => getResource('Logs')).message,
      'Unknown resource "Logs". Did you mean "Accident Logs", "Call Logs" or "Daily Construction Report Logs"? GET /api/resources lists all 121.',
    );
  });

  it('omits the suggestion when nothing is close', () => {
    const err = caught(() => getResource('Zebra Crossings'));
    assert.equal(err.message, 'Unknown resource "Zebra Crossings". GET /api/resources lists all 121.');
    assert.deepEqual(err.details, { suggestions: [] });
    assert.equal(caught(() => getResource('')).message, 'Unknown resource "". GET /api/resources lists all 121.');
  });

  it('accepts an event type the resource offers', () => {
    assert.equal(assertEventTypeOffered('Bids', 'update').name, 'Bids');
    assert.equal(assertEventTypeOffered('RFIs', 'delete').name, 'RFIs');
  });

  it('rejects an event type the resource does not offer, listing what it offers', () => {
    const err = caught(() => assertEventTypeOffered('Bids', 'create'));
    assert.equal(err.code, 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED');
    assert.equal(err.field, 'event_type');
    assert.equal(err.message, '"Bids" offers only update; it has no create event.');
    assert.deepEqual(err.details, { resourceName: 'Bids', offered: ['update'] });
    assert.equal(caught(() => assertEventTypeOffered('Projects', 'delete')).message, '"Projects" offers only create and update; it has no delete event.');
    assert.equal(
      caught(() => assertEventTypeOffered('Timecard Time Types', 'update')).message,
      '"Timecard Time Types" offers only create and delete; it has no update event.',
    );
  });

  it('rejects an event type that is not create, update or delete', () => {
    const err = caught(() => assertEventTypeOffered('RFIs', 'archive'));
    assert.equal(err.code, 'HOOKLINE_ERR_INVALID_EVENT_TYPE');
    assert.equal(err.field, 'event_type');
    assert.equal(err.message, 'Event type "archive" is not one of create, update or delete.');
    assert.equal(
      caught(() => assertEventTypeOffered('RFIs', 'CREATE')).message,
      'Event type "CREATE" is not one of create, update or delete. Event types are lower-case: use "create".',
    );
  });

  it('checks the resource before the event type', () => {
    assert.equal(caught(() => assertEventTypeOffered('RFI', 'archive')).code, 'HOOKLINE_ERR_UNKNOWN_RESOURCE');
  });

  it('guards event types, payload versions and hook statuses', () => {
    assert.deepEqual(['create', 'update', 'delete', 'CREATE', '', null, 1].map(isEventType), [true, true, true, false, false, false, false]);
    assert.deepEqual(['v2.0', 'v3.0', 'v4.0', 'v1.0', 'v2', 2].map(isPayloadVersion), [true, true, true, false, false, false]);
    assert.deepEqual(['active', 'disabled', 'Active', undefined].map(isHookStatus), [true, true, false, false]);
  });
});
