// Opens code-server's workbench in Debian's Chromium (playwright-core) with the extension under development
// and its test module injected the way @vscode/test-web does (developmentOptions in the workbench settings),
// echoes the extension host's test output, serves the UI driver, and resolves with the tests' exit code.
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import { chromium } from 'playwright-core';
import { hostPaths } from '../host-paths.mjs';
import { startUiDriver } from './ui-driver.mjs';

const MOCHA_LINE = /^(\s{2,}\S|\s*(✔|✓|\d+ passing|\d+ failing|\d+ pending)|(\w+: )?\d+ passed, \d+ failed$)/;

/**
 * A Playwright init script (it runs in the page before the workbench's own scripts, so it must stand alone): the
 * workbench reads its configuration from a data-settings attribute, and this adds development extensions (and
 * the extension tests to run, when given) to it, as `code --extensionDevelopmentPath` would.
 */
export function injectDevelopmentOptions({ devPaths, testsPath }) {
  const original = Element.prototype.getAttribute;
  Element.prototype.getAttribute = function (name) {
    const value = original.call(this, name);
    if (name === 'data-settings' && this.id === 'vscode-workbench-web-configuration' && value) {
      const config = JSON.parse(value);
      const remote = (path) => ({ scheme: 'vscode-remote', authority: location.host, path });
      const options = { ...(config.developmentOptions || {}), extensions: devPaths.map(remote) };
      if (testsPath) options.extensionTestsPath = remote(testsPath);
      config.developmentOptions = options;
      return JSON.stringify(config);
    }
    return value;
  };
}

export async function runWorkbench({ baseUrl, devPath, testsPath, folder, root, results, driverPort, timeoutMs }) {
  const started = Date.now();
  const logFile = join(root, 'workbench.log');
  const browserData = mkdtempSync(join(root, 'chromium-'));
  const context = await chromium.launchPersistentContext(browserData, {
    executablePath: hostPaths().chromium,
    headless: true,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    await context.addInitScript(injectDevelopmentOptions, { devPaths: [devPath], testsPath });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: baseUrl });
    const page = context.pages()[0] ?? (await context.newPage());
    let finish;
    const finished = new Promise((resolve) => (finish = resolve));
    await page.exposeFunction('codeAutomationLog', (type, args) => {
      if (type === 'trace') return;
      const line = format(...args);
      appendFileSync(logFile, `${type} ${line}\n`);
      if (process.env.HOOKLINE_ECHO_ALL || MOCHA_LINE.test(line)) console.log(line);
    });
    await page.exposeFunction('codeAutomationExit', (code) => finish(code));
    page.on('console', (message) => appendFileSync(logFile, `[page ${message.type()}] ${message.text()}\n`));
    page.on('pageerror', (error) => appendFileSync(logFile, `[pageerror] ${error.message}\n`));
    const driver = await startUiDriver({ port: driverPort, page, results, log: (line) => appendFileSync(logFile, `${line}\n`) });
    try {
      await page.goto(`${baseUrl}/?folder=${encodeURIComponent(folder)}`);
      let timer;
      const timedOut = new Promise((resolve) => (timer = setTimeout(() => resolve('timeout'), timeoutMs)));
      const code = await Promise.race([finished, timedOut]);
      clearTimeout(timer);
      if (code === 'timeout') {
        mkdirSync(results, { recursive: true });
        await page.screenshot({ path: join(results, 'timeout.png') }).catch(() => {});
        console.error(`[vscode-host] the tests did not finish within ${Math.round(timeoutMs / 1000)} s; screenshot in ${results}/timeout.png, log in ${logFile}`);
        return 1;
      }
      console.log(`[vscode-host] extension tests finished with exit code ${code} after ${((Date.now() - started) / 1000).toFixed(1)} s`);
      return code === 0 ? 0 : 1;
    } finally {
      driver.close();
    }
  } finally {
    await context.close().catch(() => {});
    rmSync(browserData, { recursive: true, force: true });
  }
}
