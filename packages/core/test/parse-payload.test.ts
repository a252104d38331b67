import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { HooklineError, type ErrorCode } from '../src/errors.js';
import { eventRecord, restoreResourceEvent } from '../src/events/restore-event.js';
import { createEventIdGenerator, createUlidGenerator, formatEventTimestamp, parseEventTimestamp, parseUlid } from '../src/events/ids.js';
import { createResourceEvent } from '../src/events/create-event.js';
import type { ResourceEvent } from '../src/model.js';
import { eventFromPayload } from '../src/payloads/parse.js';
import { parsePayload, renderPayload } from '../src/payloads/render.js';
import { RESOURCES } from '../src/resources/catalogue.js';
import { PROCORE_SAMPLE_EVENT } from './support/sample-event.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

function refusal(fn: () => unknown): { code: ErrorCode; field: string | undefined; message: string } {
  try {
    fn();
  } catch (error) {
    assert.ok(error instanceof HooklineError, String(error));
    return { code: error.code, field: error.field, message: error.message };
  }
  assert.fail('expected a refusal');
}

/** Every resource and event type the catalogue offers, made as the relay makes events, with 64-bit ids near the top. */
function catalogueEvents(): ResourceEvent[] {
  const nextId = createEventIdGenerator(() => Date.parse('2078-06-01T00:00:00Z'));
  const nextUlid = createUlidGenerator(() => Date.parse('2025-02-25T16:04:43.619Z'));
  let resourceId = 9223372036854775000n;
  return RESOURCES.flatMap((resource) =>
    resource.eventTypes.map((eventType) =>
      createResourceEvent(
        { resourceName: resource.name, eventType, userId: '9007199254740993' },
        {
          nextId,
          nextUlid,
          now: () => Date.parse('2025-02-25T16:04:43.619Z') + 0.085,
          defaults: { companyId: '1357908642', projectId: '9223372036854775807', userId: '5447' },
          nextResourceId: () => String(resourceId++),
        },
      ),
    ),
  );
}

describe('eventFromPayload: a delivered payload back to its event', () => {
  it('round-trips every catalogue event through v3.0 and v2.0: render → parse → the same event → the same bytes', () => {
    const events = catalogueEvents();
    assert.ok(events.length > 200);
    for (const event of events) {
      const v3 = renderPayload(event, 'v3.0');
      const back = eventFromPayload(parsePayload(v3), event.id);
      assert.equal(back.version, 'v3.0');
      assert.deepEqual(back.event, event);
      assert.equal(renderPayload(back.event, 'v3.0'), v3);

      const v2 = renderPayload(event, 'v2.0');
      const fromV2 = eventFromPayload(parsePayload(v2)).event;
      assert.deepEqual(fromV2, { ...event, relatedResources: [] }, 'v2.0 carries no related resources');
      assert.equal(renderPayload(fromV2, 'v2.0'), v2);
    }
  });

  it("reads Procore's documented samples byte for byte, operation and application ids included", () => {
    for (const name of ['v2.0-rfis-update.json', 'v2.0-projects-create-company-level.json', 'v3.0-direct-cost-line-items-update.json']) {
      const text = fixture(name);
      const { version, event } = eventFromPayload(parsePayload(text));
      assert.equal(renderPayload(event, version), text, name);
    }
    assert.deepEqual(eventFromPayload(parsePayload(fixture('v2.0-rfis-update.json'))).event, PROCORE_SAMPLE_EVENT);
    const withSources: ResourceEvent = {
      ...PROCORE_SAMPLE_EVENT,
      metadata: { ...PROCORE_SAMPLE_EVENT.metadata, sourceOperationId: '9223372036854775807', sourceApplicationId: 'b7b2f3c0-app' },
    };
    const text = renderPayload(withSources, 'v2.0');
    assert.ok(text.includes('"source_operation_id":9223372036854775807,"source_company_id":1357908642,"source_application_id":"b7b2f3c0-app"'));
    assert.equal(renderPayload(eventFromPayload(parsePayload(text)).event, 'v2.0'), text);
  });

  it('v4.0: the event id comes from the delivery, the metadata is the relay\'s own, the same bytes come back', () => {
    const text = fixture('v4.0-direct-cost-line-items-update.json');
    const { version, event } = eventFromPayload(parsePayload(text), '6000000000000000000');
    assert.equal(version, 'v4.0');
    assert.equal(event.id, '6000000000000000000');
    assert.equal(event.ulid, '01JMYXMZRBVKK0PC6XS8SA4QRE');
    assert.deepEqual(event.metadata, { sourceUserId: '5447', sourceProjectId: '6778', sourceOperationId: null, sourceCompanyId: '8', sourceApplicationId: null });
    assert.deepEqual(event.relatedResources, []);
    assert.equal(renderPayload(event, 'v4.0'), text);
    const company = fixture('v4.0-projects-create-company-level.json');
    assert.equal(renderPayload(eventFromPayload(parsePayload(company), '5982324300946918155').event, 'v4.0'), company);
    assert.equal(refusal(() => eventFromPayload(parsePayload(text))).field, 'id');
  });

  it('refuses what it could not send on unchanged, naming the field', () => {
    const sample = parsePayload(fixture('v2.0-rfis-update.json')) as Record<string, unknown>;
    const cases: [Record<string, unknown> | unknown, string | undefined, ErrorCode][] = [
      [{ ...sample, api_version: 'v1.0' }, 'api_version', 'HOOKLINE_ERR_INVALID_PAYLOAD_VERSION'],
      [{ ...sample, related_resources: [] }, 'related_resources', 'HOOKLINE_ERR_UNKNOWN_FIELD'],
      [{ ...sample, extra: 1 }, 'extra', 'HOOKLINE_ERR_UNKNOWN_FIELD'],
      [{ ...sample, ulid: 'not-a-ulid' }, 'ulid', 'HOOKLINE_ERR_INVALID_FIELD'],
      [{ ...sample, resource_name: 'Unicorns' }, 'resource_name', 'HOOKLINE_ERR_UNKNOWN_RESOURCE'],
      [{ reason: 'create' }, 'id', 'HOOKLINE_ERR_MISSING_FIELD'],
      [{ hello: 'world' }, 'payload', 'HOOKLINE_ERR_INVALID_FIELD'],
      ['text', 'payload', 'HOOKLINE_ERR_INVALID_FIELD'],
    ];
    for (const [payload, field, code] of cases) {
      const got = refusal(() => eventFromPayload(payload));
      assert.deepEqual([got.code, got.field], [code, field], JSON.stringify(payload));
    }
    const mismatch = refusal(() => eventFromPayload(sample, '5982324300946918999'));
    assert.match(mismatch.message, /delivery is of event 5982324300946918999 but its payload is of event 5982324300946918154/);
  });
});

