/**
 * The selected hook's activity chart, kept live: asked with `hook.activity` when a hook is shown, again when a
 * delivery of that hook changes (throttled: at most one request per `throttleMs`, one in flight at a time), and
 * at each new minute as the window moves. A reply for a hook no longer shown is dropped.
 */
import { ACTIVITY_MINUTE_MS, type HookActivity, type PushMessage, type RelayTransport } from '@hookline/core';
import { systemTimers, type Timers } from '../client/timers.js';
import { Disposables, h, replaceChildren } from '../dom.js';
import { errorMessage } from '../errors.js';
import { renderActivityChart } from './activity-chart.js';
import { DEFAULT_CHART_WIDTH, chartModel, windowName } from './activity-model.js';

export interface ActivityPanelOptions {
  transport: RelayTransport;
  /** Least time between two requests; default 1000 ms. */
  throttleMs?: number;
  timers?: Timers;
  now?: () => number;
}

/** After the minute turns, wait this long so the new minute's bucket exists on the relay's clock too. */
const MINUTE_SLACK_MS = 250;

export class ActivityPanel {
  readonly element: HTMLElement;
  private readonly body: HTMLElement;
  private readonly caption: HTMLElement;
  private readonly disposables = new Disposables();
  private readonly timers: Timers;
  private readonly now: () => number;
  private readonly throttleMs: number;
  private hookId: number | null = null;
  private activity: HookActivity | null = null;
  private generation = 0;
  private inFlight = false;
  /** A change arrived while a request was in flight or throttled: ask again when allowed. */
  private dirty = false;
  private lastRequestAt = Number.NEGATIVE_INFINITY;
  private throttleTimer: unknown = null;
  private minuteTimer: unknown = null;
  private renderedWidth = 0;

  constructor(private readonly options: ActivityPanelOptions) {
    this.timers = options.timers ?? systemTimers;
    this.now = options.now ?? Date.now;
    this.throttleMs = options.throttleMs ?? 1000;
    this.caption = h('p', { class: 'hl-activity__summary' });
    this.body = h('div', { class: 'hl-activity__body' });
    const legend = h(
      'ul',
      { class: 'hl-activity__legend', 'aria-hidden': 'true' },
      h('li', {}, h('span', { class: 'hl-activity__swatch hl-activity__swatch--delivered' }), 'delivered'),
      h('li', {}, h('span', { class: 'hl-activity__swatch hl-activity__swatch--failed' }), 'failed'),
      h('li', {}, h('span', { class: 'hl-activity__swatch hl-activity__swatch--p95' }), 'p95 response time'),
    );
    this.element = h(
      'section',
      { class: 'hl-activity', 'aria-label': 'Activity', hidden: true },
      h('div', { class: 'hl-activity__head' }, h('h2', { class: 'hl-heading hl-activity__title' }, 'Activity'), this.caption, legend),
      this.body,
    );
    this.disposables.add(options.transport.onPush((message) => this.onPush(message)));
    const Observer = (globalThis as { ResizeObserver?: typeof ResizeObserver }).ResizeObserver;
    if (Observer) {
      const observer = new Observer(() => {
        if (this.activity && this.width() !== this.renderedWidth) this.draw();
      });
      observer.observe(this.body);
      this.disposables.add(() => observer.disconnect());
    }
  }

  /** Shows `hookId`'s activity (asked at once), or nothing for null. */
  show(hookId: number | null): void {
    const changed = hookId !== this.hookId;
    this.hookId = hookId;
    this.element.hidden = hookId === null;
    if (changed) {
      this.activity = null;
      this.generation += 1;
      this.inFlight = false;
      replaceChildren(this.body, h('p', { class: 'hl-activity__status', role: 'status' }, 'Loading activity…'));
      this.caption.textContent = '';
    }
    this.clearTimer('throttleTimer');
    this.dirty = false;
    if (hookId !== null) void this.refresh();
    else this.clearTimer('minuteTimer');
  }

  dispose(): void {
    this.generation += 1;
    this.hookId = null;
    this.clearTimer('throttleTimer');
    this.clearTimer('minuteTimer');
    this.disposables.dispose();
    this.element.remove();
  }

  private onPush(message: PushMessage): void {
    if (this.hookId === null) return;
    if (message.type !== 'delivery.updated' && message.type !== 'delivery.created') return;
    if (message.deliveries.some((d) => d.hookId === this.hookId)) this.requestSoon();
  }

  /** At most one request per throttleMs and one in flight; a change meanwhile asks once more afterwards. */
  private requestSoon(): void {
    if (this.inFlight || this.throttleTimer !== null) {
      this.dirty = true;
      return;
    }
    const wait = this.lastRequestAt + this.throttleMs - this.now();
    if (wait <= 0) {
      void this.refresh();
      return;
    }
    this.throttleTimer = this.timers.setTimeout(() => {
      this.throttleTimer = null;
      void this.refresh();
    }, wait);
  }

  private async refresh(): Promise<void> {
    const hookId = this.hookId;
    if (hookId === null) return;
    const generation = ++this.generation;
    this.inFlight = true;
    this.dirty = false;
    this.lastRequestAt = this.now();
    this.scheduleMinute();
    try {
      const { activity } = await this.options.transport.request('hook.activity', { hookId });
      if (generation !== this.generation) return;
      this.activity = activity;
      this.draw();
    } catch (error) {
      if (generation !== this.generation) return;
      replaceChildren(this.body, h('p', { class: 'hl-activity__status hl-activity__status--error', role: 'status' }, `The activity could not be loaded: ${errorMessage(error)}`));
    } finally {
      if (generation === this.generation) {
        this.inFlight = false;
        if (this.dirty) this.requestSoon();
      }
    }
  }

  /** Asks again just after the next minute starts, so the window moves on while nothing happens. */
  private scheduleMinute(): void {
    this.clearTimer('minuteTimer');
    const now = this.now();
    const wait = ACTIVITY_MINUTE_MS - (now % ACTIVITY_MINUTE_MS) + MINUTE_SLACK_MS;
    this.minuteTimer = this.timers.setTimeout(() => {
      this.minuteTimer = null;
      this.requestSoon();
    }, wait);
    // Under Node (the DOM tests) a panel never disposed must not keep the process alive minute after minute.
    (this.minuteTimer as { unref?: () => void } | null)?.unref?.();
  }

  private width(): number {
    return Math.round(this.body.clientWidth) || DEFAULT_CHART_WIDTH;
  }

  private draw(): void {
    const activity = this.activity;
    if (!activity) return;
    this.renderedWidth = this.width();
    const model = chartModel(activity, this.renderedWidth);
    this.caption.textContent = `${model.summary.charAt(0).toUpperCase()}${model.summary.slice(1)}`;
    this.element.setAttribute('aria-label', `Activity, ${windowName(activity.buckets.length)}`);
    replaceChildren(this.body, renderActivityChart(model));
  }

  private clearTimer(name: 'throttleTimer' | 'minuteTimer'): void {
    if (this[name] !== null) this.timers.clearTimeout(this[name]);
    this[name] = null;
  }
}
