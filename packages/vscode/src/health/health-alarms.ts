/**
 * Endpoint-health alarms, decided without VS Code. The shared HealthFeed turns the relay's `health.get` answers
 * (after each hello) and `hook.health` pushes into changes of the shared HealthList; from those,
 * `HealthAlarmModel` decides when to alarm: once per outage (a failure streak, known by its `streakStartedAt`),
 * however many attempts fail and however often the connection comes back during it, and once, quietly, when the
 * hook is healthy again. `HealthAlarms` hands its decisions to a sink (the VS Code side: health-alarm-notifier.ts).
 */
import { describeHealthError } from '@hookline/core';
import type { HookHealth, RelayTransport } from '@hookline/core';
import { HealthFeed, HealthList } from '@hookline/webui/client';
import type { HealthChange } from '@hookline/webui/client';
import type { Disposable } from '../lifecycle.js';

export type HealthAlarm =
  /** A new outage: show it, once. */
  | { kind: 'failing'; health: HookHealth }
  /** The outage announced earlier is over. */
  | { kind: 'recovered'; health: HookHealth; failingSince: string | null };

/** What identifies one outage of a hook: the first failure of its streak. */
export function outageKey(health: HookHealth): string {
  return health.streakStartedAt ?? `unknown:${health.hookId}`;
}

export class HealthAlarmModel {
  /** What the relay last said of every hook (shared with the web page's banner). */
  readonly list = new HealthList();
  /** Per hook, the outage already announced. It ends only when the hook is seen healthy (paused or disabled
   *  in between does not end it, so re-enabling a hook that still fails does not alarm twice). */
  private readonly announced = new Map<number, string>();

  /** Applies one change of the health list and returns the alarms it raises. */
  apply(change: HealthChange): HealthAlarm[] {
    this.list.apply(change);
    switch (change.kind) {
      case 'update':
        return this.decide(change.health);
      case 'snapshot': {
        // Hooks the snapshot leaves out are gone: forgotten, no recovery message.
        const present = new Set(change.health.map((health) => health.hookId));
        for (const hookId of [...this.announced.keys()]) if (!present.has(hookId)) this.announced.delete(hookId);
        return [...change.health].sort((a, b) => a.hookId - b.hookId).flatMap((health) => this.decide(health));
      }
      case 'remove':
        this.announced.delete(change.hookId);
        return [];
      case 'forget':
        this.announced.clear();
        return [];
    }
  }

  /** One hook's new health (a `hook.health` push). */
  update(health: HookHealth): HealthAlarm[] {
    return this.apply({ kind: 'update', health });
  }

  /** Every hook's health (the answer to `health.get` after a (re)connect): hooks it leaves out are forgotten. */
  reset(all: readonly HookHealth[]): HealthAlarm[] {
    return this.apply({ kind: 'snapshot', health: all });
  }

  remove(hookId: number): void {
    this.apply({ kind: 'remove', hookId });
  }

  /** Another relay (settings changed): nothing known carries over. */
  forget(): void {
    this.apply({ kind: 'forget' });
  }

  /** The hooks failing now, by id. */
  failing(): HookHealth[] {
    return this.list.failing();
  }

  private decide(health: HookHealth): HealthAlarm[] {
    if (health.state === 'failing') {
      const outage = outageKey(health);
      if (this.announced.get(health.hookId) === outage) return [];
      this.announced.set(health.hookId, outage);
      return [{ kind: 'failing', health }];
    }
    const announced = this.announced.get(health.hookId);
    if (health.state === 'healthy' && announced !== undefined) {
      this.announced.delete(health.hookId);
      return [{ kind: 'recovered', health, failingSince: announced.startsWith('unknown:') ? null : announced }];
    }
    return [];
  }
}

export type TimeFormat = (iso: string) => string;
const localTime: TimeFormat = (iso) => new Date(iso).toLocaleTimeString();

/** What went wrong, in words: "the endpoint answers HTTP 503". */
export function describeError(health: HookHealth): string {
  return describeHealthError(health.lastError);
}

/** The notification: "Hookline: hook 1 (hookline) is failing: the endpoint answers HTTP 503 (since 10:02:11). Deliveries wait behind it." */
export function failureMessage(health: HookHealth, hookName: string, time: TimeFormat = localTime): string {
  const since = health.streakStartedAt ? ` (since ${time(health.streakStartedAt)})` : '';
  return `Hookline: ${hookName} is failing: ${describeError(health)}${since}. Deliveries wait behind it.`;
}

export function recoveryMessage(alarm: Extract<HealthAlarm, { kind: 'recovered' }>, hookName: string, time: TimeFormat = localTime): string {
  const since = alarm.failingSince ? ` (failing since ${time(alarm.failingSince)})` : '';
  return `Hookline: ${hookName} recovered${since}; deliveries flow again.`;
}

/** One line per failing hook, for the status bar's tooltip. */
export function failingSummary(failing: readonly HookHealth[], hookName: (hookId: number) => string, time: TimeFormat = localTime): string[] {
  return failing.map((health) => {
    const since = health.streakStartedAt ? ` since ${time(health.streakStartedAt)}` : '';
    return `${hookName(health.hookId)} is failing${since}: ${describeError(health)} (${health.failureStreak} failed attempt${health.failureStreak === 1 ? '' : 's'}).`;
  });
}

/** Where the model's decisions go: notifications and the status bar, in VS Code. */
export interface HealthAlarmSink {
  alarm(alarm: HealthAlarm): void;
  /** The failing hooks after every change (empty when all are well). */
  changed(failing: readonly HookHealth[]): void;
}

/** Feeds the model from the relay through the shared HealthFeed, and hands each decision to the sink. */
export class HealthAlarms implements Disposable {
  readonly model = new HealthAlarmModel();
  private readonly feed: HealthFeed;

  constructor(transport: RelayTransport, private readonly sink: HealthAlarmSink, log?: (line: string) => void) {
    this.feed = new HealthFeed(transport, (change) => this.emit(this.model.apply(change)), log);
  }

  failing(): HookHealth[] {
    return this.model.failing();
  }

  /** Asks the relay for every hook's health. A reply that arrives after `forget()` is dropped. */
  refresh(): Promise<void> {
    return this.feed.refresh();
  }

  forget(): void {
    this.feed.forget();
  }

  dispose(): void {
    this.feed.dispose();
  }

  private emit(alarms: HealthAlarm[]): void {
    for (const alarm of alarms) this.sink.alarm(alarm);
    this.sink.changed(this.model.failing());
  }
}
