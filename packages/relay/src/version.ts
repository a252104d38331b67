import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const packageJson = require('../package.json') as { version: string };

/** The relay's version, as in packages/relay/package.json. */
export const RELAY_VERSION: string = packageJson.version;
export const USER_AGENT = `Hookline/${RELAY_VERSION}`;