describe('restoreResourceEvent: an event record checked as strictly as a new event', () => {
  const record = {
    id: '5982324300946918154',
    ulid: '01EDPD2J6SBY1163N77H95GW09',
    timestamp: '2020-07-20T15:22:01.353581Z',
    resource_name: 'RFIs',
    event_type: 'update',
    resource_id: '54321',
    company_id: '1357908642',
    project_id: '2468013579',
    user_id: '987654321',
  };

  it('keeps the id, ULID and timestamp as given; leaves metadata to the relay\'s rule when absent', () => {
    assert.deepEqual(restoreResourceEvent(record), PROCORE_SAMPLE_EVENT);
    const event = restoreResourceEvent({ ...record, user_id: null, timestamp: '2020-07-20T15:22:01Z' });
    assert.equal(event.timestamp, '2020-07-20T15:22:01Z');
    assert.equal(event.metadata.sourceUserId, null);
  });

  it('reads back the record form of every catalogue event, through JSON', () => {
    for (const event of catalogueEvents()) {
      assert.deepEqual(restoreResourceEvent(JSON.parse(JSON.stringify(eventRecord(event))) as Record<string, unknown>), event);
    }
  });

  it('names the field and what to send', () => {
    const cases: [Record<string, unknown>, string, ErrorCode, RegExp][] = [
      [{ ...record, id: undefined }, 'id', 'HOOKLINE_ERR_MISSING_FIELD', /id is required/],
      [{ ...record, id: 9007199254740993 }, 'id', 'HOOKLINE_ERR_INVALID_ID', /send it as a string/],
      [{ ...record, ulid: '01EDPD2J6SBY1163N77H95GW0' }, 'ulid', 'HOOKLINE_ERR_INVALID_FIELD', /26 characters/],
      [{ ...record, timestamp: '2020-02-30T15:22:01Z' }, 'timestamp', 'HOOKLINE_ERR_INVALID_FIELD', /ISO 8601/],
      [{ ...record, timestamp: '2020-07-20 15:22:01' }, 'timestamp', 'HOOKLINE_ERR_INVALID_FIELD', /ISO 8601/],
      [{ ...record, event_type: 'Update' }, 'event_type', 'HOOKLINE_ERR_INVALID_EVENT_TYPE', /use "update"/],
      [{ ...record, resource_name: 'Projects', project_id: '1' }, 'project_id', 'HOOKLINE_ERR_INVALID_FIELD', /company-level/],
      [{ ...record, metadata: { source_user_id: '1', source_unicorn_id: '2' } }, 'metadata.source_unicorn_id', 'HOOKLINE_ERR_UNKNOWN_FIELD', /metadata\.source_user_id/],
      [{ ...record, related_resources: [{ id: '1' }] }, 'related_resources[0].name', 'HOOKLINE_ERR_INVALID_FIELD', /Direct Costs/],
    ];
    for (const [input, field, code, message] of cases) {
      const got = refusal(() => restoreResourceEvent(input));
      assert.deepEqual([got.code, got.field], [code, field], JSON.stringify(input));
      assert.match(got.message, message);
    }
  });

  it('reads ULIDs and timestamps by format', () => {
    assert.equal(parseUlid('01JMYXMZRBVKK0PC6XS8SA4QRE', 'ulid'), '01JMYXMZRBVKK0PC6XS8SA4QRE');
    assert.throws(() => parseUlid('01JMYXMZRBVKK0PC6XS8SA4QRI', 'ulid'), /Crockford/, 'I is not Crockford base32');
    assert.throws(() => parseUlid('81JMYXMZRBVKK0PC6XS8SA4QRE', 'ulid'), /ULID/, 'beyond 128 bits');
    const made = formatEventTimestamp(Date.parse('2025-02-25T16:04:43.619Z'), 85);
    assert.equal(parseEventTimestamp(made, 'timestamp'), '2025-02-25T16:04:43.619085Z');
    assert.equal(parseEventTimestamp('2025-02-25T17:04:43.619085+01:00', 'timestamp'), '2025-02-25T17:04:43.619085+01:00');
    assert.throws(() => parseEventTimestamp('2025-02-25T24:00:00Z', 'timestamp'), /ISO 8601/);
  });
});
