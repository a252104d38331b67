/**
 * The Company Webhooks webview page: a `ready` handshake with the extension, then @hookline/webui's
 * Company Webhooks UI mounted on a postMessage transport, its state kept with getState/setState so it survives
 * the view being hidden and shown.
 */
import { mountCompanyWebhooks } from '@hookline/webui';
import '@hookline/webui/company-webhooks.css';
import './main.css';
import { isHostToWebview } from '../webview-protocol/webview-messages.js';
import type { WebviewToHost } from '../webview-protocol/webview-messages.js';
import { ConnectionBanner } from './connection-banner.js';
import { PostMessageTransport } from './post-message-transport.js';
import { vscodeApi } from './vscode-api.js';

interface PageState {
  webui?: unknown;
}

const api = vscodeApi();
const post = (message: WebviewToHost): void => api.postMessage(message);
const transport = new PostMessageTransport(post);
const root = document.getElementById('hookline-root');
const bannerElement = document.getElementById('hookline-connection');
if (!root || !bannerElement) throw new Error('The Company Webhooks page is missing its root elements.');
const banner = new ConnectionBanner(bannerElement, (command) => post({ type: 'command', command }));
let mounted = false;

function mount(target: HTMLElement): void {
  const saved = (api.getState() as PageState | undefined) ?? {};
  mountCompanyWebhooks(target, transport, {
    state: saved.webui,
    onStateChange: (state: unknown) => api.setState({ ...((api.getState() as PageState | undefined) ?? {}), webui: state } satisfies PageState),
  });
}

window.addEventListener('message', (event: MessageEvent<unknown>) => {
  const message = event.data;
  if (!isHostToWebview(message)) return;
  if (message.type === 'init' || message.type === 'connection') banner.show(message.connection, message.relayUrl, message.detail);
  // Mount before the first state reaches the transport, so the UI hears it (and reloads after a disconnect).
  if (message.type === 'init' && !mounted) {
    mounted = true;
    mount(root);
  }
  transport.receive(message);
});

post({ type: 'ready' });
