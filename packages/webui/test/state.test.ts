import assert from 'node:assert/strict';
import { INITIAL_STATE, StateKeeper, readState } from '../src/state.js';

describe('UI state', () => {
  it('reads what a host kept, defensively', () => {
    assert.deepEqual(readState({ search: 'rfi', hookId: 3, scrollTop: 120.4 }), { search: 'rfi', hookId: 3, scrollTop: 120 });
    assert.deepEqual(readState(null), INITIAL_STATE);
    assert.deepEqual(readState('x'), INITIAL_STATE);
    assert.deepEqual(readState({ search: 5, hookId: -1, scrollTop: Number.NaN }), INITIAL_STATE);
    assert.deepEqual(readState({ hookId: 1.5 }).hookId, null);
    assert.equal(readState({ search: 'x'.repeat(500) }).search.length, 200);
  });

  it('reports a burst of changes once, and nothing when nothing changed', async () => {
    const reported: unknown[] = [];
    const keeper = new StateKeeper({ search: 'a' }, (s) => reported.push(s), 10);
    keeper.update({ search: 'ab' });
    keeper.update({ scrollTop: 40 });
    keeper.update({ scrollTop: 80 });
    await new Promise((r) => setTimeout(r, 30));
    assert.deepEqual(reported, [{ search: 'ab', hookId: null, scrollTop: 80 }]);
    keeper.update({ scrollTop: 80 });
    keeper.flush();
    assert.equal(reported.length, 1);
    keeper.update({ hookId: 2 });
    keeper.dispose();
    assert.deepEqual(reported[1], { search: 'ab', hookId: 2, scrollTop: 80 });
  });
});
