/**
 * Calling the relay's Procore API exactly as an endpoint description says (its method, and its path template
 * filled in) and checking each answer against the description: the status must be documented (or fall under
 * `default`), and the body must match the documented schema; an error status without one must carry the relay's
 * coded error; a success without one must have no body. Which statuses each operation was seen to answer is
 * recorded, so a test can require that every operation and its documented error statuses were exercised.
 */
import assert from 'node:assert/strict';
import type { RelayFixture } from './relay-fixture.js';
import { compileOwn, describeErrors, operation, OPERATIONS, responseValidator } from './procore-schemas.js';

export interface ProcoreResponse {
  status: number;
  text: string;
  body: unknown;
  headers: Headers;
}

export interface OpRequest {
  params?: Record<string, string | number>;
  query?: Record<string, string | number>;
  json?: unknown;
  /** A raw body, sent as application/json. */
  body?: string;
  headers?: Record<string, string>;
}

const CODED_ERROR = compileOwn({
  type: 'object',
  required: ['error'],
  additionalProperties: false,
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message'],
      additionalProperties: false,
      properties: { code: { type: 'string', pattern: '^HOOKLINE_ERR_[A-Z0-9_]+$' }, message: { type: 'string', minLength: 1 }, field: { type: 'string' }, details: {} },
    },
  },
});

/** What a 207 adds to the success body: the entries that failed, each with its position and coded error. */
const FAILED_ENTRIES = compileOwn({
  type: 'array',
  minItems: 1,
  items: {
    type: 'object',
    required: ['index', 'error'],
    properties: {
      index: { type: 'integer', minimum: 0 },
      error: { type: 'object', required: ['code', 'message'], properties: { code: { type: 'string', pattern: '^HOOKLINE_ERR_' }, message: { type: 'string' } } },
    },
  },
});

const seen = new Map<string, Set<string>>();

export function opUrl(operationId: string, params: Record<string, string | number> = {}, query: Record<string, string | number> = {}): string {
  const op = operation(operationId);
  const path = op.path.replace(/\{(\w+)\}/g, (_m, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${operationId}: no value for path parameter {${name}}.`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams(Object.entries(query).map(([k, v]): [string, string] => [k, String(v)])).toString();
  return search ? `${path}?${search}` : path;
}

export async function callOp(fx: RelayFixture, operationId: string, request: OpRequest = {}): Promise<ProcoreResponse> {
  const op = operation(operationId);
  const headers: Record<string, string> = { ...(request.body !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers };
  const res = await fx.api(opUrl(operationId, request.params, request.query), { method: op.method, json: request.json, body: request.body, headers });
  const text = await res.text();
  let body: unknown;
  if (text !== '') body = JSON.parse(text);
  return { status: res.status, text, body, headers: res.headers };
}

function failedEntries(body: unknown): unknown {
  const b = body as Record<string, unknown>;
  if (Array.isArray(b.failure)) return b.failure; // v1.0
  if (Array.isArray(b.errors)) return b.errors; // v2.0 bulk create
  return (b.data as Record<string, unknown> | undefined)?.failed; // v2.0 bulk delete
}

/** Asserts `res` has `status` and that status and body are what the operation documents. */
export function expectDocumented(operationId: string, res: ProcoreResponse, status: number): void {
  assert.equal(res.status, status, `${operationId}: expected ${status}, got ${res.status}: ${res.text.slice(0, 400)}`);
  const op = operation(operationId);
  const key = String(res.status);
  assert.ok(op.responses[key] ?? op.responses.default, `${operationId} does not document status ${key}, nor a default.`);
  let statuses = seen.get(operationId);
  if (!statuses) seen.set(operationId, (statuses = new Set()));
  statuses.add(key);

  if (key === '207') {
    const successKey = ['200', '201'].find((k) => op.responses[k]?.schema !== undefined);
    assert.ok(successKey, `${operationId}: no success schema to hold a 207 to`);
    const validate = responseValidator(operationId, successKey) as NonNullable<ReturnType<typeof responseValidator>>;
    assert.ok(validate(res.body), `${operationId} 207 (as ${successKey}): ${describeErrors(validate)}\n${res.text.slice(0, 500)}`);
    assert.ok(FAILED_ENTRIES(failedEntries(res.body)), `${operationId} 207 failures: ${describeErrors(FAILED_ENTRIES)}\n${res.text.slice(0, 500)}`);
    return;
  }
  const validate = op.responses[key] ? responseValidator(operationId, key) : null;
  if (validate) {
    assert.ok(validate(res.body), `${operationId} ${key}: ${describeErrors(validate)}\n${res.text.slice(0, 500)}`);
  } else if (res.status >= 400) {
    assert.ok(CODED_ERROR(res.body), `${operationId} ${key} is not the relay's coded error: ${describeErrors(CODED_ERROR)}\n${res.text.slice(0, 500)}`);
  } else {
    assert.equal(res.text, '', `${operationId} ${key} documents no body`);
  }
}

/** Calls and checks in one step; returns the response for further assertions. */
export async function expectOp(fx: RelayFixture, operationId: string, status: number, request: OpRequest = {}): Promise<ProcoreResponse> {
  const res = await callOp(fx, operationId, request);
  expectDocumented(operationId, res, status);
  return res;
}

/**
 * Every operation whose id matches `prefix` was answered with a documented success, and with each documented
 * error status except 500, `default` and those listed in `unreachable` (with the reason they cannot be caused).
 */
export function assertCoverage(prefix: string, unreachable: Record<string, string> = {}): void {
  const missing: string[] = [];
  for (const [id, op] of OPERATIONS) {
    if (!id.startsWith(prefix)) continue;
    const statuses = seen.get(id) ?? new Set<string>();
    if (![...statuses].some((s) => s.startsWith('2'))) missing.push(`${id}: no success`);
    for (const status of Object.keys(op.responses)) {
      if (status === 'default' || status === '500' || (status.startsWith('2') && status !== '207')) continue;
      if (!statuses.has(status) && unreachable[`${id} ${status}`] === undefined) missing.push(`${id}: ${status} not exercised`);
    }
  }
  assert.deepEqual(missing, [], `Operations not fully exercised:\n  ${missing.join('\n  ')}`);
}

/** Retries `probe` every 20 ms until it returns a value (not undefined), for at most `timeoutMs`. */
export async function eventually<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
