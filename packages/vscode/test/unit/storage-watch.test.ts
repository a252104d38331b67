import assert from 'node:assert/strict';
import type { PushMessage } from '@hookline/core';
import { storageLook, watchStorage, type StorageLook } from '../../src/status/storage-watch.js';

describe('the relay storage in the status bar', () => {
  it('says "Storage full" with the relay\'s reason while degraded, and nothing while it writes', () => {
    assert.equal(storageLook(undefined), null);
    assert.equal(storageLook({ status: 'ok' }), null);
    const look = storageLook({ status: 'degraded', reason: 'The relay cannot write to its data dir /d: the disk is full (0 bytes free).' });
    assert.equal(look?.text, '$(warning) Hookline: Storage full');
    assert.match(look?.tooltip ?? '', /cannot write to its data dir \/d/);
  });

  it('follows the hello of each connection and relay.storage pushes', () => {
    let listener: (message: PushMessage) => void = () => {};
    let unsubscribed = false;
    const shown: (StorageLook | null)[] = [];
    const stop = watchStorage({ onPush: (l) => ((listener = l), () => (unsubscribed = true)) }, (look) => shown.push(look));
    listener({ type: 'hello', protocol: 1, relayVersion: '0.1.0', lastSeq: 0, storage: { status: 'degraded', reason: 'full' } });
    listener({ type: 'hook.deleted', hookId: 3 });
    listener({ type: 'relay.storage', storage: { status: 'ok' } });
    listener({ type: 'hello', protocol: 1, relayVersion: '0.0.9', lastSeq: 0 });
    assert.deepEqual(shown.map((look) => look?.tooltip ?? null), ['full', null, null]);
    stop();
    assert.equal(unsubscribed, true);
  });
});
