#!/usr/bin/env node
// Bundles the relay's web page (script and stylesheet) into dist/bundle/, which the relay serves: no CDN, so the
// page works offline. The VS Code extension bundles src/index.ts itself.
import { build } from 'esbuild';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

await build({
  absWorkingDir: root,
  entryPoints: { page: 'src/page/main.ts', 'page-style': 'src/page/page.css' },
  outdir: 'dist/bundle',
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['chrome110', 'firefox110', 'safari16'],
  minify: true,
  sourcemap: 'linked',
  legalComments: 'none',
  logLevel: 'warning',
});
