/**
 * Generators of bad input for the fuzz test. Every value produced here is invalid for the field or request it
 * is meant for, so a relay that accepts one has a validation hole. Seeded, so a failure can be replayed.
 */
export type Rng = () => number;

export function seededRng(seed: number): Rng {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function pick<T>(rng: Rng, items: readonly T[]): T {
  return items[Math.floor(rng() * items.length)]!;
}

function randomText(rng: Rng, length: number): string {
  let text = '';
  for (let i = 0; i < length; i++) text += String.fromCharCode(32 + Math.floor(rng() * 95));
  return text;
}

export function hugeString(rng: Rng): string {
  return 'x'.repeat(9000 + Math.floor(rng() * 20000));
}

/** Values of the wrong JSON type for a field expecting `expected`. */
export function wrongType(rng: Rng, expected: 'string' | 'boolean' | 'id'): unknown {
  const candidates: unknown[] = [[], {}, [1, 2], { nested: true }];
  if (expected !== 'string') candidates.push('text', '');
  if (expected !== 'boolean') candidates.push(true, false);
  if (expected === 'string' || expected === 'boolean') candidates.push(42, -1, 3.5);
  return pick(rng, candidates);
}

export const BAD_URLS = [
  'javascript:alert(1)',
  'file:///etc/passwd',
  'ftp://example.com/hooks',
  'http://user:pass@example.com/hooks',
  'https://token@example.com/hooks',
  'http://example.com:70000/hooks',
  'http://example.com:0/hooks',
  'http:// example.com/hooks',
  'https://exa mple.com',
  'example.com/hooks',
  'not a url',
  '//example.com/x',
  'https://',
  'data:text/plain,hi',
  'mailto:someone@example.com',
  `https://example.com/${'a'.repeat(5000)}`,
];

export const BAD_AUTHORIZATIONS = [
  'Bearer abc\r\nX-Injected: 1',
  'Bearer abc\nX-Injected: 1',
  'Bearer abc\rdef',
  'Bearer \u0000abc',
  'Bearer \u007fabc',
  `Bearer ${'a'.repeat(5000)}`,
];

export const BAD_IDS: unknown[] = [-1, 0, 1.5, -99999, 1e300, '12abc', '-5', '+7', '1e5', '9223372036854775808', '99999999999999999999999', 9007199254740993, '', ' 1', {}, [], true];

export const BAD_PATH_IDS = ['-1', '0', '1.5', 'abc', '99999999999999999999', '1e3', '%20', 'null', '0x10', `${'9'.repeat(40)}`];

export const BAD_EVENT_TYPES: unknown[] = ['CREATE!', 'created', 'destroy', '', 'Update ', 7, null, ['create'], { create: true }];

export const UNKNOWN_RESOURCES = ['Unicorns', 'RFI', 'rfis', '', ' RFIs', 'RFIs ', 'Projects\u0000', 'x'.repeat(300), '../../etc/passwd', '<script>'];

/** Text that is not valid JSON. */
export function malformedJson(rng: Rng): string {
  const valid = JSON.stringify({ resource_name: 'RFIs', event_type: 'create', resource_id: 1 });
  return pick(rng, [
    valid.slice(0, 1 + Math.floor(rng() * (valid.length - 2))),
    `${valid}}`,
    "{'single': 'quotes'}",
    '{"a": 1,}',
    'undefined',
    'NaN',
    `{${randomText(rng, 20)}`,
    '{"a": "\\x41"}',
    '\u0000',
  ]);
}

export const NON_OBJECT_JSON = ['[]', '[1,2]', '42', '"text"', 'null', 'true'];
