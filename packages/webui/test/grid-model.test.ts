import assert from 'node:assert/strict';
import type { ResourceDefinition } from '@hookline/core';
import { GridModel, flattenGroups } from '../src/grid/grid-model.js';

const RESOURCES: ResourceDefinition[] = [
  { name: 'Bids', scope: 'company', eventTypes: ['update'] },
  { name: 'Company Users', scope: 'company', eventTypes: ['create', 'update'] },
  { name: 'Change Types', scope: 'company', eventTypes: ['create', 'update', 'delete'] },
  { name: 'RFIs', scope: 'project', eventTypes: ['create', 'update', 'delete'] },
  { name: 'Change Events', scope: 'project', eventTypes: ['create', 'update', 'delete'] },
  { name: 'Projects', scope: 'company', eventTypes: ['create', 'update'] },
];

describe('GridModel', () => {
  it('groups every resource by scope, company first, in catalogue order', () => {
    const groups = new GridModel(RESOURCES).filter('');
    assert.deepEqual(groups.map((g) => g.scope), ['company', 'project']);
    assert.deepEqual(groups[0]?.rows.map((r) => r.name), ['Bids', 'Company Users', 'Change Types', 'Projects']);
    assert.deepEqual(groups[1]?.rows.map((r) => r.name), ['RFIs', 'Change Events']);
  });

  it('filters case-insensitively on every word and drops empty groups', () => {
    const model = new GridModel(RESOURCES);
    assert.deepEqual(flattenGroups(model.filter('  change ')).map((r) => r.name), ['Change Types', 'Change Events']);
    assert.deepEqual(flattenGroups(model.filter('CHANGE ev')).map((r) => r.name), ['Change Events']);
    assert.deepEqual(model.filter('rfi').map((g) => g.scope), ['project']);
    assert.deepEqual(model.filter('nothing like this'), []);
  });

  it('disables the cells a resource does not offer, and never shows them checked', () => {
    const model = new GridModel(RESOURCES);
    model.setGrid({ Bids: ['create', 'update'] });
    assert.deepEqual(model.cell('Bids', 'create'), { offered: false, checked: false, pending: false });
    assert.deepEqual(model.cell('Bids', 'update'), { offered: true, checked: true, pending: false });
    assert.equal(model.cell('Unknown', 'update').offered, false);
  });

  it('shows a pending wish until the last answer for that cell, then what the relay confirmed', () => {
    const model = new GridModel(RESOURCES);
    model.beginToggle('RFIs', 'create', true);
    model.beginToggle('RFIs', 'create', false);
    assert.deepEqual(model.cell('RFIs', 'create'), { offered: true, checked: false, pending: true });
    model.confirm('RFIs', ['create']);
    model.endToggle('RFIs', 'create');
    assert.equal(model.cell('RFIs', 'create').pending, true, 'one request is still out');
    model.confirm('RFIs', []);
    model.endToggle('RFIs', 'create');
    assert.deepEqual(model.cell('RFIs', 'create'), { offered: true, checked: false, pending: false });
  });

  it('reverts to the confirmed value when a toggle is refused', () => {
    const model = new GridModel(RESOURCES);
    model.setGrid({ RFIs: ['update'] });
    model.beginToggle('RFIs', 'update', false);
    assert.equal(model.cell('RFIs', 'update').checked, false);
    model.endToggle('RFIs', 'update');
    assert.equal(model.cell('RFIs', 'update').checked, true);
  });

  it('keeps a pending wish over a push that arrives before the answer', () => {
    const model = new GridModel(RESOURCES);
    model.beginToggle('RFIs', 'delete', true);
    model.setGrid({});
    assert.equal(model.cell('RFIs', 'delete').checked, true);
  });

  it('column state counts only offered cells of the rows in view', () => {
    const model = new GridModel(RESOURCES);
    const company = flattenGroups(model.filter('')).filter((r) => r.scope === 'company');
    assert.equal(model.columnState('delete', company), 'none');
    model.setGrid({ 'Change Types': ['delete'] });
    assert.equal(model.columnState('delete', company), 'all', 'Change Types is the only company row offering delete');
    assert.equal(model.columnState('create', company), 'none');
    model.setGrid({ 'Company Users': ['create'] });
    assert.equal(model.columnState('create', company), 'mixed');
    assert.equal(model.columnState('delete', flattenGroups(model.filter('bids'))), 'unavailable');
  });

  it('plans select-all within the filter only, skipping unavailable and already-set cells', () => {
    const model = new GridModel(RESOURCES);
    model.setGrid({ 'Change Types': ['create'] });
    const rows = flattenGroups(model.filter('change'));
    assert.deepEqual(model.planColumn('create', rows, true), ['Change Events']);
    assert.deepEqual(model.planColumn('create', rows, false), ['Change Types']);
    assert.deepEqual(model.planColumn('delete', flattenGroups(model.filter('')), true), ['Change Types', 'RFIs', 'Change Events']);
  });

  it('tests the first event type switched on, else the first offered', () => {
    const model = new GridModel(RESOURCES);
    assert.equal(model.testEventType('Bids'), 'update');
    assert.equal(model.testEventType('RFIs'), 'create');
    model.setGrid({ RFIs: ['delete'] });
    assert.equal(model.testEventType('RFIs'), 'delete');
    assert.equal(model.testEventType('Nope'), undefined);
  });
});
