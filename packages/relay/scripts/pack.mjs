#!/usr/bin/env node
// Packs the relay bundle (scripts/bundle.mjs) as the npm package @hookline/relay: one tarball with the bundle,
// its web assets, a manifest with no dependencies but the optional native better-sqlite3 (for Node 20, which has
// no node:sqlite), the README and the licence. Nothing in it refers to a workspace package, so
// `npm install -g hookline-relay-<version>.tgz` works on a machine that has never seen this repository.
// Usage: node scripts/pack.mjs [--out DIR]   (default: packages/relay/, beside the .vsix of packages/vscode)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outIndex = process.argv.indexOf('--out');
const outDir = resolve(outIndex > 0 ? process.argv[outIndex + 1] : root);
const source = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const bundle = join(root, 'bundle');

if (!existsSync(join(bundle, 'hookline.mjs'))) {
  console.error('relay pack: bundle/hookline.mjs is missing; run "npm run build" at the repository root first.');
  process.exit(1);
}

function publishedManifest(workspaceManifest) {
  return {
    name: workspaceManifest.name,
    version: workspaceManifest.version,
    description: workspaceManifest.description,
    license: 'MIT',
    type: 'module',
    bin: { hookline: 'lib/hookline.mjs' },
    main: './lib/index.mjs',
    exports: { '.': './lib/index.mjs', './package.json': './package.json' },
    files: ['lib'],
    engines: { node: '>=20.18.1' },
    optionalDependencies: { 'better-sqlite3': workspaceManifest.optionalDependencies?.['better-sqlite3'] ?? workspaceManifest.dependencies['better-sqlite3'] },
    keywords: ['webhooks', 'procore', 'relay', 'cli'],
  };
}

const stage = mkdtempSync(join(tmpdir(), 'hookline-relay-pack-'));
try {
  cpSync(bundle, join(stage, 'lib'), { recursive: true });
  cpSync(join(root, 'README.md'), join(stage, 'README.md'));
  cpSync(join(root, 'LICENSE'), join(stage, 'LICENSE'));
  writeFileSync(join(stage, 'package.json'), `${JSON.stringify(publishedManifest(source), null, 2)}\n`);
  const result = spawnSync('npm', ['pack', '--silent', '--pack-destination', outDir], { cwd: stage, encoding: 'utf8', env: { ...process.env, npm_config_update_notifier: 'false' } });
  if (result.status !== 0) {
    console.error(`relay pack: npm pack failed (exit ${result.status}):\n${result.stderr}`);
    process.exit(1);
  }
  const file = result.stdout.trim().split('\n').pop();
  console.log(join(outDir, file));
} finally {
  rmSync(stage, { recursive: true, force: true });
}
