import assert from 'node:assert/strict';
import { HooklineError } from '../src/errors.js';
import { LINE_ITEM_PARENTS, createResourceEvent, type CreateResourceEventDeps } from '../src/events/create-event.js';
import { findResource } from '../src/resources/catalogue.js';
import { renderPayload } from '../src/payloads/render.js';
import { PROCORE_SAMPLE_EVENT } from './support/sample-event.js';

function deps(overrides: Partial<CreateResourceEventDeps> = {}): CreateResourceEventDeps {
  let resourceId = 1000;
  return {
    nextId: () => '5982324300946918154',
    nextUlid: () => '01EDPD2J6SBY1163N77H95GW09',
    now: () => Date.parse('2020-07-20T15:22:01.353Z') + 0.581,
    defaults: { companyId: '1357908642', projectId: '2468013579', userId: '987654321' },
    nextResourceId: () => String(++resourceId),
    ...overrides,
  };
}

function caught(fn: () => unknown): HooklineError {
  try {
    fn();
  } catch (err) {
    assert.ok(err instanceof HooklineError, String(err));
    return err;
  }
  assert.fail('expected a throw');
}

describe('createResourceEvent', () => {
  it('builds a project-level event that renders as Procore\'s v2.0 sample', () => {
    const event = createResourceEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: 54321 }, deps());
    assert.deepEqual(event, PROCORE_SAMPLE_EVENT);
    assert.ok(renderPayload(event, 'v2.0').startsWith('{"id":5982324300946918154,"ulid":"01EDPD2J6SBY1163N77H95GW09","timestamp":"2020-07-20T15:22:01.353581Z"'));
  });

  it('uses given ids (strings or safe numbers) over the defaults, and mirrors them in metadata', () => {
    const event = createResourceEvent(
      { resourceName: 'Submittals', eventType: 'create', resourceId: '77', projectId: '6778', companyId: 8, userId: '5447' },
      deps(),
    );
    assert.equal(event.resourceId, '77');
    assert.equal(event.projectId, '6778');
    assert.equal(event.companyId, '8');
    assert.equal(event.userId, '5447');
    assert.deepEqual(event.metadata, { sourceUserId: '5447', sourceProjectId: '6778', sourceOperationId: null, sourceCompanyId: '8', sourceApplicationId: null });
  });

  it('makes up a resource id when none is given, and requires one when it cannot', () => {
    assert.equal(createResourceEvent({ resourceName: 'RFIs', eventType: 'create' }, deps()).resourceId, '1001');
    const err = caught(() => createResourceEvent({ resourceName: 'RFIs', eventType: 'create' }, deps({ nextResourceId: undefined })));
    assert.equal(err.code, 'HOOKLINE_ERR_MISSING_FIELD');
    assert.equal(err.field, 'resource_id');
    assert.equal(err.message, 'resource_id is required: give the id of the resource that changed.');
  });

  it('gives company-level resources a null project id', () => {
    const event = createResourceEvent({ resourceName: 'Projects', eventType: 'create', resourceId: '2468013579' }, deps());
    assert.equal(event.projectId, null);
    assert.equal(event.metadata.sourceProjectId, null);
    assert.ok(renderPayload(event, 'v2.0').includes('"project_id":null,"api_version":"v2.0"'));
  });

  it('rejects a project_id for a company-level resource, explaining why', () => {
    const err = caught(() => createResourceEvent({ resourceName: 'Bids', eventType: 'update', projectId: '6778' }, deps()));
    assert.equal(err.code, 'HOOKLINE_ERR_INVALID_FIELD');
    assert.equal(err.field, 'project_id');
    assert.equal(err.message, '"Bids" is a company-level resource: its events carry no project_id (Procore sends null). Leave project_id out.');
    assert.equal(createResourceEvent({ resourceName: 'Bids', eventType: 'update', projectId: null }, deps()).projectId, null);
  });

  it('checks the resource, the event type and every id', () => {
    assert.equal(caught(() => createResourceEvent({ resourceName: 'RFI', eventType: 'update' }, deps())).code, 'HOOKLINE_ERR_UNKNOWN_RESOURCE');
    assert.equal(caught(() => createResourceEvent({ resourceName: 'Bids', eventType: 'create' }, deps())).code, 'HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED');
    assert.equal(caught(() => createResourceEvent({ resourceName: 'RFIs', eventType: 'Update' }, deps())).code, 'HOOKLINE_ERR_INVALID_EVENT_TYPE');
    for (const [key, field] of [['resourceId', 'resource_id'], ['projectId', 'project_id'], ['companyId', 'company_id'], ['userId', 'user_id']] as const) {
      const err = caught(() => createResourceEvent({ resourceName: 'RFIs', eventType: 'update', [key]: '-1' }, deps()));
      assert.equal(err.code, 'HOOKLINE_ERR_INVALID_ID');
      assert.equal(err.field, field);
    }
  });

  it('fills the parent of a line item as Procore v3.0 does, and keeps given related resources', () => {
    const event = createResourceEvent({ resourceName: 'Direct Cost Line Items', eventType: 'update', resourceId: '379913' }, deps());
    assert.deepEqual(event.relatedResources, [{ id: '1001', name: 'Direct Costs' }]);
    assert.ok(renderPayload(event, 'v3.0').endsWith('"resource_name":"Direct Cost Line Items","resource_id":379913,"related_resources":[{"id":1001,"name":"Direct Costs"}]}'));

    const given = createResourceEvent(
      { resourceName: 'Direct Cost Line Items', eventType: 'update', resourceId: '379913', relatedResources: [{ id: '1234', name: 'Direct Costs' }] },
      deps(),
    );
    assert.deepEqual(given.relatedResources, [{ id: '1234', name: 'Direct Costs' }]);
    const none = createResourceEvent({ resourceName: 'Direct Cost Line Items', eventType: 'update', resourceId: '1', relatedResources: [] }, deps());
    assert.deepEqual(none.relatedResources, []);
    assert.deepEqual(createResourceEvent({ resourceName: 'RFIs', eventType: 'update', resourceId: '1' }, deps()).relatedResources, []);
    assert.deepEqual(
      createResourceEvent({ resourceName: 'Prime Contract Line Items', eventType: 'create', resourceId: '9' }, deps({ nextResourceId: undefined })).relatedResources,
      [],
    );
  });

  it('maps exactly the five documented line-item resources to catalogue parents', () => {
    assert.equal(Object.keys(LINE_ITEM_PARENTS).length, 5);
    for (const [item, parent] of Object.entries(LINE_ITEM_PARENTS)) {
      assert.equal(findResource(item)?.scope, 'project', item);
      assert.equal(findResource(parent)?.scope, 'project', parent);
    }
  });

  it('checks given related resources', () => {
    const err = caught(() =>
      createResourceEvent({ resourceName: 'Direct Cost Line Items', eventType: 'update', resourceId: '1', relatedResources: [{ id: '1.5', name: 'Direct Costs' }] }, deps()),
    );
    assert.equal(err.field, 'related_resources[0].id');
    const nameErr = caught(() =>
      createResourceEvent({ resourceName: 'Direct Cost Line Items', eventType: 'update', resourceId: '1', relatedResources: [{ id: '2', name: '' }] }, deps()),
    );
    assert.equal(nameErr.field, 'related_resources[0].name');
    assert.equal(nameErr.message, 'related_resources[0].name must be a resource name such as "Direct Costs".');
  });
});
