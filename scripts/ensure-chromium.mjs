#!/usr/bin/env node
// Makes sure Debian's Chromium is at /usr/bin/chromium for the web page's end-to-end tests: a fresh machine
// does not have it, so this installs it with apt-get (as root) or says exactly what to do.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const CHROMIUM = '/usr/bin/chromium';
const TEN_MINUTES = 10 * 60 * 1000;

function fail(message) {
  console.error(`ensure-chromium: ${message}`);
  process.exit(1);
}

if (existsSync(CHROMIUM)) process.exit(0);
if (process.platform !== 'linux') fail(`the browser tests drive Debian's Chromium at ${CHROMIUM}; run them on Debian or Ubuntu.`);
if (typeof process.getuid === 'function' && process.getuid() !== 0) {
  fail(`${CHROMIUM} is missing and installing it needs root. Run: sudo apt-get update && sudo apt-get install -y chromium`);
}

console.log('ensure-chromium: installing Debian chromium for the browser tests (apt-get)…');
const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
for (const args of [['update', '-qq'], ['install', '-y', '-qq', 'chromium']]) {
  const result = spawnSync('apt-get', args, { stdio: 'inherit', env, timeout: TEN_MINUTES });
  if (result.error) fail(`apt-get ${args[0]} could not run: ${result.error.message}`);
  if (result.status !== 0) fail(`apt-get ${args.join(' ')} failed (exit ${result.status}); install chromium by hand and retry.`);
}
if (!existsSync(CHROMIUM)) fail(`apt-get finished but ${CHROMIUM} is still missing.`);
console.log('ensure-chromium: chromium installed.');
