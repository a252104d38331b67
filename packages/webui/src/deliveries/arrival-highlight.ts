/**
 * Whether a delivery that just arrived at the top of the log gets the arrival highlight. A highlight helps
 * while deliveries arrive slowly enough to be read one by one; under a flood every row would flash at once and
 * keep the page repainting for nothing, so past `maxPerWindow` arrivals within `windowMs` none is highlighted
 * until the rate drops again.
 */
export interface ArrivalHighlightOptions {
  windowMs?: number;
  maxPerWindow?: number;
  now?: () => number;
}

export class ArrivalHighlight {
  private readonly windowMs: number;
  private readonly maxPerWindow: number;
  private readonly now: () => number;
  /** Arrival times within the window, oldest first; never longer than maxPerWindow + 1. */
  private readonly recent: number[] = [];

  constructor(options: ArrivalHighlightOptions = {}) {
    this.windowMs = options.windowMs ?? 2000;
    this.maxPerWindow = options.maxPerWindow ?? 10;
    this.now = options.now ?? Date.now;
  }

  /** Records `count` arrivals now; true when they should be highlighted. */
  arrived(count: number): boolean {
    if (count <= 0) return false;
    const now = this.now();
    while (this.recent.length > 0 && now - (this.recent[0] as number) >= this.windowMs) this.recent.shift();
    for (let i = 0; i < count; i++) {
      this.recent.push(now);
      if (this.recent.length > this.maxPerWindow + 1) this.recent.shift();
    }
    return this.recent.length <= this.maxPerWindow;
  }
}
