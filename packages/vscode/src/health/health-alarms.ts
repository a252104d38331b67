/**
 * Endpoint-health alarms, decided without VS Code. The relay pushes `hook.health` on every change of a hook's
 * health state and answers `health.get` after each (re)connection; from those, `HealthAlarmModel` decides when
 * to alarm: once per outage (a failure streak, known by its `streakStartedAt`), however many attempts fail and
 * however often the connection comes back during it, and once, quietly, when the hook is healthy again.
 * `HealthAlarms` feeds the model from the relay and hands its decisions to a sink (the VS Code side:
 * health-alarm-notifier.ts).
 */
import { describeHealthError } from '@hookline/core';
import type { HookHealth, PushMessage, RelayTransport } from '@hookline/core';
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
  private readonly current = new Map<number, HookHealth>();
  /** Per hook, the outage already announced. It ends only when the hook is seen healthy (paused or disabled
   *  in between does not end it, so re-enabling a hook that still fails does not alarm twice). */
  private readonly announced = new Map<number, string>();

  /** One hook's new health (a `hook.health` push): the alarms to raise, if any. */
  update(health: HookHealth): HealthAlarm[] {
    this.current.set(health.hookId, health);
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

  /** Every hook's health (the answer to `health.get` after a (re)connect): hooks it leaves out are forgotten. */
  reset(all: readonly HookHealth[]): HealthAlarm[] {
    const present = new Set(all.map((health) => health.hookId));
    for (const hookId of [...this.current.keys(), ...this.announced.keys()]) {
      if (!present.has(hookId)) this.remove(hookId);
    }
    return [...all].sort((a, b) => a.hookId - b.hookId).flatMap((health) => this.update(health));
  }

  remove(hookId: number): void {
    this.current.delete(hookId);
    this.announced.delete(hookId);
  }

  /** Another relay (settings changed): nothing known carries over. */
  forget(): void {
    this.current.clear();
    this.announced.clear();
  }

  /** The hooks failing now, by id. */
  failing(): HookHealth[] {
    return [...this.current.values()].filter((health) => health.state === 'failing').sort((a, b) => a.hookId - b.hookId);
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

/**
 * Feeds the model from the relay: `health.get` on every hello (start and reconnect), `hook.health` pushes in
 * between, `hook.deleted` forgets a hook.
 */
export class HealthAlarms implements Disposable {
  readonly model = new HealthAlarmModel();
  private readonly unsubscribe: () => void;
  private generation = 0;

  constructor(private readonly transport: RelayTransport, private readonly sink: HealthAlarmSink, private readonly log?: (line: string) => void) {
    this.unsubscribe = transport.onPush((message) => this.onPush(message));
  }

  failing(): HookHealth[] {
    return this.model.failing();
  }

  /** Asks the relay for every hook's health. A reply that arrives after `forget()` is dropped. */
  async refresh(): Promise<void> {
    const generation = ++this.generation;
    try {
      const { health } = await this.transport.request('health.get', {});
      if (generation === this.generation) this.emit(this.model.reset(health));
    } catch (error) {
      this.log?.(`Could not read endpoint health: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  forget(): void {
    this.generation += 1;
    this.model.forget();
    this.sink.changed([]);
  }

  dispose(): void {
    this.generation += 1;
    this.unsubscribe();
  }

  private onPush(message: PushMessage): void {
    if (message.type === 'hello') {
      void this.refresh();
    } else if (message.type === 'hook.health') {
      this.emit(this.model.update(message.health));
    } else if (message.type === 'hook.deleted') {
      this.model.remove(message.hookId);
      this.sink.changed(this.model.failing());
    }
  }

  private emit(alarms: HealthAlarm[]): void {
    for (const alarm of alarms) this.sink.alarm(alarm);
    this.sink.changed(this.model.failing());
  }
}
