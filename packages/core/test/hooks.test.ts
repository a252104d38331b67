import assert from 'node:assert/strict';
import { DEFAULT_NAMESPACE, canDeliver, maskSecret, toPublicHook, triggerGridFromTriggers } from '../src/hooks.js';
import type { Hook } from '../src/model.js';

describe('hooks', () => {
  it('uses "hookline" as the default namespace', () => {
    assert.equal(DEFAULT_NAMESPACE, 'hookline');
  });

  describe('maskSecret', () => {
    it('shows only the last 5 characters of a long secret, with at most 8 bullets', () => {
      assert.equal(maskSecret('Bearer 3f9c2a71b6d04e8a1b2c'), '••••••••a1b2c');
      assert.equal(maskSecret('Bearer 3f9c2a71b6d04e8a1b2c'.repeat(10))?.length, 13);
    });

    it('uses one bullet per hidden character below the cap', () => {
      assert.equal(maskSecret('abcdef'), '•bcdef');
      assert.equal(maskSecret('Basic abcdefg'), '••••••••cdefg');
      assert.equal(maskSecret('Token abcde'), '••••••abcde');
    });

    it('masks a secret of 5 characters or fewer entirely', () => {
      assert.equal(maskSecret('abcde'), '••••••••');
      assert.equal(maskSecret('x'), '••••••••');
      assert.ok(!maskSecret('abcde')?.includes('a'));
    });

    it('counts characters, not UTF-16 units', () => {
      assert.equal(maskSecret('secret-😀😀😀😀😀'), '•••••••😀😀😀😀😀');
    });

    it('gives null when there is no secret', () => {
      assert.equal(maskSecret(null), null);
      assert.equal(maskSecret(undefined), null);
      assert.equal(maskSecret(''), null);
    });
  });

  it('delivers only to an active hook with an endpoint', () => {
    const table = [
      { status: 'active', destinationUrl: 'https://example.com/hooks', deliver: true },
      { status: 'active', destinationUrl: null, deliver: false },
      { status: 'disabled', destinationUrl: 'https://example.com/hooks', deliver: false },
      { status: 'disabled', destinationUrl: null, deliver: false },
    ] as const;
    for (const { deliver, ...hook } of table) assert.equal(canDeliver(hook), deliver, JSON.stringify(hook));
    assert.equal(canDeliver(undefined), false);
  });

  it('toPublicHook masks the authorization and keeps everything else', () => {
    const hook: Hook = {
      id: 7,
      namespace: 'hookline',
      destinationUrl: 'https://example.com/hooks',
      authorization: 'Bearer 0123456789abcdef',
      payloadVersion: 'v2.0',
      status: 'active',
      companyId: '1357908642',
      projectId: null,
      createdAt: '2025-01-01T00:00:00.000Z',
      updatedAt: '2025-01-02T00:00:00.000Z',
    };
    assert.deepEqual(toPublicHook(hook), { ...hook, authorization: '••••••••bcdef' });
    assert.equal(hook.authorization, 'Bearer 0123456789abcdef');
    assert.equal(toPublicHook({ ...hook, authorization: null }).authorization, null);
  });

  it('triggerGridFromTriggers groups, dedupes and orders create, update, delete', () => {
    const grid = triggerGridFromTriggers([
      { resourceName: 'RFIs', eventType: 'delete' },
      { resourceName: 'Bids', eventType: 'update' },
      { resourceName: 'RFIs', eventType: 'create' },
      { resourceName: 'RFIs', eventType: 'update' },
      { resourceName: 'RFIs', eventType: 'create' },
      { resourceName: 'Projects', eventType: 'update' },
      { resourceName: 'Projects', eventType: 'create' },
    ]);
    assert.deepEqual(grid, { Bids: ['update'], Projects: ['create', 'update'], RFIs: ['create', 'update', 'delete'] });
    assert.deepEqual(Object.keys(grid), ['Bids', 'Projects', 'RFIs']);
    assert.deepEqual(triggerGridFromTriggers([]), {});
  });
});
