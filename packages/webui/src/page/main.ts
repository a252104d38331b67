/**
 * The relay's web page: after the login gate, the shared Company Webhooks UI and the Deliveries section,
 * both talking to the relay's WebSocket with the session cookie.
 */
import { h } from '../dom.js';
import { mountCompanyWebhooks } from '../company-webhooks.js';
import { mountDeliveries } from '../deliveries/deliveries-section.js';
import { mountHealthBanner } from '../health/health-banner.js';
import { readState } from '../state.js';
import { endSession, exchangeLoginCode, hasSession, renderLoginGate, takeLoginCode } from './login.js';
import { WebSocketTransport } from './ws-transport.js';

const STATE_KEY = 'hookline.company-webhooks.state';

function loadState(): unknown {
  try {
    return JSON.parse(sessionStorage.getItem(STATE_KEY) ?? 'null');
  } catch {
    return null;
  }
}

function saveState(state: unknown): void {
  try {
    sessionStorage.setItem(STATE_KEY, JSON.stringify(state));
  } catch {
    // storage full or disabled: the page still works, it just forgets
  }
}

function mountApp(root: HTMLElement): void {
  root.textContent = '';
  const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
  const transport = new WebSocketTransport({
    url: `${scheme}//${location.host}/ws`,
    // A refused upgrade looks like any failed connection: ask the relay whether the session still holds.
    onConnectFailure: () => {
      void hasSession().then((ok) => {
        if (!ok) {
          transport.close();
          renderLoginGate(root, 'Your session has ended (was the relay restarted?).');
        }
      }, () => undefined);
    },
  });
  const signOut = h('button', { type: 'button', class: 'hl-button hl-button--secondary hl-button--small' }, 'Sign out');
  const health = h('div', { class: 'hl-page__health' });
  const config = h('div', { class: 'hl-page__config' });
  const deliveries = h('div', { class: 'hl-page__deliveries' });
  root.append(h('div', { class: 'hl-page__bar' }, h('span', { class: 'hl-page__brand' }, 'Hookline'), signOut), health, config, deliveries);
  mountHealthBanner(health, transport);

  const initial = readState(loadState());
  const deliveriesSection = mountDeliveries(deliveries, transport, { hookId: initial.hookId, downloads: true, redrawIntervalMs: 100 });
  mountCompanyWebhooks(config, transport, {
    state: initial,
    onStateChange: (state) => {
      saveState(state);
      deliveriesSection.setHookId(readState(state).hookId);
    },
  });
  signOut.addEventListener('click', () => {
    void endSession().finally(() => {
      transport.close();
      renderLoginGate(root);
    });
  });
  transport.connect();
  root.setAttribute('aria-busy', 'false');
}

async function start(): Promise<void> {
  const root = document.getElementById('app');
  if (!root) return;
  const code = takeLoginCode();
  let problem: string | undefined;
  try {
    if (code !== null) {
      const result = await exchangeLoginCode(code);
      if (!result.ok) problem = result.message;
    }
    if (await hasSession()) {
      mountApp(root);
      return;
    }
  } catch {
    problem = 'The relay did not answer. Is it still running?';
  }
  renderLoginGate(root, problem);
  // A login link opened in this very tab changes only the fragment, which reloads nothing.
  window.addEventListener('hashchange', () => void start(), { once: true });
}

void start();
