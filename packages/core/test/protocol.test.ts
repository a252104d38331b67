import assert from 'node:assert/strict';
import {
  PROTOCOL_VERSION,
  REQUEST_TYPES,
  isClientRequest,
  isErrorMessage,
  isPushMessage,
  isReplyMessage,
  isRequestType,
  isServerMessage,
} from '../src/protocol.js';

describe('protocol guards', () => {
  it('is version 1 with unique request types', () => {
    assert.equal(PROTOCOL_VERSION, 1);
    assert.equal(new Set(REQUEST_TYPES).size, REQUEST_TYPES.length);
    assert.ok(REQUEST_TYPES.every(isRequestType));
    assert.equal(isRequestType('hook.explode'), false);
  });

  it('isClientRequest accepts well-formed requests', () => {
    assert.equal(isClientRequest({ type: 'hooks.list', id: 'r1', params: {} }), true);
    assert.equal(isClientRequest({ type: 'backlog.get', id: 'x'.repeat(128), params: { since: 0 } }), true);
    assert.equal(isClientRequest({ type: 'delivery.redeliver', id: '7', params: { deliveryId: 3 } }), true);
  });

  it('isClientRequest rejects bad requests', () => {
    const bad: unknown[] = [
      null,
      'hooks.list',
      [],
      { type: 'hooks.list', params: {} },
      { type: 'hooks.list', id: '', params: {} },
      { type: 'hooks.list', id: 'x'.repeat(129), params: {} },
      { type: 'hooks.list', id: 1, params: {} },
      { type: 'hooks.list', id: 'r1' },
      { type: 'hooks.list', id: 'r1', params: [] },
      { type: 'hooks.list', id: 'r1', params: null },
      { type: 'hook.explode', id: 'r1', params: {} },
      { type: 'reply', id: 'r1', params: {} },
    ];
    for (const message of bad) assert.equal(isClientRequest(message), false, JSON.stringify(message));
  });

  it('isServerMessage accepts pushes, replies and errors', () => {
    const hello = { type: 'hello', protocol: 1, relayVersion: '0.1.0', lastSeq: 0 };
    const reply = { type: 'reply', id: 'r1', request: 'hooks.list', result: { hooks: [] } };
    const error = { type: 'error', id: 'r1', error: { code: 'HOOKLINE_ERR_HOOK_NOT_FOUND', message: 'No hook with this id.' } };
    const unreadable = { type: 'error', id: null, error: { code: 'HOOKLINE_ERR_MALFORMED_JSON', message: 'x' } };
    for (const message of [hello, reply, error, unreadable, { type: 'hook.deleted', hookId: 1 }, { type: 'delivery.created', deliveries: [] }]) {
      assert.equal(isServerMessage(message), true, JSON.stringify(message));
    }
    assert.equal(isPushMessage(hello), true);
    assert.equal(isPushMessage(reply), false);
    assert.equal(isReplyMessage(reply), true);
    assert.equal(isReplyMessage(error), false);
    assert.equal(isErrorMessage(error), true);
    assert.equal(isErrorMessage(unreadable), true);
    assert.equal(isErrorMessage(hello), false);
  });

  it('isServerMessage rejects bad messages', () => {
    const bad: unknown[] = [
      null,
      42,
      {},
      { type: 5 },
      { type: 'surprise' },
      { type: 'hooks.list', id: 'r1', params: {} },
      { type: 'reply', id: 'r1', request: 'hooks.list' },
      { type: 'reply', id: 'r1', request: 'nope', result: {} },
      { type: 'reply', id: 3, request: 'hooks.list', result: {} },
      { type: 'error', id: 'r1' },
      { type: 'error', id: 'r1', error: 'boom' },
      { type: 'error', id: 4, error: {} },
    ];
    for (const message of bad) assert.equal(isServerMessage(message), false, JSON.stringify(message));
  });
});
