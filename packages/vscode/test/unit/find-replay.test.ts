import assert from 'node:assert/strict';
import { EVERY_DELIVERY } from '@hookline/webui/client';
import { describeTreeFilter } from '../../src/deliveries/delivery-format.js';

describe('the Deliveries tree filter, described', () => {
  it('names the failures filter and the resource id, and nothing when unfiltered', () => {
    assert.equal(describeTreeFilter(EVERY_DELIVERY), undefined);
    assert.equal(describeTreeFilter({ ...EVERY_DELIVERY, failuresOnly: true }), 'Failures only');
    assert.equal(describeTreeFilter({ ...EVERY_DELIVERY, resourceId: '54321' }), 'resource 54321');
    assert.equal(describeTreeFilter({ ...EVERY_DELIVERY, failuresOnly: true, resourceId: '54321' }), 'Failures only · resource 54321');
  });
});
