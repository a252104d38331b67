/** Best-effort "open this URL in the person's browser": never throws, says whether it seems to have worked. */
import { spawn } from 'node:child_process';

/** How long a launcher may take to fail before we assume the browser is starting. */
const SETTLE_MS = 1500;

function launcher(url: string, env: NodeJS.ProcessEnv, platform: NodeJS.Platform): [string, string[]] {
  // $BROWSER is the Unix convention for "the browser I want", a colon-separated list of commands.
  const chosen = env.BROWSER?.split(':').map((s) => s.trim()).find((s) => s !== '');
  if (chosen) return [chosen, [url]];
  if (platform === 'darwin') return ['open', [url]];
  // rundll32 takes the URL as one argument, unlike `start`, which would split it at '&'.
  if (platform === 'win32') return ['rundll32', ['url.dll,FileProtocolHandler', url]];
  return ['xdg-open', [url]];
}

export function openInBrowser(url: string, env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): Promise<boolean> {
  return new Promise((resolve) => {
    const [command, args] = launcher(url, env, platform);
    let settled = false;
    const settle = (opened: boolean): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(opened);
    };
    const timer = setTimeout(() => settle(true), SETTLE_MS);
    timer.unref();
    try {
      const child = spawn(command, args, { detached: true, stdio: 'ignore' });
      child.on('error', () => settle(false));
      child.on('exit', (code) => settle(code === 0));
      child.unref();
    } catch {
      settle(false);
    }
  });
}
