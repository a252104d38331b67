/**
 * The page's own welcome when no relay answers: what is wrong and a "Start Relay" button (the same command as
 * the Deliveries welcome view). Hidden while connected. The configuration UI below it is @hookline/webui.
 */
import type { ConnectionState } from '@hookline/core';
import type { HostCommand } from '../webview-protocol/webview-messages.js';

export class ConnectionBanner {
  constructor(private readonly element: HTMLElement, private readonly run: (command: HostCommand) => void) {}

  show(state: ConnectionState, relayUrl: string, detail: string): void {
    const element = this.element;
    element.replaceChildren();
    if (state === 'connected') {
      element.hidden = true;
      return;
    }
    element.hidden = false;
    element.dataset.state = state;
    const title = document.createElement('p');
    title.className = 'hookline-connection__title';
    title.textContent = state === 'connecting' ? `Connecting to the Hookline relay at ${relayUrl}…` : `No Hookline relay answers at ${relayUrl}.`;
    element.append(title);
    if (detail) {
      const why = document.createElement('p');
      why.className = 'hookline-connection__detail';
      why.textContent = detail;
      element.append(why);
    }
    const actions = document.createElement('div');
    actions.className = 'hookline-connection__actions';
    actions.append(this.button('Start Relay', 'startRelay', true), this.button('Connect', 'connect', false));
    element.append(actions);
  }

  private button(label: string, command: HostCommand, primary: boolean): HTMLButtonElement {
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = label;
    button.className = primary ? 'hookline-button' : 'hookline-button hookline-button--secondary';
    button.addEventListener('click', () => this.run(command));
    return button;
  }
}
