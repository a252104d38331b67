import assert from 'node:assert/strict';
import { parseScenarioJson, validateScenario, type ScenarioIssue } from '../src/check/scenario-file.js';

function issues(value: unknown): ScenarioIssue[] {
  const result = validateScenario(value);
  assert.equal(result.ok, false);
  return result.ok ? [] : result.issues;
}

const valid = { name: 'my-flow', events: [{ resource_name: 'RFIs', event_type: 'create' }] };

describe('scenario files', () => {
  it('accepts a whole scenario and fills in the defaults', () => {
    const result = validateScenario({
      name: 'my-flow',
      description: 'two RFIs',
      concurrent: true,
      events: [
        { resource_name: 'RFIs', event_type: 'create', resource_id: '1001', project_id: 42, delay_ms: 100, copies: 2, name: 'first', expect: { status: [200, 204], max_duration_ms: 900 } },
        { resource_name: 'Projects', event_type: 'update' },
      ],
    });
    assert.ok(result.ok);
    assert.deepEqual(result.scenario, {
      name: 'my-flow',
      description: 'two RFIs',
      concurrent: true,
      events: [
        { resourceName: 'RFIs', eventType: 'create', resourceId: '1001', projectId: '42', delayMs: 100, copies: 2, label: 'first', expect: { status: [200, 204], maxDurationMs: 900 } },
        { resourceName: 'Projects', eventType: 'update', delayMs: 0, copies: 1 },
      ],
    });
    assert.equal(validateScenario({ ...valid, events: [{ resource_name: 'RFIs', event_type: 'create', expect: { status: 204 } }] }).ok, true);
  });

  it('names the field and what is allowed', () => {
    const found = issues({
      name: 'My Flow',
      colour: 'red',
      events: [
        { resource_name: 'RFI', event_type: 'create' },
        { resource_name: 'Bids', event_type: 'create', copies: 0 },
        { resource_name: 'Projects', event_type: 'update', project_id: '5', delay_ms: -1 },
        { resource_name: 'RFIs', event_type: 'update', expect: { status: [302] }, retries: 3 },
      ],
    });
    const byField = Object.fromEntries(found.map((i) => [i.field, i.message]));
    assert.match(byField.name ?? '', /lowercase a-z, 0-9 and -.*got "My Flow"/);
    assert.match(byField.colour ?? '', /allowed: name, description, concurrent, events/);
    assert.match(byField['events[0].resource_name'] ?? '', /Did you mean "RFIs"/);
    assert.match(byField['events[1].event_type'] ?? '', /"Bids" offers update; got "create"/);
    assert.match(byField['events[1].copies'] ?? '', /from 1 to 10; got 0/);
    assert.match(byField['events[2].project_id'] ?? '', /company resource/);
    assert.match(byField['events[2].delay_ms'] ?? '', /from 0 to 60000/);
    assert.match(byField['events[3].expect.status'] ?? '', /2xx/);
    assert.match(byField['events[3].retries'] ?? '', /allowed: resource_name, event_type/);
  });

  it('refuses what is not a scenario at all', () => {
    assert.match(issues([])[0]?.message ?? '', /JSON object/);
    assert.equal(issues({ name: 'x', events: [] })[0]?.field, 'events');
    assert.match(issues({ name: 'x', events: [{ resource_name: 'RFIs', event_type: 'make' }] })[0]?.message ?? '', /offers create, update, delete/);
    assert.match(issues({ name: 'x', events: [{ resource_name: 'RFIs', event_type: 'create', resource_id: 1.5 }] })[0]?.message ?? '', /positive whole number/);
    const broken = parseScenarioJson('{"name": ');
    assert.ok(!broken.ok && broken.issues[0]?.field === '(file)' && /not valid JSON/.test(broken.issues[0].message));
    assert.ok(parseScenarioJson(JSON.stringify(valid)).ok);
  });

  it('caps the number of issues reported', () => {
    const events = Array.from({ length: 50 }, () => ({ resource_name: 'Nope', event_type: 'x' }));
    assert.equal(issues({ name: 'x', events }).length, 20);
  });
});
