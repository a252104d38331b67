/**
 * A banner at the top of the page while any hook's endpoint is failing, cleared when it recovers: a renderer of
 * the shared HealthList (health.get on each hello, `hook.health` pushes in between), with the hooks' names.
 * While the relay cannot write (its disk is full: the hello's `storage`, then `relay.storage` pushes) it says
 * that first, with the relay's reason.
 */
import { describeHealthError } from '@hookline/core';
import type { HookHealth, RelayTransport, StorageHealth } from '@hookline/core';
import { Banner } from '../banner.js';
import { HealthFeed, HealthList } from '../client/index.js';
import { Disposables } from '../dom.js';

export interface HealthBanner {
  readonly element: HTMLElement;
  dispose(): void;
}

export function describeFailure(health: HookHealth, hookName: string): string {
  const what = describeHealthError(health.lastError);
  const since = health.streakStartedAt ? ` since ${new Date(health.streakStartedAt).toLocaleTimeString()}` : '';
  // No attempt count: pushes come on changes of state only, so a count here would go stale.
  return `${hookName}: ${what}${since}. New deliveries wait until it succeeds again.`;
}

/** Mount before the transport connects: the list is asked for on the relay's hello. */
export function mountHealthBanner(root: HTMLElement, transport: RelayTransport): HealthBanner {
  const list = new HealthList();
  const banner = new Banner();
  banner.element.classList.add('hl-health-banner');
  banner.element.setAttribute('data-testid', 'health-banner');
  root.append(banner.element);
  const names = new Map<number, string>();
  const disposables = new Disposables();

  let storage: StorageHealth = { status: 'ok' };

  const render = (): void => {
    const failing = list.failing();
    const failures = failing.map((health) => describeFailure(health, names.get(health.hookId) ?? `Hook ${health.hookId}`));
    if (storage.status === 'degraded') {
      banner.show({ kind: 'error', title: 'The relay cannot save new events: its disk is full', messages: [storage.reason ?? 'Free some space on the disk of its data dir.', ...failures] });
      return;
    }
    if (failing.length === 0) {
      banner.clear();
      return;
    }
    banner.show({
      kind: 'error',
      title: failing.length === 1 ? 'Your notification endpoint is failing' : `${failing.length} notification endpoints are failing`,
      messages: failures,
    });
  };
  const name = (hook: { id: number; namespace: string }): void => {
    names.set(hook.id, `Hook ${hook.id} (${hook.namespace})`);
  };

  const feed = new HealthFeed(transport, (change) => {
    list.apply(change);
    render();
  });
  disposables.add(() => feed.dispose());
  disposables.add(
    transport.onPush((message) => {
      if (message.type === 'hello' || message.type === 'relay.storage') {
        storage = message.storage ?? { status: 'ok' };
        render();
      }
      if (message.type === 'hello') {
        transport.request('hooks.list', {}).then(({ hooks }) => {
          hooks.forEach(name);
          render();
        }, () => undefined);
      } else if (message.type === 'hook.updated') {
        name(message.hook);
      }
    }),
  );

  return {
    element: banner.element,
    dispose: () => {
      disposables.dispose();
      banner.element.remove();
    },
  };
}
