/**
 * `hookline open`: signs a browser in to the relay's web page. It asks the relay (with the token from the
 * data dir) for a one-time login code, prints a link carrying it, and tries to open the link in a browser.
 * The long-lived token itself never goes into a URL.
 */
import type { Command } from 'commander';
import { DEFAULT_PORT } from '../config.js';
import { defaultDataDir } from '../data-dir.js';
import { RelayClient } from './api-client.js';
import { openInBrowser } from './browser.js';

type Print = (text: string) => void;
export type BrowserOpener = (url: string) => Promise<boolean>;

export function registerOpenCommand(program: Command, print: Print, open: BrowserOpener = openInBrowser): void {
  program
    .command('open')
    .description('open the Company Webhooks page in a browser, signed in with a one-time link')
    .option('--no-browser', 'only print the link')
    .action(async (opts: { browser: boolean }, command: Command) => {
      const globals = command.optsWithGlobals<{ url?: string; dataDir?: string }>();
      const url = globals.url ?? process.env.HOOKLINE_URL ?? `http://127.0.0.1:${DEFAULT_PORT}`;
      const client = new RelayClient({ url, dataDir: globals.dataDir ?? defaultDataDir() });
      const { code, expires_at: expiresAt } = await client.request<{ code: string; expires_at: string }>('POST', '/api/web/login-codes');
      // The code rides in the fragment, which browsers never send to the server.
      const link = `${client.url}/#login=${code}`;
      const minutes = Math.max(1, Math.round((Date.parse(expiresAt) - Date.now()) / 60_000));
      print(`Company Webhooks: ${link}`);
      print(`(a one-time link: it signs in one browser and expires in ${minutes} minute${minutes === 1 ? '' : 's'})`);
      if (!opts.browser) return;
      const opened = await open(link);
      print(opened ? 'Opened in your browser.' : 'Could not open a browser here: open the link above yourself.');
    });
}
