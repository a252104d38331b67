import assert from 'node:assert/strict';
import { encodeDeliveryCursor, parseLossless, prettyJson, stringifyLossless } from '../src/index.js';

describe('prettyJson (the one lossless pretty-printer)', () => {
  it('indents JSON by two spaces and keeps every digit of 64-bit ids', () => {
    const raw = '{"id":5982324300946918154,"ids":[18446744073709551615],"ratio":0.10000000000000001,"name":"RFIs"}';
    const text = prettyJson(raw);
    assert.ok(text !== null);
    assert.match(text, /^\{\n {2}"id": 5982324300946918154,\n/);
    assert.ok(text.includes('18446744073709551615'), text);
    assert.ok(text.includes('0.10000000000000001'), text);
    assert.equal(text.replace(/\s+/g, ''), raw, 'only whitespace is added');
  });

  it('answers null for text that is not JSON, so callers show it as it is', () => {
    for (const raw of ['ok', '{"a":', '', '   ']) assert.equal(prettyJson(raw), null, JSON.stringify(raw));
    assert.equal(parseLossless('nope'), undefined);
  });

  it('stringifies values holding parsed numbers without rounding them', () => {
    const parsed = parseLossless('{"id":5982324300946918154}');
    assert.equal(stringifyLossless({ payload: parsed, n: 1 }), '{\n  "payload": {\n    "id": 5982324300946918154\n  },\n  "n": 1\n}');
  });
});

describe('encodeDeliveryCursor', () => {
  it('is base64url of "d:<id>", as Node encodes it', () => {
    for (const id of [1, 12, 123, 4567, 123456789, Number.MAX_SAFE_INTEGER]) {
      assert.equal(encodeDeliveryCursor(id), Buffer.from(`d:${id}`, 'utf8').toString('base64url'), String(id));
    }
  });

  it('refuses what is not a delivery id', () => {
    for (const id of [0, -1, 1.5, Number.NaN, 2 ** 53]) assert.throws(() => encodeDeliveryCursor(id), RangeError, String(id));
  });
});
