/**
 * The parts of the service that follow hook and trigger changes from the feed, instead of every command updating
 * them by hand. One listener, so the order is fixed: the cache first, since the engine reads the hook from it.
 */
import type { DeliveryEngine } from '../delivery/engine.js';
import type { HookCache } from './hook-cache.js';
import type { HookMatcher } from './hook-matcher.js';
import type { ChangeFeed } from './types.js';

export function followHookChanges(feed: ChangeFeed, parts: { cache: HookCache; matcher: HookMatcher; engine: DeliveryEngine }): () => void {
  const { cache, matcher, engine } = parts;
  return feed.subscribe((change) => {
    switch (change.kind) {
      case 'hook.updated':
        cache.forget(change.hook.id);
        matcher.invalidate();
        engine.hookChanged(change.hook.id);
        return;
      case 'hook.deleted':
        cache.forget(change.hookId);
        matcher.invalidate();
        engine.hookDeleted(change.hookId);
        return;
      case 'triggers.updated':
        matcher.invalidate();
        return;
      default:
        return;
    }
  });
}
