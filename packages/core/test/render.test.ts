import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isLosslessNumber, parse, stringify } from 'lossless-json';
import { HooklineError } from '../src/errors.js';
import type { PayloadVersion, ResourceEvent } from '../src/model.js';
import { parsePayload, renderPayload } from '../src/payloads/render.js';
import { PROCORE_SAMPLE_EVENT } from './support/sample-event.js';

function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8');
}

const rfisUpdate: ResourceEvent = PROCORE_SAMPLE_EVENT;

const directCostLineItemUpdate: ResourceEvent = {
  ...rfisUpdate,
  resourceName: 'Direct Cost Line Items',
  resourceId: '379913',
  relatedResources: [{ id: '1234', name: 'Direct Costs' }],
};

/** Procore's documented v4.0 sample as an event (the 64-bit id does not appear in v4.0). */
const v4Sample: ResourceEvent = {
  id: '6000000000000000000',
  ulid: '01JMYXMZRBVKK0PC6XS8SA4QRE',
  timestamp: '2025-02-25T16:04:43.619085Z',
  resourceName: 'Direct Cost Line Items',
  resourceId: '379913',
  eventType: 'update',
  companyId: '8',
  projectId: '6778',
  userId: '5447',
  metadata: { sourceUserId: '5447', sourceProjectId: '6778', sourceOperationId: null, sourceCompanyId: '8', sourceApplicationId: null },
  relatedResources: [{ id: '1234', name: 'Direct Costs' }],
};

const projectsCreate: ResourceEvent = {
  ...rfisUpdate,
  id: '5982324300946918155',
  ulid: '01EDPD2J6SBY1163N77H95GW0A',
  resourceName: 'Projects',
  resourceId: '2468013579',
  eventType: 'create',
  projectId: null,
  metadata: { ...rfisUpdate.metadata, sourceProjectId: null },
};

describe('renderPayload', () => {
  it('v2.0: Procore\'s documented sample, byte for byte', () => {
    const expected = fixture('v2.0-rfis-update.json');
    assert.ok(expected.startsWith('{"id":5982324300946918154,"ulid"'));
    assert.equal(renderPayload(rfisUpdate, 'v2.0'), expected);
  });

  it('v3.0: adds related_resources last', () => {
    assert.equal(renderPayload(directCostLineItemUpdate, 'v3.0'), fixture('v3.0-direct-cost-line-items-update.json'));
    assert.ok(renderPayload(rfisUpdate, 'v3.0').endsWith('"api_version":"v3.0","event_type":"update","resource_name":"RFIs","resource_id":54321,"related_resources":[]}'));
  });

  it('v4.0: Procore\'s documented sample, byte for byte, every id a string', () => {
    assert.equal(renderPayload(v4Sample, 'v4.0'), fixture('v4.0-direct-cost-line-items-update.json'));
  });

  it('company-level resources carry project_id null', () => {
    assert.equal(renderPayload(projectsCreate, 'v2.0'), fixture('v2.0-projects-create-company-level.json'));
    assert.equal(renderPayload(projectsCreate, 'v4.0'), fixture('v4.0-projects-create-company-level.json'));
  });

  it('keeps a 64-bit id exact, as a bare JSON number', () => {
    const body = renderPayload(rfisUpdate, 'v2.0');
    assert.ok(body.includes('"id":5982324300946918154,'));
    assert.ok(!body.includes('5982324300946918000'));
    assert.equal(Number('5982324300946918154').toString(), '5982324300946918000');
    const max = renderPayload({ ...rfisUpdate, id: '9223372036854775807', resourceId: '9223372036854775806' }, 'v3.0');
    assert.ok(max.startsWith('{"id":9223372036854775807,'));
    assert.ok(max.includes('"resource_id":9223372036854775806,'));
  });

  it('parsePayload reads the ids back exactly', () => {
    const parsed = parsePayload(renderPayload(directCostLineItemUpdate, 'v3.0')) as Record<string, unknown>;
    assert.ok(isLosslessNumber(parsed.id));
    assert.equal(String(parsed.id), '5982324300946918154');
    assert.equal(parsed.api_version, 'v3.0');
    assert.equal(parsed.project_id?.toString(), '2468013579');
    const related = parsed.related_resources as { id: unknown; name: string }[];
    assert.equal(String(related[0]?.id), '1234');
    assert.equal(related[0]?.name, 'Direct Costs');
  });

  it('refuses an id that would not be a valid JSON number', () => {
    for (const bad of ['01', '1e3', '-1', '1.0', '']) {
      assert.throws(
        () => renderPayload({ ...rfisUpdate, resourceId: bad }, 'v2.0'),
        (err: unknown) => err instanceof HooklineError && err.code === 'HOOKLINE_ERR_INVALID_ID' && err.field === 'resource_id',
      );
    }
  });

  it("writes what lossless-json writes, whatever the strings hold (quotes, escapes, control characters, emoji)", () => {
    const awkward = ['Direct "Cost" \\ Items', 'tab\tnew\nline\u0000nul', 'ünïcødé ✓ 🏗️', '\u2028\u2029', ''];
    const versions: PayloadVersion[] = ['v2.0', 'v3.0', 'v4.0'];
    for (const name of awkward) {
      for (const version of versions) {
        const event: ResourceEvent = { ...directCostLineItemUpdate, resourceName: name, relatedResources: [{ id: '9007199254740993', name }, { id: '1', name: 'x' }] };
        const text = renderPayload(event, version);
        assert.equal(stringify(parse(text)), text, `${version} ${JSON.stringify(name)}`);
      }
    }
  });

  it('refuses an unknown payload version', () => {
    assert.throws(
      () => renderPayload(rfisUpdate, 'v1.0' as PayloadVersion),
      (err: unknown) =>
        err instanceof HooklineError &&
        err.code === 'HOOKLINE_ERR_INVALID_PAYLOAD_VERSION' &&
        err.message === 'Payload version "v1.0" is not v2.0, v3.0 or v4.0.',
    );
  });
});
