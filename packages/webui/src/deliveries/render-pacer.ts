/**
 * Paces the deliveries list's redraws: a change after a quiet spell is drawn at once, and changes that follow
 * within `intervalMs` are drawn together at the end of it. At 1,000 events/s the relay pushes some 20 changes a
 * second, each replacing every visible row, far more than anyone can read; drawn as they came they kept the
 * page's main thread half busy and now and then past 50 ms in one task (`npm run bench -- --only page`).
 */
export interface RenderPacerOptions {
  intervalMs?: number;
  now?: () => number;
  setTimer?: (run: () => void, ms: number) => unknown;
  clearTimer?: (timer: unknown) => void;
}

export class RenderPacer {
  private readonly intervalMs: number;
  private readonly now: () => number;
  private readonly setTimer: (run: () => void, ms: number) => unknown;
  private readonly clearTimer: (timer: unknown) => void;
  private lastDrawnAt = Number.NEGATIVE_INFINITY;
  private timer: unknown = null;
  /** Ids that arrived since the last draw, for the arrival highlight. */
  private added: number[] = [];

  constructor(
    private readonly draw: (added: readonly number[]) => void,
    options: RenderPacerOptions = {},
  ) {
    this.intervalMs = Math.max(0, options.intervalMs ?? 100);
    this.now = options.now ?? (() => performance.now());
    this.setTimer = options.setTimer ?? ((run, ms) => setTimeout(run, ms));
    this.clearTimer = options.clearTimer ?? ((timer) => clearTimeout(timer as ReturnType<typeof setTimeout>));
  }

  /** Something changed (with these new ids): drawn now, or with what follows at the end of the interval. */
  changed(added: readonly number[]): void {
    for (const id of added) this.added.push(id);
    if (this.timer !== null) return;
    const wait = this.lastDrawnAt + this.intervalMs - this.now();
    if (wait <= 0) this.flush();
    else this.timer = this.setTimer(() => this.flush(), wait);
  }

  /** Draws what is pending now (and cancels the pending draw). */
  flush(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
    this.lastDrawnAt = this.now();
    const added = this.added;
    this.added = [];
    this.draw(added);
  }

  dispose(): void {
    if (this.timer !== null) this.clearTimer(this.timer);
    this.timer = null;
  }
}
