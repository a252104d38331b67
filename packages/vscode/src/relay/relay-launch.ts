/**
 * Which relay "Start Relay" runs, and how, on every platform VS Code runs on. Pure: the platform, the file
 * checks and the runtime are parameters, so the choices for win32 and darwin are pinned by unit tests on Linux.
 *
 * In this order: `hookline.relay.cliPath` when set; a `hookline` in a workspace folder's node_modules/.bin;
 * otherwise the relay bundled in the extension (dist/relay/hookline.mjs), run by VS Code's own runtime
 * (`process.execPath` with ELECTRON_RUN_AS_NODE=1, which makes the Electron binary behave as Node).
 */
import { posix, win32 } from 'node:path';

export type RelaySource = 'setting' | 'workspace' | 'bundled';

export interface RelayLaunch {
  source: RelaySource;
  command: string;
  /** Arguments before the relay's own (a script path when the command is the runtime). */
  prefix: string[];
  /** Added to the child's environment. */
  env: Record<string, string>;
  /** Windows runs .cmd shims only through cmd.exe; nothing else needs a shell. */
  shell: boolean;
}

export interface LaunchContext {
  platform: NodeJS.Platform;
  /** The runtime running this extension host (VS Code's Electron, or Node in a server host). */
  execPath: string;
  /** dist/relay/hookline.mjs inside the installed extension. */
  bundledCli: string;
  exists: (path: string) => boolean;
}

const SCRIPT = /\.(m?js|cjs)$/i;
const WINDOWS_SHIM = /\.(cmd|bat)$/i;
export const RUN_AS_NODE = { ELECTRON_RUN_AS_NODE: '1' } as const;

function pathApi(platform: NodeJS.Platform): typeof posix {
  return platform === 'win32' ? win32 : posix;
}

function runScript(source: RelaySource, script: string, context: LaunchContext): RelayLaunch {
  return { source, command: context.execPath, prefix: [script], env: { ...RUN_AS_NODE }, shell: false };
}

function runExecutable(source: RelaySource, path: string, platform: NodeJS.Platform): RelayLaunch {
  return { source, command: path, prefix: [], env: {}, shell: platform === 'win32' && WINDOWS_SHIM.test(path) };
}

/** The workspace's own CLI: node_modules/.bin/hookline, or hookline.cmd on Windows (npm's shim there). */
export function workspaceCliCandidates(folder: string, platform: NodeJS.Platform): string[] {
  const bin = pathApi(platform).join(folder, 'node_modules', '.bin');
  const join = (name: string): string => pathApi(platform).join(bin, name);
  return platform === 'win32' ? [join('hookline.cmd'), join('hookline.exe')] : [join('hookline')];
}

export function resolveRelayLaunch(cliPathSetting: string, workspaceFolders: readonly string[], context: LaunchContext): RelayLaunch {
  const setting = cliPathSetting.trim();
  if (setting !== '') return SCRIPT.test(setting) ? runScript('setting', setting, context) : runExecutable('setting', setting, context.platform);
  for (const folder of workspaceFolders) {
    const local = workspaceCliCandidates(folder, context.platform).find((candidate) => context.exists(candidate));
    if (local) return runExecutable('workspace', local, context.platform);
  }
  return runScript('bundled', context.bundledCli, context);
}

export function relayArgs(baseUrl: string, dataDir: string): string[] {
  const url = new URL(baseUrl);
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return ['relay', '--host', host, '--port', port, '--data-dir', dataDir, '--json'];
}

/** How to stop the child: a signal where there are signals, the whole tree through taskkill where a shell ran it. */
export function stopPlan(platform: NodeJS.Platform, pid: number, viaShell: boolean): { signal: NodeJS.Signals } | { command: string; args: string[] } {
  if (platform === 'win32' && viaShell) return { command: 'taskkill', args: ['/pid', String(pid), '/T', '/F'] };
  return { signal: 'SIGTERM' };
}

/** A command line to show a person, quoted for their shell. */
export function describeLaunch(launch: RelayLaunch, args: readonly string[], platform: NodeJS.Platform): string {
  const quote = (part: string): string => {
    if (/^[\w@%+=:,./\\-]+$/.test(part)) return part;
    return platform === 'win32' ? `"${part.replace(/"/g, '""')}"` : `'${part.replace(/'/g, "'\\''")}'`;
  };
  const env = Object.entries(launch.env).map(([name, value]) => (platform === 'win32' ? `set ${name}=${value}&&` : `${name}=${value}`));
  return [...env, ...[launch.command, ...launch.prefix, ...args].map(quote)].join(' ');
}
