/**
 * The relay fixture (a real relay in this process on 127.0.0.1) with what the web page's tests add: a JSON
 * API helper and the one-time login link that `hookline open` prints.
 */
import type { Page } from 'playwright-core';
import { runCli } from '../../src/cli/program.js';
import type { RelayOptions } from '../../src/config.js';
import type { RunningRelay } from '../../src/relay.js';
import type { Browser } from './browser.js';
import { startRelayFixture } from './relay-fixture.js';

export interface WebRelay {
  relay: RunningRelay;
  url: string;
  dataDir: string;
  api<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  /** Runs `hookline open --no-browser` against this relay and returns the link it printed. */
  loginLink(): Promise<string>;
  stop(): Promise<void>;
}

export async function startWebRelay(overrides: Partial<RelayOptions> = {}): Promise<WebRelay> {
  const fixture = await startRelayFixture(overrides);
  const { relay, dataDir } = fixture;
  return {
    relay,
    url: relay.url,
    dataDir,
    api: async (method, path, body) => {
      const response = await fixture.api(path, { method, ...(body === undefined ? {} : { json: body }) });
      const text = await response.text();
      return { status: response.status, body: (text ? JSON.parse(text) : undefined) as never };
    },
    loginLink: async () => {
      const out: string[] = [];
      const code = await runCli(['node', 'hookline', '--url', relay.url, '--data-dir', dataDir, 'open', '--no-browser'], {
        print: (t) => out.push(t),
        printError: (t) => out.push(t),
      });
      const link = /https?:\/\/\S+#login=\S+/.exec(out.join('\n'))?.[0];
      if (code !== 0 || !link) throw new Error(`hookline open failed (${code}): ${out.join('\n')}`);
      return link;
    },
    stop: () => fixture.stop(),
  };
}

/** The browser's page, signed in to the relay's web page through a one-time login link and connected. */
export async function openSignedInPage(browser: Browser, relay: WebRelay, beforeLoad?: (page: Page) => void): Promise<Page> {
  const page = browser.context.pages()[0] ?? (await browser.context.newPage());
  beforeLoad?.(page);
  await page.goto(await relay.loginLink());
  await page.getByText('Connected', { exact: true }).waitFor();
  return page;
}
