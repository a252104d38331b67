/**
 * `hookline diff` against a real relay and a real receiver: two deliveries of one resource whose payloads differ
 * in known fields, their last responses (the receiver answers each differently), a fan-out copy with the same
 * payload, and an id the relay does not have.
 */
import assert from 'node:assert/strict';
import { parse } from 'lossless-json';
import { prettyJson } from '@hookline/core';
import { wantsColor } from '../src/cli/delivery-diff.js';
import { startReceiver, type Receiver } from './support/receiver.js';
import { startRelayFixture, type RelayFixture } from './support/relay-fixture.js';
import { cli } from './support/run-cli.js';

/** The lines of a unified diff that remove (`-`) or add (`+`), without the file headers. */
function changedLines(patch: string, sign: '-' | '+'): string[] {
  return patch.split('\n').filter((line) => line.startsWith(sign) && !line.startsWith(`${sign}${sign}${sign} `)).map((line) => line.slice(1));
}

/** The pretty-printed lines of `a` and `b` that differ, position by position (the payloads have one shape). */
function differingLines(a: string, b: string): { left: string[]; right: string[] } {
  const left = a.split('\n');
  const right = b.split('\n');
  assert.equal(left.length, right.length, 'both payloads have the same fields');
  const at = left.flatMap((line, i) => (line === right[i] ? [] : [i]));
  return { left: at.map((i) => left[i]!), right: at.map((i) => right[i]!) };
}

