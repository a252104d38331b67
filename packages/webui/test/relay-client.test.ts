import assert from 'node:assert/strict';
import { HooklineError, PROTOCOL_VERSION, REQUEST_TIMEOUT_MS } from '@hookline/core';
import type { ClientRequest, ConnectionState, PushMessage } from '@hookline/core';
import { RelayClient, RelayClientError } from '../src/client/index.js';
import { FakeTimers } from './support/fake-timers.js';

/** A client on a hand-driven channel: what it sends is kept; the test plays the relay. */
function setup(options: Partial<ConstructorParameters<typeof RelayClient>[0]> = {}) {
  const timers = new FakeTimers();
  const refused: RelayClientError[] = [];
  const client = new RelayClient({ idPrefix: 't', timers, onRefused: (e) => refused.push(e), unreachable: () => 'Start the relay.', ...options });
  const sent: ClientRequest[] = [];
  const states: ConnectionState[] = [];
  const pushes: PushMessage[] = [];
  client.onConnectionState((s) => states.push(s));
  client.onPush((m) => pushes.push(m));
  const open = (): void => client.attach((request) => sent.push(request));
  const hello = (protocol: number = PROTOCOL_VERSION, lastSeq = 0): void => client.receive({ type: 'hello', protocol, relayVersion: '0.1.0', lastSeq });
  const reply = (request: ClientRequest | undefined, result: unknown): void => client.receive(JSON.stringify({ type: 'reply', id: request?.id, request: request?.type, result }));
  return { client, timers, sent, states, pushes, refused, open, hello, reply };
}

