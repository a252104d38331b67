/**
 * Getting in: `hookline open` prints a link whose fragment carries a one-time login code (a fragment never
 * reaches the server in a request line or a log). The page trades it for an HttpOnly session cookie and
 * removes it from the address bar; without a session the page only says how to get in.
 */
import { h, replaceChildren } from '../dom.js';

const CODE_PATTERN = /^[A-Za-z0-9_-]{16,128}$/;

/** Takes the login code out of the address (if any), so a reload or a shared URL never carries it. */
export function takeLoginCode(): string | null {
  const params = new URLSearchParams(location.hash.replace(/^#/, ''));
  const code = params.get('login');
  if (code === null) return null;
  history.replaceState(history.state, '', `${location.pathname}${location.search}`);
  return CODE_PATTERN.test(code) ? code : '';
}

async function readError(response: Response): Promise<string> {
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) return body.error.message;
  } catch {
    // not JSON: fall through
  }
  return `The relay answered ${response.status}.`;
}

export async function exchangeLoginCode(code: string): Promise<{ ok: true } | { ok: false; message: string }> {
  if (code === '') return { ok: false, message: 'The login link is damaged.' };
  const response = await fetch('/api/web/session', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code }),
  });
  return response.ok ? { ok: true } : { ok: false, message: await readError(response) };
}

export async function hasSession(): Promise<boolean> {
  const response = await fetch('/api/web/session', { credentials: 'same-origin' });
  return response.ok;
}

export async function endSession(): Promise<void> {
  await fetch('/api/web/session', { method: 'DELETE', credentials: 'same-origin' });
}

/** Everything a visitor without a session sees. */
export function renderLoginGate(root: HTMLElement, problem?: string): void {
  const command = h('code', { class: 'hl-command' }, 'hookline open');
  replaceChildren(
    root,
    h('section', { class: 'hl-gate', 'aria-labelledby': 'hl-gate-title' },
      h('h1', { id: 'hl-gate-title', class: 'hl-title' }, 'Hookline'),
      problem ? h('p', { class: 'hl-banner hl-banner--warning', role: 'alert' }, problem) : null,
      h('p', {}, 'This page needs a login link from the relay. In a terminal on this machine, run:'),
      h('pre', { class: 'hl-gate__command' }, command),
      h('p', {}, 'It opens this page signed in (or prints a one-time link to open). Each link works once, for two minutes.'),
    ),
  );
  root.setAttribute('aria-busy', 'false');
}
