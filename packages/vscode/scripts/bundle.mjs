#!/usr/bin/env node
// Bundles the extension (Node, CommonJS, `vscode` external) and the Company Webhooks webview (browser IIFE with
// @hookline/webui and its stylesheet) into dist/, and the integration tests into out/integration/.
// Usage: node scripts/bundle.mjs [--production]
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = { absWorkingDir: root, bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: production ? false : 'linked' };

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'out', 'integration'), { recursive: true, force: true });

const started = Date.now();
await Promise.all([
  build({
    ...common,
    entryPoints: { extension: 'src/extension.ts' },
    outdir: 'dist',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    minify: production,
    // ws loads these native speed-ups only if present.
    external: ['vscode', 'bufferutil', 'utf-8-validate'],
  }),
  build({
    ...common,
    entryPoints: { main: 'src/webview/main.ts' },
    outdir: 'dist/webview',
    platform: 'browser',
    format: 'iife',
    target: ['chrome110'],
    minify: production,
  }),
  build({
    ...common,
    // One suite bundle, so the ordered specs share one context; index.ts is the extensionTestsPath runner.
    entryPoints: ['test/integration/index.ts', 'test/integration/all.test.ts'],
    outdir: 'out/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'bufferutil', 'utf-8-validate'],
  }),
]);
console.log(`bundle: dist/extension.js, dist/webview/main.{js,css}, out/integration/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
