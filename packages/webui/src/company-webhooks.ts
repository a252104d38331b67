/**
 * The Company Webhooks configuration UI, shared by the relay's web page and the VS Code webview: banner,
 * hook picker, endpoint form, the selected hook's activity chart and Resource Grid, kept in step with the relay
 * through a RelayTransport.
 */
import type { ConnectionState, PublicHook, PushMessage, RelayTransport } from '@hookline/core';
import { ActivityPanel } from './activity/activity-panel.js';
import { Banner } from './banner.js';
import { Disposables, h } from './dom.js';
import { EndpointForm } from './endpoint/endpoint-form.js';
import { errorMessage } from './errors.js';
import { GridController } from './grid/grid-controller.js';
import { HookPicker, chooseHook } from './hook-picker.js';
import { StateKeeper } from './state.js';

export interface MountOptions {
  /** What onStateChange last reported, to restore search, hook and scroll. */
  state?: unknown;
  onStateChange?: (state: unknown) => void;
}

export interface Mounted {
  dispose(): void;
}

const CONNECTION_TEXT: Record<ConnectionState, string> = {
  connecting: 'Connecting to the relay…',
  connected: 'Connected',
  disconnected: 'Disconnected: reconnecting…',
};

export function mountCompanyWebhooks(root: HTMLElement, transport: RelayTransport, options: MountOptions = {}): Mounted {
  const disposables = new Disposables();
  const state = new StateKeeper(options.state, options.onStateChange);
  const banner = new Banner();
  const connection = h('span', { class: 'hl-connection hl-connection--connected', role: 'status' }, CONNECTION_TEXT.connected);
  const loading = h('p', { class: 'hl-loading', role: 'status' }, 'Loading the webhook configuration…');
  const retry = h('button', { type: 'button', class: 'hl-button hl-button--secondary', hidden: true }, 'Try again');
  const picker = new HookPicker((hookId) => void selectHook(hookId));
  const form = new EndpointForm({
    save: (params) => transport.request('endpoint.set', params),
    banner,
    onSaved: (hook) => upsertHook(hook),
  });
  const activity = new ActivityPanel({ transport });
  const gridSlot = h('div', { class: 'hl-grid-slot' });
  const container = h(
    'div',
    { class: 'hl-company-webhooks' },
    h('header', { class: 'hl-header' }, h('h1', { class: 'hl-title' }, 'Company Webhooks'), connection),
    banner.element,
    h('div', { class: 'hl-loading-row' }, loading, retry),
    picker.element,
    form.element,
    activity.element,
    gridSlot,
  );
  root.appendChild(container);

  let disposed = false;
  let hooks: PublicHook[] = [];
  let selectedId: number | null = null;
  let grid: GridController | undefined;
  let loadGeneration = 0;
  let wasDisconnected = false;

  const setEnabled = (enabled: boolean): void => {
    form.setEnabled(enabled);
    grid?.setEnabled(enabled);
  };

  const upsertHook = (hook: PublicHook): void => {
    const index = hooks.findIndex((h) => h.id === hook.id);
    hooks = index >= 0 ? hooks.map((h) => (h.id === hook.id ? hook : h)) : [...hooks, hook];
    picker.render(hooks, selectedId);
    if (hook.id === selectedId) form.setHook(hook);
    else if (selectedId === null) void selectHook(hook.id);
  };

  async function selectHook(hookId: number | null): Promise<void> {
    selectedId = hookId;
    const hook = hooks.find((h) => h.id === hookId);
    picker.render(hooks, selectedId);
    form.setHook(hook);
    activity.show(hookId);
    if (hookId !== null) {
      state.update({ hookId });
      // Hosts follow the hook at once (the page's Deliveries section filters by it); typing and scrolling wait.
      state.flush();
    }
    if (!grid) return;
    if (hookId === null) {
      grid.showHook(null, {});
      return;
    }
    try {
      const reply = await transport.request('triggers.get', { hookId });
      if (!disposed && selectedId === hookId) grid.showHook(hookId, reply.grid);
    } catch (error) {
      if (!disposed && selectedId === hookId) banner.show({ kind: 'error', title: 'The Resource Grid could not be loaded.', messages: [errorMessage(error)] });
    }
  }

  async function load(): Promise<void> {
    const generation = ++loadGeneration;
    loading.hidden = false;
    loading.textContent = 'Loading the webhook configuration…';
    retry.hidden = true;
    try {
      const [resources, list] = await Promise.all([transport.request('resources.list', {}), transport.request('hooks.list', {})]);
      if (disposed || generation !== loadGeneration) return;
      if (!grid) {
        const initial = state.get();
        grid = new GridController({
          transport,
          resources: resources.resources,
          search: initial.search,
          onSearch: (search) => state.update({ search }),
          onScroll: (scrollTop) => state.update({ scrollTop }),
        });
        gridSlot.appendChild(grid.element);
        grid.render();
        // The scroller has its height only once it is laid out.
        requestAnimationFrame(() => {
          if (grid) grid.view.scrollTop = initial.scrollTop;
        });
      }
      hooks = list.hooks;
      await selectHook(chooseHook(hooks, selectedId ?? state.get().hookId)?.id ?? null);
      if (disposed || generation !== loadGeneration) return;
      loading.hidden = hooks.length > 0;
      loading.textContent = hooks.length > 0 ? '' : 'The relay has no hook yet. Create one with the API (POST /api/hooks).';
    } catch (error) {
      if (disposed || generation !== loadGeneration) return;
      loading.textContent = `The webhook configuration could not be loaded: ${errorMessage(error)}`;
      retry.hidden = false;
    }
  }

  const onPush = (message: PushMessage): void => {
    switch (message.type) {
      case 'hook.updated':
        upsertHook(message.hook);
        return;
      case 'hook.deleted':
        hooks = hooks.filter((h) => h.id !== message.hookId);
        if (message.hookId === selectedId) void selectHook(chooseHook(hooks, null)?.id ?? null);
        else picker.render(hooks, selectedId);
        return;
      case 'triggers.updated':
        grid?.applyPush(message.hookId, message.grid);
        return;
      default:
        return;
    }
  };

  const onConnection = (next: ConnectionState): void => {
    connection.textContent = CONNECTION_TEXT[next];
    connection.className = `hl-connection hl-connection--${next}`;
    setEnabled(next === 'connected');
    if (next === 'disconnected') wasDisconnected = true;
    // Whatever changed while we were away is loaded again rather than guessed.
    if (next === 'connected' && wasDisconnected) {
      wasDisconnected = false;
      void load();
    }
  };

  disposables.add(transport.onPush(onPush));
  disposables.add(transport.onConnectionState(onConnection));
  disposables.listen(retry, 'click', () => void load());
  void load();

  return {
    dispose: () => {
      if (disposed) return;
      disposed = true;
      state.dispose();
      activity.dispose();
      disposables.dispose();
      container.remove();
    },
  };
}
