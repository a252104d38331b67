#!/usr/bin/env node
// The first half of the two-command rule: make a fresh clone ready to build, with only Node and npm present.
import { runPnpm } from './pnpm.mjs';

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 20 || (major === 20 && minor < 18)) {
  console.error(`Hookline needs Node.js 20.18 or newer; this is ${process.version}. Install a newer Node.js and retry.`);
  process.exit(1);
}

const status = runPnpm(['install', '--prefer-offline', '--reporter=append-only']);
if (status !== 0) {
  console.error('Installing dependencies with pnpm failed (see above). Check your network access to the npm registry and retry.');
  process.exit(status);
}
