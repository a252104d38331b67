import assert from 'node:assert/strict';
import { HooklineError } from '../src/errors.js';
import { RESOURCES, getResource } from '../src/resources/catalogue.js';
import { BUILT_IN_SCENARIOS, BURST_SIZE, DEFAULT_SCENARIOS, FAN_OUT_PROJECT_IDS, buildScenario } from '../src/check/built-in-scenarios.js';
import { checkName } from '../src/check/scenario.js';

const none = { resources: [] };

describe('built-in scenarios', () => {
  it('has the seven documented names, the defaults among them', () => {
    assert.deepEqual(BUILT_IN_SCENARIOS.map((s) => s.name), ['smoke', 'duplicates', 'out-of-order', 'company-level', 'burst', 'fan-out', 'all-resources']);
    for (const name of DEFAULT_SCENARIOS) assert.ok(BUILT_IN_SCENARIOS.some((s) => s.name === name));
    for (const s of BUILT_IN_SCENARIOS) assert.ok(s.description.length > 10, s.name);
  });

  it('only ever sends event types a resource offers, with a project only for project resources', () => {
    for (const s of BUILT_IN_SCENARIOS) {
      const scenario = s.build(none);
      assert.equal(scenario.description, s.description);
      assert.ok(scenario.events.length > 0, s.name);
      for (const e of scenario.events) {
        const resource = getResource(e.resourceName);
        assert.ok(resource.eventTypes.includes(e.eventType), `${s.name}: ${e.resourceName}.${e.eventType}`);
        if (resource.scope === 'company') assert.equal(e.projectId, undefined);
      }
    }
  });

  it('smoke: create, update and delete where offered, per resource', () => {
    const smoke = buildScenario('smoke', { resources: ['RFIs', 'Projects'] });
    assert.deepEqual(smoke.events.map((e) => checkName(e, 1)), ['RFIs.create', 'RFIs.update', 'RFIs.delete', 'Projects.create', 'Projects.update']);
    assert.equal(smoke.concurrent, false);
    assert.equal(new Set(smoke.events.filter((e) => e.resourceName === 'RFIs').map((e) => e.resourceId)).size, 1);
  });

  it('duplicates sends two copies; out-of-order an update before the create of one record', () => {
    const dup = buildScenario('duplicates', none);
    assert.deepEqual(dup.events.map((e) => [e.resourceName, e.eventType, e.copies]), [['RFIs', 'update', 2]]);
    assert.equal(checkName(dup.events[0]!, 2), 'RFIs.update copy 2');
    const ooo = buildScenario('out-of-order', { resources: ['Bids', 'Submittals'] });
    assert.deepEqual(ooo.events.map((e) => e.eventType), ['update', 'create']);
    assert.equal(ooo.events[0]?.resourceId, ooo.events[1]?.resourceId);
    assert.equal(ooo.events[0]?.resourceName, 'Submittals', 'Bids offers no create: left out');
  });

  it('company-level takes the company resources named, or its defaults', () => {
    const chosen = buildScenario('company-level', { resources: ['RFIs', 'Offices'] });
    assert.deepEqual([...new Set(chosen.events.map((e) => e.resourceName))], ['Offices']);
    const defaults = buildScenario('company-level', { resources: ['RFIs'] });
    assert.ok(defaults.events.every((e) => getResource(e.resourceName).scope === 'company'));
    assert.ok(defaults.events.length >= 3);
  });

  it('burst and fan-out are concurrent; fan-out is one record in each project', () => {
    const burst = buildScenario('burst', none);
    assert.equal(burst.events.length, BURST_SIZE);
    assert.ok(burst.concurrent);
    assert.equal(new Set(burst.events.map((e) => e.resourceId)).size, BURST_SIZE);
    const fan = buildScenario('fan-out', none);
    assert.ok(fan.concurrent);
    assert.deepEqual(fan.events.map((e) => e.projectId), [...FAN_OUT_PROJECT_IDS]);
    assert.equal(new Set(fan.events.map((e) => e.resourceId)).size, 1);
  });

  it('all-resources covers the whole catalogue', () => {
    const all = buildScenario('all-resources', none);
    assert.equal(all.events.length, RESOURCES.reduce((n, r) => n + r.eventTypes.length, 0));
  });

  it('an unknown name or resource is a coded error that says what to use', () => {
    assert.throws(() => buildScenario('smok', none), (e: unknown) => e instanceof HooklineError && e.code === 'HOOKLINE_ERR_UNKNOWN_SCENARIO' && /use smoke, duplicates/.test(e.message));
    assert.throws(() => buildScenario('smoke', { resources: ['RFI'] }), (e: unknown) => e instanceof HooklineError && e.code === 'HOOKLINE_ERR_UNKNOWN_RESOURCE' && /RFIs/.test(e.message));
  });
});