describe('RelayClient (one correlator and one contract for every transport)', () => {
  it('tells a new listener the state at once; connected only on hello, and queued requests go out then', async () => {
    const { client, sent, states, open, hello, reply } = setup();
    assert.deepEqual(states, ['connecting']);
    const hooks = client.request('hooks.list', {});
    open();
    assert.equal(sent.length, 0);
    hello();
    assert.deepEqual(states, ['connecting', 'connected']);
    assert.deepEqual(sent, [{ type: 'hooks.list', id: 't-1', params: {} }]);
    reply(sent[0], { hooks: [] });
    assert.deepEqual(await hooks, { hooks: [] });
    assert.equal(client.hello?.protocol, PROTOCOL_VERSION);
    assert.equal(client.pendingCount, 0);
  });

  it('matches replies by id, whatever the order, and ignores replies nobody waits for', async () => {
    const { client, sent, open, hello, reply } = setup();
    open();
    hello();
    const a = client.request('hooks.list', {});
    const b = client.request('resources.list', {});
    reply(sent[1], { resources: [] });
    reply(sent[0], { hooks: [] });
    reply({ type: 'hooks.list', id: 't-99', params: {} }, { hooks: [] });
    assert.deepEqual(await Promise.all([a, b]), [{ hooks: [] }, { resources: [] }]);
  });

  it('a refusal is a RelayClientError, which is a HooklineError with the relay\'s code, field and details', async () => {
    const { client, sent, open, hello } = setup();
    open();
    hello();
    const refused = client.request('hook.delete', { hookId: 9 });
    client.receive({ type: 'error', id: sent[0]?.id, error: { code: 'HOOKLINE_ERR_HOOK_NOT_FOUND', message: 'No hook 9.', field: 'hookId', details: { hookId: 9 } } });
    const error = await refused.then(() => null, (e: unknown) => e);
    assert.ok(error instanceof RelayClientError && error instanceof HooklineError);
    assert.deepEqual([error.code, error.status, error.field, error.details, error.source, error.request, error.name], ['HOOKLINE_ERR_HOOK_NOT_FOUND', 404, 'hookId', { hookId: 9 }, 'relay', 'hook.delete', 'RelayClientError']);
    assert.deepEqual(error.toBody(), { error: { code: 'HOOKLINE_ERR_HOOK_NOT_FOUND', message: 'No hook 9.', field: 'hookId', details: { hookId: 9 } } });
  });

  it('a drop fails the requests sent on it at once; the unsent wait for the next hello', async () => {
    const { client, sent, states, open, hello, reply } = setup();
    open();
    hello();
    const lost = client.request('hooks.list', {});
    client.detach('The connection to the relay was lost');
    await assert.rejects(lost, (e: unknown) => e instanceof RelayClientError && e.code === 'HOOKLINE_ERR_RELAY_UNREACHABLE' && e.source === 'client');
    const waiting = client.request('resources.list', {});
    assert.equal(states.at(-1), 'disconnected');
    open();
    hello();
    reply(sent.at(-1), { resources: [] });
    assert.deepEqual(await waiting, { resources: [] });
    assert.deepEqual(states, ['connecting', 'connected', 'disconnected', 'connected']);
  });

  it('every request settles within the timeout, sent or not, and says which it was', async () => {
    const { client, timers, open, hello } = setup();
    const unsent = client.request('hooks.list', {});
    timers.advance(REQUEST_TIMEOUT_MS);
    await assert.rejects(unsent, /Start the relay\. \("hooks\.list" waited 15 s and was not sent\.\)/);
    open();
    hello();
    const unanswered = client.request('resources.list', {});
    timers.advance(REQUEST_TIMEOUT_MS - 1);
    assert.equal(client.pendingCount, 1);
    timers.advance(1);
    await assert.rejects(unanswered, /did not answer "resources.list" within 15 s/);
    assert.equal(timers.pending, 0, 'no timer left behind');
  });

  it('stop fails everything and refuses new requests until attached again', async () => {
    const { client, open, hello } = setup();
    const queued = client.request('hooks.list', {});
    client.stop('Disconnected');
    await assert.rejects(queued, /Disconnected/);
    await assert.rejects(client.request('hooks.list', {}), /Disconnected/);
    open();
    const later = client.request('hooks.list', {});
    hello();
    assert.equal(client.pendingCount, 1);
    client.stop('Bye');
    await assert.rejects(later, /Bye/);
  });

  it('refuses a relay with another protocol: no pushes, every request fails with the catalogue code, until a good hello', async () => {
    const { client, sent, states, pushes, refused, open, hello } = setup();
    const waiting = client.request('hooks.list', {});
    open();
    hello(PROTOCOL_VERSION + 1);
    await assert.rejects(waiting, (e: unknown) => e instanceof RelayClientError && e.code === 'HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION' && e.request === 'hooks.list');
    assert.equal(refused.length, 1);
    assert.match(refused[0]?.message ?? '', new RegExp(`speaks protocol ${PROTOCOL_VERSION + 1}; this client speaks ${PROTOCOL_VERSION}\\. .*Update the Hookline extension or the relay`));
    client.receive({ type: 'hook.deleted', hookId: 1 });
    await assert.rejects(client.request('resources.list', {}), /speaks protocol 2; this client speaks 1\. Update/);
    assert.equal(sent.length, 0);
    assert.equal(pushes.length, 0);
    assert.deepEqual(states, ['connecting', 'disconnected']);
    client.detach('closed');
    open();
    hello();
    assert.deepEqual(states, ['connecting', 'disconnected', 'connected']);
    assert.deepEqual(pushes.map((p) => p.type), ['hello']);
  });

  it('passes pushes only from a relay that said hello, and skips frames that are not protocol messages', () => {
    const { client, pushes, open, hello } = setup();
    open();
    client.receive({ type: 'hook.deleted', hookId: 1 });
    hello();
    client.receive('not json');
    client.receive({ type: 'nonsense' });
    client.receive(JSON.stringify({ type: 'hook.deleted', hookId: 2 }));
    assert.deepEqual(pushes.map((p) => p.type === 'hook.deleted' ? `deleted:${p.hookId}` : p.type), ['hello', 'deleted:2']);
  });

  it('fails one request whose frame cannot be sent, and keeps the others', async () => {
    const { client, hello } = setup();
    let calls = 0;
    client.attach(() => {
      calls += 1;
      if (calls === 1) throw new Error('socket is closing');
    });
    hello();
    await assert.rejects(client.request('hooks.list', {}), /Could not send "hooks.list": socket is closing/);
    void client.request('resources.list', {});
    assert.equal(client.pendingCount, 1);
  });
});
