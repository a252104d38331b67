/**
 * Where the bench finds the relay it measures: the built CLI, the built store modules, and the relay package's
 * own copies of undici and ws (pnpm keeps them out of the root's node_modules, and the bench adds no deps).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const RELAY_DIR = join(ROOT, 'packages', 'relay');
/** What `./node_modules/.bin/hookline` runs. */
export const HOOKLINE_BIN = join(RELAY_DIR, 'bin', 'hookline.js');
/** What the npm package's `hookline` and the VS Code extension run: the relay's one-file bundle. */
export const HOOKLINE_BUNDLE_BIN = join(RELAY_DIR, 'bundle', 'hookline.mjs');

const relayRequire = createRequire(join(RELAY_DIR, 'package.json'));

/** undici and ws as the relay resolves them (CommonJS modules). */
export function relayDependency(name) {
  return relayRequire(name);
}

/** A module of the built relay, e.g. `store/database.js`. */
export function relayDist(path) {
  return import(pathToFileURL(join(RELAY_DIR, 'dist', path)).href);
}
