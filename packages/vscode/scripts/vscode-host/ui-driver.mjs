// A small HTTP endpoint on 127.0.0.1 through which the integration tests, running inside the extension host,
// act on the real workbench like a person: click in the Company Webhooks webview, wait for tree rows, take a
// screenshot. (The tests cannot reach the browser otherwise: they run in the server's extension host.)
import { createServer } from 'node:http';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

function webviewFrame(page) {
  // The webview view lives in two nested iframes: the host frame, then #active-frame with our page.
  return page.frameLocator('iframe.webview.ready').first().frameLocator('#active-frame');
}

const actions = {
  /** { role, name } → clicks the element in the webview; returns whether a checkbox is now checked. */
  async 'webview.click'(page, { role, name }) {
    const target = webviewFrame(page).getByRole(role, { name, exact: true });
    await target.scrollIntoViewIfNeeded({ timeout: 15_000 });
    await target.click({ timeout: 15_000 });
    return role === 'checkbox' ? { checked: await target.isChecked() } : {};
  },
  /** { role, name, value } → types into a field of the webview (replacing its value). */
  async 'webview.fill'(page, { role, name, value }) {
    await webviewFrame(page).getByRole(role, { name, exact: true }).fill(value, { timeout: 15_000 });
    return {};
  },
  /** { role, name } → scrolls the element into view in the webview. */
  async 'webview.reveal'(page, { role, name }) {
    await webviewFrame(page).getByRole(role, { name, exact: true }).scrollIntoViewIfNeeded({ timeout: 15_000 });
    return {};
  },
  /** { role, name } → the current value of a field in the webview. */
  async 'webview.value'(page, { role, name }) {
    return { value: await webviewFrame(page).getByRole(role, { name, exact: true }).inputValue({ timeout: 15_000 }) };
  },
  /** { role, name, checked } → waits until a checkbox in the webview shows that state. */
  async 'webview.waitChecked'(page, { role = 'checkbox', name, checked }) {
    const target = webviewFrame(page).getByRole(role, { name, exact: true });
    await target.waitFor({ timeout: 15_000 });
    const deadline = Date.now() + 15_000;
    while ((await target.isChecked()) !== checked) {
      if (Date.now() > deadline) throw new Error(`"${name}" stayed ${checked ? 'unchecked' : 'checked'}`);
      await page.waitForTimeout(100);
    }
    return { checked };
  },
  /** { text } → waits until the webview shows the text. */
  async 'webview.waitText'(page, { text }) {
    await webviewFrame(page).getByText(text, { exact: false }).first().waitFor({ timeout: 20_000 });
    return {};
  },
  /** { selector } → an SVG in the webview: its aria-label, its size, and how many of its rects have a height. */
  async 'webview.svg'(page, { selector }) {
    const target = webviewFrame(page).locator(selector).first();
    await target.waitFor({ timeout: 20_000 });
    const box = await target.boundingBox();
    const heights = await target.locator('rect').evaluateAll((rects) => rects.map((r) => Number(r.getAttribute('height'))));
    return { label: await target.getAttribute('aria-label'), width: box?.width ?? 0, height: box?.height ?? 0, bars: heights.filter((h) => h > 0).length };
  },
  /** { selector, name } → scrolls the webview element into view and saves a screenshot of it as <results>/<name>.png. */
  async 'webview.screenshot'(page, { selector, name }, results) {
    mkdirSync(results, { recursive: true });
    const path = join(results, `${String(name).replace(/[^\w.-]/g, '_')}.png`);
    const target = webviewFrame(page).locator(selector).first();
    await target.scrollIntoViewIfNeeded({ timeout: 15_000 });
    await target.screenshot({ path, timeout: 15_000 });
    return { path };
  },
  /** { text } → waits until a tree row shows the text. */
  async 'tree.waitRow'(page, { text }) {
    await page.locator('.monaco-list-row', { hasText: text }).first().waitFor({ timeout: 20_000 });
    return { rows: await page.locator('.monaco-list-row', { hasText: text }).count() };
  },
  /** { text, view?, end? } → clicks the first tree row showing the text (expands it, or runs its command).
   *  Trees render only visible rows: with `view` and `end`, the view's list is focused and scrolled to its end first. */
  async 'tree.click'(page, { text, view, end }) {
    if (view && end) {
      const pane = page.locator('.pane', { has: page.locator('.pane-header', { hasText: view }) }).first();
      await pane.locator('.monaco-list-row').first().click({ timeout: 20_000 });
      await page.keyboard.press('End');
    }
    await page.locator('.monaco-list-row', { hasText: text }).first().click({ timeout: 20_000 });
    return {};
  },
  /** { text } → the notification toasts on screen that show the text: how many, and the first one's buttons. */
  async 'notifications.find'(page, { text }) {
    const toasts = page.locator('.notifications-toasts .notification-toast', { hasText: text });
    const count = await toasts.count();
    const buttons = count === 0 ? [] : await toasts.first().locator('.notification-list-item-buttons-container .monaco-button').allInnerTexts();
    return { count, buttons: buttons.map((b) => b.trim()).filter(Boolean) };
  },
  /** { text, button } → clicks a button of the notification toast that shows the text. */
  async 'notifications.click'(page, { text, button }) {
    const toast = page.locator('.notifications-toasts .notification-toast', { hasText: text }).first();
    await toast.locator('.notification-list-item-buttons-container .monaco-button', { hasText: button }).first().click({ timeout: 15_000 });
    return {};
  },
  /** { pattern } → the status bar items whose text matches the pattern (a RegExp source): text and CSS classes
   *  (VS Code marks an item whose background is statusBarItem.errorBackground with `error-kind`). */
  async 'statusbar.find'(page, { pattern }) {
    const items = page.locator('.statusbar-item', { hasText: new RegExp(pattern) });
    const found = [];
    for (let i = 0; i < (await items.count()); i += 1) {
      const item = items.nth(i);
      found.push({ text: (await item.innerText()).trim(), classes: ((await item.getAttribute('class')) ?? '').split(/\s+/).filter(Boolean) });
    }
    return { items: found };
  },
  /** { width } → drags the primary side bar's edge so the side bar is `width` pixels wide. */
  async 'sidebar.resize'(page, { width }) {
    const box = await page.locator('.part.sidebar').first().boundingBox();
    if (!box) throw new Error('no side bar');
    const y = box.y + box.height / 2;
    await page.mouse.move(box.x + box.width - 1, y);
    await page.mouse.down();
    await page.mouse.move(box.x + width, y, { steps: 8 });
    await page.mouse.up();
    return { width: (await page.locator('.part.sidebar').first().boundingBox())?.width };
  },
  /** { command } → runs a command as a person does: F1, type its title, Enter on the matching entry. */
  async 'palette.run'(page, { command }) {
    await page.locator('.monaco-workbench').first().click({ position: { x: 5, y: 5 }, timeout: 15_000 }).catch(() => {});
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input').first();
    await input.waitFor({ timeout: 15_000 });
    await input.fill(`>${command}`);
    const row = page.locator('.quick-input-widget .monaco-list-row', { hasText: command }).first();
    await row.waitFor({ timeout: 15_000 });
    await row.click({ timeout: 15_000 });
    return {};
  },
  /** { name } → saves a screenshot of the whole workbench as <results>/<name>.png. */
  async screenshot(page, { name }, results) {
    mkdirSync(results, { recursive: true });
    const path = join(results, `${String(name).replace(/[^\w.-]/g, '_')}.png`);
    await page.screenshot({ path });
    return { path };
  },
};

export function startUiDriver({ port, page, results, log }) {
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', async () => {
      const name = decodeURIComponent((req.url ?? '/').slice(1));
      const action = actions[name];
      const reply = (status, value) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(value));
      };
      if (req.method !== 'POST' || !action) return reply(404, { error: `unknown action ${name}` });
      try {
        const params = body ? JSON.parse(body) : {};
        log?.(`[ui-driver] ${name} ${body}`);
        reply(200, await action(page, params, results));
      } catch (error) {
        reply(500, { error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve({ close: () => server.close() })));
}
