import { createRequire } from 'node:module';
import { bundleInfo } from './bundle-info.js';

function workspaceVersion(): string {
  const require = createRequire(import.meta.url);
  return (require('../package.json') as { version: string }).version;
}

/** The relay's version, as in packages/relay/package.json (inlined into the bundle when it is built). */
export const RELAY_VERSION: string = bundleInfo?.version ?? workspaceVersion();
export const USER_AGENT = `Hookline/${RELAY_VERSION}`;
