import assert from 'node:assert/strict';
import { HooklineError } from '@hookline/core';
import { decodeCursor, encodeCursor } from '../src/store/cursor.js';

describe('store: keyset cursors', () => {
  it('round-trips an id through an opaque base64url string', () => {
    for (const id of [1, 25, 123456789, Number.MAX_SAFE_INTEGER]) {
      const cursor = encodeCursor(id);
      assert.match(cursor, /^[A-Za-z0-9_-]+$/);
      assert.equal(decodeCursor(cursor), id);
    }
  });

  it('refuses anything that is not a cursor it issued, with HOOKLINE_ERR_INVALID_CURSOR', () => {
    const bad = ['', 'abc', '25', Buffer.from('d:0').toString('base64url'), Buffer.from('d:-1').toString('base64url'),
      Buffer.from('d:12x').toString('base64url'), Buffer.from('x:12').toString('base64url'), `${encodeCursor(12)}=`, 'a'.repeat(200),
      Buffer.from('d:99999999999999999').toString('base64url')];
    for (const cursor of bad) {
      assert.throws(() => decodeCursor(cursor), (error: unknown) => error instanceof HooklineError && error.code === 'HOOKLINE_ERR_INVALID_CURSOR' && error.field === 'cursor', cursor);
    }
  });
});
