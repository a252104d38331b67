#!/usr/bin/env node
// Bundles the extension (Node, CommonJS, `vscode` external) and the Company Webhooks webview (browser IIFE with
// @hookline/webui and its stylesheet) into dist/, and the integration tests into out/integration/.
// Usage: node scripts/bundle.mjs [--production]
import { build } from 'esbuild';
import { cpSync, existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const production = process.argv.includes('--production');
const common = { absWorkingDir: root, bundle: true, logLevel: 'warning', legalComments: 'none', sourcemap: production ? false : 'linked' };

rmSync(join(root, 'dist'), { recursive: true, force: true });
rmSync(join(root, 'out', 'integration'), { recursive: true, force: true });
rmSync(join(root, 'out', 'vsix'), { recursive: true, force: true });

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
  build({
    ...common,
    // The .vsix tests (scripts/test-vsix.mjs): the same runner, their own suite.
    entryPoints: { index: 'test/integration/index.ts', 'all.test': 'test/vsix/all.test.ts' },
    outdir: 'out/vsix',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha', 'bufferutil', 'utf-8-validate'],
  }),
]);
// The relay bundled with the extension ("Start Relay" without any install): packages/relay's bundle, as built
// by its own bundle step (the npm package carries the same folder).
const relayBundle = join(dirname(createRequire(import.meta.url).resolve('@hookline/relay/package.json')), 'bundle');
if (!existsSync(join(relayBundle, 'hookline.mjs'))) {
  console.error(`bundle: ${relayBundle}/hookline.mjs is missing; build the relay first (npm run build at the repository root).`);
  process.exit(1);
}
cpSync(relayBundle, join(root, 'dist', 'relay'), { recursive: true });
console.log(`bundle: dist/extension.js, dist/webview/main.{js,css}, dist/relay/, out/integration/ in ${Date.now() - started} ms${production ? ' (production)' : ''}`);
