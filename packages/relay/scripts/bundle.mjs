#!/usr/bin/env node
// Bundles the relay and its CLI once (core and webui inlined, every npm dependency too) into bundle/:
//   bundle/hookline.mjs   the CLI (`node bundle/hookline.mjs relay`)
//   bundle/index.mjs      the library entry (startRelay, ...)
//   bundle/chunk-*.mjs    code both share
//   bundle/web/           the web page's script and stylesheet, from @hookline/webui's bundle
// The same folder goes into the npm package (scripts/pack.mjs) and into the VS Code extension
// (packages/vscode/scripts/bundle.mjs copies it to dist/relay/). Only better-sqlite3 stays outside: it is native,
// an optional dependency of the npm package for Node 20, and never shipped in the extension (node:sqlite there).
import { build } from 'esbuild';
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const BUNDLE_DIR = join(root, 'bundle');
const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const webuiBundle = join(dirname(createRequire(import.meta.url).resolve('@hookline/webui/package.json')), 'dist', 'bundle');

if (!existsSync(join(webuiBundle, 'page.js'))) {
  console.error(`relay bundle: ${webuiBundle}/page.js is missing; build @hookline/webui first (npm run build at the repository root).`);
  process.exit(1);
}

const started = Date.now();
rmSync(BUNDLE_DIR, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { hookline: 'src/cli.ts', index: 'src/index.ts' },
  outdir: BUNDLE_DIR,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20.18',
  minify: true,
  keepNames: true,
  legalComments: 'none',
  logLevel: 'warning',
  define: { HOOKLINE_BUNDLE: JSON.stringify({ version }) },
  // CommonJS dependencies (express, ws, ...) call require() for Node's own modules.
  banner: { js: "import { createRequire as __hooklineRequire } from 'node:module'; const require = __hooklineRequire(import.meta.url);" },
  // Native or optional: better-sqlite3 is resolved at run time where it is installed; ws loads its speed-ups
  // only when present.
  external: ['better-sqlite3', 'bufferutil', 'utf-8-validate'],
});
mkdirSync(join(BUNDLE_DIR, 'web'), { recursive: true });
for (const file of readdirSync(webuiBundle)) {
  if (/\.(js|css)$/.test(file)) cpSync(join(webuiBundle, file), join(BUNDLE_DIR, 'web', file));
}
const bytes = readdirSync(BUNDLE_DIR, { recursive: true })
  .map((file) => join(BUNDLE_DIR, String(file)))
  .filter((path) => statSync(path).isFile())
  .reduce((sum, path) => sum + statSync(path).size, 0);
console.log(`relay bundle: bundle/ (${(bytes / 1024).toFixed(0)} KiB) in ${Date.now() - started} ms`);