describe('hookline diff', () => {
  let fx: RelayFixture;
  let receiver: Receiver;
  let hookId: number;
  const sent = new Map<number, string>();

  const trigger = async (json: Record<string, string>): Promise<number[]> => {
    const res = await fx.api('/api/events', { method: 'POST', json: { resource_name: 'RFIs', resource_id: '5982324300946918154', ...json } });
    assert.equal(res.status, 202, await res.clone().text());
    return ((await res.json()) as { deliveries: { id: number }[] }).deliveries.map((d) => d.id);
  };
  const delivered = async (id: number): Promise<{ payload: string }> => {
    for (let i = 0; i < 200; i += 1) {
      const { data } = (await (await fx.api(`/api/deliveries/${id}`)).json()) as { data: { status: string; payload: string } };
      if (data.status === 'delivered') return data;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error(`delivery ${id} was not delivered`);
  };

  before(async () => {
    receiver = await startReceiver((request) =>
      request.index === 0
        ? { status: 200, headers: { 'content-type': 'application/json', 'x-answer': 'first' }, body: '{"ok":true,"seen":1,"trace":5982324300946918154}' }
        : { status: 202, headers: { 'content-type': 'application/json', 'x-answer': 'second' }, body: '{"ok":true,"seen":2,"trace":5982324300946918154}' },
    );
    fx = await startRelayFixture();
    hookId = fx.relay.service.listHooks()[0]!.id;
    await fx.api(`/api/hooks/${hookId}/endpoint`, { method: 'PUT', json: { destination_url: `${receiver.url}/in` } });
    await fx.api(`/api/hooks/${hookId}/triggers/RFIs`, { method: 'PUT', json: { create: true, update: true } });
    const [created] = await trigger({ event_type: 'create', user_id: '111' });
    const [updated] = await trigger({ event_type: 'update', user_id: '222' });
    for (const id of [created!, updated!]) sent.set(id, (await delivered(id)).payload);
  });
  after(async () => {
    await fx.stop();
    await receiver.close();
  });

  const [first, second] = [() => [...sent.keys()][0]!, () => [...sent.keys()][1]!];

  it('prints exactly the changed payload lines, - for the first and + for the second, and exits 1', async () => {
    const { code, out, err } = await cli(fx, 'diff', String(first()), String(second()), '--color', 'never');
    assert.equal(code, 1, err);
    assert.match(out, new RegExp(`^--- delivery ${first()} payload\\tRFIs 5982324300946918154 create, created .+\\n\\+\\+\\+ delivery ${second()} payload\\tRFIs 5982324300946918154 update, `));
    const before = prettyJson(sent.get(first())!)!;
    const after = prettyJson(sent.get(second())!)!;
    const expected = differingLines(before, after);
    assert.deepEqual(changedLines(out, '-'), expected.left);
    assert.deepEqual(changedLines(out, '+'), expected.right);
    // The fields the two events were made to differ in are among them, and the ones they share are not.
    assert.ok(expected.left.includes('  "user_id": 111,') && expected.right.includes('  "user_id": 222,'), out);
    assert.ok(expected.left.includes('  "event_type": "create",') && expected.right.includes('  "event_type": "update",'), out);
    const ids = [first(), second()].map((id) => (parse(sent.get(id)!) as { id: { value: string } }).id.value);
    assert.ok(changedLines(out, '-').includes(`  "id": ${ids[0]},`) && changedLines(out, '+').includes(`  "id": ${ids[1]},`), 'the 64-bit event ids, digit for digit');
    for (const same of ['"resource_id": 5982324300946918154', '"resource_name": "RFIs"', '"company_id"']) {
      assert.ok(![...changedLines(out, '-'), ...changedLines(out, '+')].some((line) => line.includes(same)), `${same} is not marked changed`);
    }
    assert.ok(out.includes('\n   "resource_name": "RFIs",'), 'equal lines near a change are context, marked with a space');
    assert.ok(!out.includes('\u001b['), 'no colour with --color never');
  });

  it('--responses compares the last responses: status line, headers, body; equal lines are not marked', async () => {
    const { code, out, err } = await cli(fx, 'diff', String(first()), String(second()), '--responses', '--color', 'never');
    assert.equal(code, 1, err);
    const removed = changedLines(out, '-');
    const added = changedLines(out, '+');
    assert.ok(removed.includes('Attempt 1: HTTP 200') && added.includes('Attempt 1: HTTP 202'), out);
    assert.ok(removed.includes('x-answer: first') && added.includes('x-answer: second'), out);
    assert.ok(removed.includes('  "seen": 1,') && added.includes('  "seen": 2,'), out);
    const unexpected = [...removed, ...added].filter((line) => !/^(Attempt 1: HTTP 20[02]|x-answer: (first|second)|  "seen": [12],|date: .*)$/.test(line));
    assert.deepEqual(unexpected, [], 'only the differing lines (and the Date header, when the seconds differ) are marked');
    assert.ok(out.includes('\n content-type: application/json'), 'the shared header is context');
    assert.ok(out.includes('"trace": 5982324300946918154'), 'the body is pretty-printed without rounding');
  });

  it('colours on request (red removals, green additions) and decides "auto" by the terminal and NO_COLOR', async () => {
    const { code, out } = await cli(fx, 'diff', String(first()), String(second()), '--color', 'always');
    assert.equal(code, 1);
    assert.ok(out.includes('\u001b[31m-  "user_id": 111,\u001b[0m'), out);
    assert.ok(out.includes('\u001b[32m+  "user_id": 222,\u001b[0m'), out);
    assert.equal(wantsColor('auto', { isTTY: true }, {}), true);
    assert.equal(wantsColor('auto', { isTTY: true }, { NO_COLOR: '1' }), false);
    assert.equal(wantsColor('auto', { isTTY: true }, { NO_COLOR: '' }), true, 'an empty NO_COLOR does not count');
    assert.equal(wantsColor('auto', { isTTY: false }, {}), false);
    assert.equal(wantsColor('always', { isTTY: false }, { NO_COLOR: '1' }), true);
    assert.equal(wantsColor('never', { isTTY: true }, {}), false);
  });

  it('says the payloads are the same and exits 0 for a fan-out copy (one event, two hooks)', async () => {
    const res = await fx.api('/api/hooks', { method: 'POST', json: { namespace: 'second-hook', destination_url: `${receiver.url}/other` } });
    assert.equal(res.status, 201, await res.clone().text());
    const other = ((await res.json()) as { data: { id: number } }).data.id;
    await fx.api(`/api/hooks/${other}/triggers/RFIs`, { method: 'PUT', json: { update: true } });
    const copies = await trigger({ event_type: 'update' });
    assert.equal(copies.length, 2);
    const { code, out, err } = await cli(fx, 'diff', String(copies[0]), String(copies[1]));
    assert.equal(code, 0, err);
    assert.equal(out, `Deliveries ${copies[0]} and ${copies[1]}: the payloads are the same.`);
  });

  it('an id the relay does not have: its 404 message, exit 2; a bad id or --color: usage, exit 2', async () => {
    const missing = await cli(fx, 'diff', String(first()), '999999');
    assert.equal(missing.code, 2);
    assert.equal(missing.out, '');
    assert.equal(missing.err, 'hookline: No delivery with id 999999. (HOOKLINE_ERR_DELIVERY_NOT_FOUND)');
    const bad = await cli(fx, 'diff', 'abc', String(first()));
    assert.equal(bad.code, 2);
    assert.match(bad.err, /"abc" is not a delivery id: "hookline deliveries" lists them/);
    const color = await cli(fx, 'diff', String(first()), String(second()), '--color', 'sometimes');
    assert.equal(color.code, 2);
    assert.match(color.err, /--color must be one of auto, always, never; got "sometimes"/);
  });
});
