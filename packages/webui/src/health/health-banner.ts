/**
 * A banner at the top of the page while any hook's endpoint is failing, cleared when it recovers. It asks the
 * relay for every hook's health on each (re)connection and follows `hook.health` pushes in between.
 */
import type { RelayTransport } from '@hookline/core';
import { Banner } from '../banner.js';
import { Disposables } from '../dom.js';
import { HealthModel, describeFailure } from './health-model.js';

export interface HealthBanner {
  readonly element: HTMLElement;
  dispose(): void;
}

export function mountHealthBanner(root: HTMLElement, transport: RelayTransport): HealthBanner {
  const model = new HealthModel();
  const banner = new Banner();
  banner.element.classList.add('hl-health-banner');
  banner.element.setAttribute('data-testid', 'health-banner');
  root.append(banner.element);
  const names = new Map<number, string>();
  const disposables = new Disposables();

  const render = (): void => {
    const failing = model.failing();
    if (failing.length === 0) {
      banner.clear();
      return;
    }
    banner.show({
      kind: 'error',
      title: failing.length === 1 ? 'Your notification endpoint is failing' : `${failing.length} notification endpoints are failing`,
      messages: failing.map((health) => describeFailure(health, names.get(health.hookId) ?? `Hook ${health.hookId}`)),
    });
  };

  const refresh = async (): Promise<void> => {
    try {
      const [{ health }, { hooks }] = await Promise.all([transport.request('health.get', {}), transport.request('hooks.list', {})]);
      for (const hook of hooks) names.set(hook.id, `Hook ${hook.id} (${hook.namespace})`);
      model.reset(health);
      render();
    } catch {
      // the connection dropped again; the next 'connected' asks anew
    }
  };

  disposables.add(
    transport.onPush((message) => {
      if (message.type === 'hook.health') {
        model.update(message.health);
        render();
      } else if (message.type === 'hook.deleted') {
        model.remove(message.hookId);
        render();
      } else if (message.type === 'hook.updated') {
        names.set(message.hook.id, `Hook ${message.hook.id} (${message.hook.namespace})`);
      }
    }),
  );
  disposables.add(
    transport.onConnectionState((state) => {
      if (state === 'connected') void refresh();
    }),
  );
  void refresh();

  return {
    element: banner.element,
    dispose: () => {
      disposables.dispose();
      banner.element.remove();
    },
  };
}
