import assert from 'node:assert/strict';
import { delimiter } from 'node:path';
import { cleanNpmEnv, codeServerInstallEnv } from '../../scripts/host-install-env.mjs';

// What pnpm on Node 20 hands a package's test script (abridged from a real `env` dump inside `pnpm run test`).
const underPnpm: NodeJS.ProcessEnv = {
  HOME: '/home/dev',
  PATH: ['/repo/packages/vscode/node_modules/.bin', '/repo/node_modules/.bin', '/root/.npm/_npx/1/node_modules/pnpm/dist/node-gyp-bin', '/usr/local/bin', '/usr/bin'].join(delimiter),
  npm_config_user_agent: 'pnpm/10.34.8 npm/? node/v20.20.2 linux x64',
  npm_config_node_gyp: '/root/.npm/_npx/1/node_modules/pnpm/dist/node_modules/node-gyp/bin/node-gyp.js',
  npm_config_nodedir: '/usr',
  npm_package_name: 'hookline',
  npm_lifecycle_event: 'test',
  npm_node_execpath: '/usr/bin/node',
  PNPM_SCRIPT_SRC_DIR: '/repo/packages/vscode',
  INIT_CWD: '/repo',
  NODE: '/usr/bin/node',
  HOOKLINE_VSCODE_HOST_CACHE: '/tmp/host',
};

describe('the test host installer environment', () => {
  it('drops every variable pnpm and npm set for the running script, and keeps the rest', () => {
    const env = cleanNpmEnv(underPnpm);
    const leftovers = Object.keys(env).filter((name) => /^(npm_|pnpm_)/i.test(name) && !['npm_config_update_notifier', 'npm_config_fund', 'npm_config_audit'].includes(name));
    assert.deepEqual(leftovers, []);
    assert.equal(env.INIT_CWD, undefined);
    assert.equal(env.NODE, undefined);
    assert.equal(env.HOME, '/home/dev');
    assert.equal(env.HOOKLINE_VSCODE_HOST_CACHE, '/tmp/host');
    assert.equal(env.PATH, ['/usr/local/bin', '/usr/bin'].join(delimiter));
  });

  it('runs npm for code-server on Node 24 first on PATH, with Node 24 headers and no inherited user agent', () => {
    const env = codeServerInstallEnv('/cache/node24', '/cache/node24/bin', underPnpm);
    assert.equal(env.PATH?.split(delimiter)[0], '/cache/node24/bin');
    assert.equal(env.npm_config_nodedir, '/cache/node24');
    assert.equal(env.npm_config_user_agent, undefined);
    assert.equal(env.npm_config_node_gyp, undefined);
    assert.ok(!env.PATH?.includes('node_modules'));
  });
});
