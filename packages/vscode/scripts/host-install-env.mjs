// The environments npm runs in when it installs the test host: their own, not the one the test run inherited.
// pnpm (on the machine's Node 20) sets npm_config_user_agent, npm_config_node_gyp, npm_config_nodedir and many
// more npm_config_* and npm_package_* variables, and puts the workspace's node_modules/.bin folders and its
// node-gyp shim first on PATH. npm reads every npm_config_* back as configuration, and code-server's postinstall
// reads the Node major from npm_config_user_agent, so all of that goes.
import { delimiter } from 'node:path';

const SET_BY_PACKAGE_MANAGERS = /^(npm_|pnpm_|PNPM_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$|NODE$)/i;
const PACKAGE_MANAGER_PATH_ENTRY = /node_modules[\\/]\.bin|node-gyp-bin/;

function pathKey(env) {
  return Object.keys(env).find((name) => name.toUpperCase() === 'PATH') ?? 'PATH';
}

/** The inherited environment without what pnpm and npm set for the script that is running now. */
export function cleanNpmEnv(env = process.env) {
  const clean = {};
  for (const [name, value] of Object.entries(env)) {
    if (value !== undefined && !SET_BY_PACKAGE_MANAGERS.test(name)) clean[name] = value;
  }
  const key = pathKey(env);
  clean[key] = (env[key] ?? '').split(delimiter).filter((entry) => entry && !PACKAGE_MANAGER_PATH_ENTRY.test(entry)).join(delimiter);
  clean.npm_config_update_notifier = 'false';
  clean.npm_config_fund = 'false';
  clean.npm_config_audit = 'false';
  return clean;
}

/**
 * For `npm install code-server`: Node 24 first on PATH (npm's own script starts with `#!/usr/bin/env node`, so
 * npm itself then runs on Node 24 and says so in its user agent), and native modules built against Node 24's
 * headers rather than the machine's default nodedir.
 */
export function codeServerInstallEnv(node24Dir, node24Bin, env = process.env) {
  const clean = cleanNpmEnv(env);
  const key = pathKey(clean);
  clean[key] = [node24Bin, ...clean[key].split(delimiter).filter((entry) => entry && entry !== node24Bin)].join(delimiter);
  clean.npm_config_nodedir = node24Dir;
  return clean;
}
