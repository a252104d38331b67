/**
 * The HAR 1.2 JSON Schema of the har-schema package (the one har-validator checks with), compiled by ajv in strict
 * mode. The schema is draft-06 and writes three words ajv does not know: `optional` and `unique` (notes; an export
 * writes no pages, whose ids `unique` is about) and `min`, its spelling of `minimum` for `time` and the timings,
 * which is checked here as the authors meant it.
 */
import { createRequire } from 'node:module';
import { Ajv, type ErrorObject } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const schemas = require('har-schema') as Record<string, { $id: string }>;
const draft06 = require('ajv/dist/refs/json-schema-draft-06.json') as object;

type FormatsPlugin = (ajv: Ajv) => Ajv;
// ajv-formats is CommonJS: under ESM its default import is module.exports, which carries the plugin as .default.
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ?? addFormatsModule) as FormatsPlugin;

const ajv = new Ajv({ strict: true, allErrors: true, strictTypes: false });
addFormats(ajv);
ajv.addMetaSchema(draft06);
ajv.addKeyword({ keyword: 'optional', schemaType: 'boolean' });
ajv.addKeyword({ keyword: 'unique', schemaType: 'boolean' });
ajv.addKeyword({
  keyword: 'min',
  type: 'number',
  schemaType: 'number',
  validate: (min: number, data: number) => data >= min,
  errors: false,
});
for (const schema of Object.values(schemas)) ajv.addSchema(schema);
const validate = ajv.getSchema('har.json#');
if (!validate) throw new Error('har-schema has no har.json#');

/** The schema's complaints about `har` (empty when it is a valid HAR 1.2 document). */
export function harSchemaErrors(har: unknown): string[] {
  return validate!(har) ? [] : (validate!.errors ?? []).map((e: ErrorObject) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
}
