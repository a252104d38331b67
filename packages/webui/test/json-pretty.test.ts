import assert from 'node:assert/strict';
import { prettyJson } from '../src/deliveries/json-pretty.js';

describe('prettyJson', () => {
  it('indents without rounding 64-bit ids or touching other numbers', () => {
    const raw = '{"id":5982324300946918154,"ratio":1.50,"big":-9223372036854775808,"nested":{"list":[1,2e3]}}';
    const { text, json } = prettyJson(raw);
    assert.equal(json, true);
    assert.match(text, /"id": 5982324300946918154,/);
    assert.match(text, /"ratio": 1\.50,/);
    assert.match(text, /"big": -9223372036854775808,/);
    assert.match(text, /2e3/);
    assert.ok(text.includes('\n  "nested": {\n    "list": [\n'));
  });

  it('shows text that is not JSON as it came', () => {
    assert.deepEqual(prettyJson('ok'), { text: 'ok', json: false });
    assert.deepEqual(prettyJson('{"a":'), { text: '{"a":', json: false });
    assert.deepEqual(prettyJson(''), { text: '', json: false });
  });
});
