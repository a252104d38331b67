#!/usr/bin/env node
/**
 * Where the time went in a V8 CPU profile (from `npm run bench -- --profile DIR`, i.e. node --cpu-prof):
 *   node bench/profile-summary.mjs DIR/CPU.*.cpuprofile [--top 30]
 * Prints self time by function, self time by package/file, and inclusive time of the relay's own functions.
 */
import { readFileSync } from 'node:fs';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--'));
const topIndex = args.indexOf('--top');
const top = topIndex >= 0 ? Number(args[topIndex + 1]) : 30;
if (!file) {
  process.stderr.write('usage: node bench/profile-summary.mjs FILE.cpuprofile [--top N]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8'));
const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + (deltas[i] ?? 0));
const total = [...self.values()].reduce((a, b) => a + b, 0);

function where(frame) {
  const url = frame.url || '';
  if (!url) return '(native/V8)';
  const pkg = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  const rel = /packages\/([^/]+)\/dist\/(.*)$/.exec(url);
  if (rel) return `${rel[1]}/${rel[2]}`;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '');
}
const label = (frame) => `${frame.functionName || '(anonymous)'} ${where(frame)}:${frame.lineNumber + 1}`;

function table(title, map, limit) {
  process.stdout.write(`\n${title}\n`);
  for (const [name, us] of [...map.entries()].sort((a, b) => b[1] - a[1]).slice(0, limit)) {
    process.stdout.write(`${((100 * us) / total).toFixed(1).padStart(6)} %  ${(us / 1000).toFixed(0).padStart(7)} ms  ${name}\n`);
  }
}

const byFunction = new Map();
const byFile = new Map();
const inclusive = new Map();
for (const [id, us] of self) {
  const frame = nodes.get(id).callFrame;
  byFunction.set(label(frame), (byFunction.get(label(frame)) ?? 0) + us);
  byFile.set(where(frame), (byFile.get(where(frame)) ?? 0) + us);
  const seen = new Set();
  for (let at = id; at !== undefined; at = parent.get(at)) {
    const f = nodes.get(at).callFrame;
    if (!/packages\/relay\/dist|packages\/core\/dist/.test(f.url)) continue;
    const key = label(f);
    if (seen.has(key)) continue;
    seen.add(key);
    inclusive.set(key, (inclusive.get(key) ?? 0) + us);
  }
}
const treeIndex = args.indexOf('--tree');
if (treeIndex >= 0) {
  // Top-down: inclusive time per call path, down to `depth`, hiding paths under `min` percent.
  const depth = Number(args[treeIndex + 1] ?? 12);
  const min = 0.8;
  const incl = new Map();
  const sum = (id) => {
    const node = nodes.get(id);
    let t = self.get(id) ?? 0;
    for (const c of node.children ?? []) t += sum(c);
    incl.set(id, t);
    return t;
  };
  const root = profile.nodes[0].id;
  sum(root);
  const walk = (id, level) => {
    if (level > depth) return;
    const children = [...(nodes.get(id).children ?? [])].sort((a, b) => incl.get(b) - incl.get(a));
    for (const c of children) {
      const pct = (100 * incl.get(c)) / total;
      if (pct < min) continue;
      process.stdout.write(`${pct.toFixed(1).padStart(5)} % ${'  '.repeat(level)}${label(nodes.get(c).callFrame)}\n`);
      walk(c, level + 1);
    }
  };
  walk(root, 0);
  process.exit(0);
}
process.stdout.write(`${file}: ${(total / 1000).toFixed(0)} ms sampled\n`);
table('self time by function', byFunction, top);
table('self time by package / file', byFile, top);
table('inclusive time of relay and core functions', inclusive, top);
