/**
 * The one owner of every Deliveries refresh: live pushes, pages, filter changes, connection changes and the
 * clock that keeps "2 min ago" true all ask here, and the tree is told at most once per `delayMs`. At 1,000
 * events a second that is ten repaints, not a thousand: the tree neither freezes nor flickers.
 */
import type { Disposable } from '../lifecycle.js';

export interface RefreshCoordinatorOptions {
  /** Tells the tree to re-read its root. */
  fire: () => void;
  delayMs?: number;
  /** How often relative times are refreshed even when nothing else changes; 0 turns the clock off. */
  clockMs?: number;
}

export class RefreshCoordinator implements Disposable {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly clock: ReturnType<typeof setInterval> | null;
  private fired = 0;
  private requested = 0;
  private disposed = false;

  constructor(private readonly options: RefreshCoordinatorOptions) {
    const clockMs = options.clockMs ?? 30_000;
    this.clock = clockMs > 0 ? setInterval(() => this.request(), clockMs) : null;
  }

  /** How many refreshes reached the tree, and how many were asked for (for tests and diagnostics). */
  get stats(): { fired: number; requested: number } {
    return { fired: this.fired, requested: this.requested };
  }

  request(): void {
    if (this.disposed) return;
    this.requested += 1;
    if (this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.options.delayMs ?? 100);
  }

  /** Refreshes now if a refresh is pending. */
  flush(): void {
    if (!this.timer || this.disposed) return;
    clearTimeout(this.timer);
    this.timer = null;
    this.fired += 1;
    this.options.fire();
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.clock) clearInterval(this.clock);
    this.timer = null;
  }
}
