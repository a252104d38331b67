import assert from 'node:assert/strict';
import { DEFAULT_SEND_TIMEOUT_MS, isSuccessStatus } from '../src/delivery/attempt.js';

describe('attempt outcome', () => {
  it('counts exactly the 2xx answers as success', () => {
    const ok = [100, 199, 200, 201, 204, 226, 299, 300, 301, 304, 400, 404, 500, 503].filter(isSuccessStatus);
    assert.deepEqual(ok, [200, 201, 204, 226, 299]);
    assert.equal(isSuccessStatus(null), false, 'no answer is no success');
  });

  it('gives one try 5 s by default', () => {
    assert.equal(DEFAULT_SEND_TIMEOUT_MS, 5000);
  });
});
