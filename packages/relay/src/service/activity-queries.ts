/** A hook's recent activity: the window from core's rules at the relay's clock, one aggregating query, core's buckets. */
import { activityWindow, bucketActivity, type ActivitySince, type HookActivity } from '@hookline/core';
import { requireHook, type ServiceContext } from './context.js';

export class ActivityQueries {
  constructor(private readonly ctx: ServiceContext) {}

  /** 404 for an unknown hook; a coded 400 when `since` is outside the window core allows. */
  hookActivity(hookId: number, since?: ActivitySince): HookActivity {
    const hook = requireHook(this.ctx, hookId);
    const window = activityWindow(since, this.ctx.now());
    this.ctx.writer.flushNow(); // read our own writes: the newest attempts may still sit in the batch
    return bucketActivity(hook.id, window, this.ctx.store.activity.groups(hook.id, window));
  }
}
