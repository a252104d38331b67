/**
 * Procore's endpoint descriptions (`test/fixtures/procore-openapi/*.json`, see the README there) compiled into ajv
 * validators. The files are Swagger-2-like fragments: a response's `schema` sits directly
 * under it. Adapting them to ajv only removes what is not JSON Schema; nothing is loosened except one thing the
 * export itself marks: a property written `{"type": "object", "description": "(nested object)"}` is a schema
 * the export did not expand (e.g. a delivery payload's `id`, which Procore's payload docs show as an integer, or
 * a resource's `actions`), so it is left open, and the tests check those fields' real types themselves.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

export const OPENAPI_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'procore-openapi');

export interface OperationResponse {
  description?: string;
  schema?: unknown;
}

export interface Operation {
  operationId: string;
  method: string;
  path: string;
  parameters: { name: string; in: string; required: boolean }[];
  responses: Record<string, OperationResponse>;
}

/** JSON Schema keywords the fragments use; anything else is dropped. */
const KEYWORDS = new Set(['type', 'properties', 'items', 'enum', 'format', 'required', 'description', 'default']);

function isUnexpanded(schema: Record<string, unknown>): boolean {
  return schema.type === 'object' && schema.description === '(nested object)' && schema.properties === undefined;
}

export function adaptSchema(schema: unknown): unknown {
  if (typeof schema !== 'object' || schema === null || Array.isArray(schema)) return schema;
  const input = schema as Record<string, unknown>;
  if (isUnexpanded(input)) return { description: '(nested object): not expanded by the export' };
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(input)) {
    if (!KEYWORDS.has(key)) continue;
    if (key === 'properties') {
      out.properties = Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([name, sub]) => [name, adaptSchema(sub)]));
    } else if (key === 'items') {
      out.items = adaptSchema(value);
    } else {
      out[key] = value;
    }
  }
  return out;
}

function loadOperations(): Map<string, Operation> {
  if (!existsSync(OPENAPI_DIR)) {
    throw new Error(
      `Procore's endpoint descriptions are missing: expected ${OPENAPI_DIR}. ` +
        'They are part of the repository; restore them with git checkout -- packages/relay/test/fixtures.',
    );
  }
  const operations = new Map<string, Operation>();
  for (const file of readdirSync(OPENAPI_DIR).filter((f) => f.endsWith('.json')).sort()) {
    const op = JSON.parse(readFileSync(join(OPENAPI_DIR, file), 'utf8')) as Operation;
    operations.set(op.operationId, op);
  }
  if (operations.size === 0) throw new Error(`No endpoint descriptions in ${OPENAPI_DIR}.`);
  return operations;
}

export const OPERATIONS: ReadonlyMap<string, Operation> = loadOperations();

export function operation(operationId: string): Operation {
  const op = OPERATIONS.get(operationId);
  if (!op) throw new Error(`No endpoint description with operationId ${operationId} in ${OPENAPI_DIR}.`);
  return op;
}

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: under ESM its default import is module.exports, which carries the plugin as .default.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;
const ajv = new Ajv({ strict: true, allErrors: true });
addFormats(ajv);
const compiled = new Map<string, ValidateFunction>();

/** The validator for one documented response schema (cached). */
export function responseValidator(operationId: string, status: string): ValidateFunction | null {
  const key = `${operationId} ${status}`;
  const cached = compiled.get(key);
  if (cached) return cached;
  const schema = operation(operationId).responses[status]?.schema;
  if (schema === undefined) return null;
  const validate = ajv.compile(adaptSchema(schema) as object);
  compiled.set(key, validate);
  return validate;
}

/** A schema of our own (the relay's coded error, the failure list of a 207), compiled by the same ajv. */
export function compileOwn(schema: object): ValidateFunction {
  return ajv.compile(schema);
}

export function describeErrors(validate: ValidateFunction): string {
  return ajv.errorsText(validate.errors, { separator: '\n  ' });
}
