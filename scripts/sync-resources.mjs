#!/usr/bin/env node
// Regenerates packages/core/src/resources/catalogue-data.ts from Procore's webhook resource list.
// Usage: node scripts/sync-resources.mjs [path/to/webhook-resources.json]
// (default: packages/core/test/fixtures/procore-webhook-resources.json, the list the catalogue test checks against).
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const source = resolve(process.argv[2] ?? resolve(repoRoot, 'packages/core/test/fixtures/procore-webhook-resources.json'));
const target = resolve(repoRoot, 'packages/core/src/resources/catalogue-data.ts');
const EVENT_ORDER = ['create', 'update', 'delete'];

function fail(message) {
  console.error(`sync-resources: ${message}`);
  process.exit(1);
}

let json;
try {
  json = JSON.parse(readFileSync(source, 'utf8'));
} catch (err) {
  fail(`cannot read ${source}: ${err.message}`);
}

const list = Array.isArray(json) ? json : json.resources;
if (!Array.isArray(list) || list.length === 0) fail(`${source} has no "resources" array.`);

const seen = new Set();
const lines = list.map((entry, index) => {
  const { name, scope, event_types: eventTypes } = entry ?? {};
  if (typeof name !== 'string' || name.trim() !== name || name === '') fail(`resource #${index} has no usable name.`);
  if (seen.has(name)) fail(`resource "${name}" appears twice.`);
  seen.add(name);
  if (scope !== 'company' && scope !== 'project') fail(`resource "${name}" has scope ${JSON.stringify(scope)}.`);
  if (!Array.isArray(eventTypes) || eventTypes.length === 0 || eventTypes.some((t) => !EVENT_ORDER.includes(t))) {
    fail(`resource "${name}" has event types ${JSON.stringify(eventTypes)}.`);
  }
  const ordered = EVENT_ORDER.filter((t) => eventTypes.includes(t));
  return `  { name: ${JSON.stringify(name)}, scope: ${JSON.stringify(scope)}, eventTypes: ${JSON.stringify(ordered).split(',').join(', ')} },`;
});

const header = [
  '// GENERATED FILE: do not edit. Regenerate with `node scripts/sync-resources.mjs`.',
  `// From ${relative(repoRoot, source).split('\\').join('/')}.`,
  ...(typeof json.source === 'string' ? [`// ${json.source.split(';')[0]}.`] : []),
  "import type { ResourceDefinition } from '../model.js';",
  '',
  `/** The ${lines.length} resources a Procore hook can subscribe to, in Procore's order. */`,
  'export const RESOURCE_DATA: readonly ResourceDefinition[] = [',
];
writeFileSync(target, [...header, ...lines, '];', ''].join('\n'));
console.log(`sync-resources: wrote ${lines.length} resources to ${relative(repoRoot, target)}`);
