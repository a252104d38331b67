/**
 * Makes the Resource Grid live: each box goes to the relay at once (`trigger.set`), shows the relay's
 * confirmation, and reverts with the relay's message when it refuses. "All" boxes and test buttons too.
 */
import type { EventType, RelayTransport, ResourceDefinition, TriggerGrid } from '@hookline/core';
import { errorMessage } from '../errors.js';
import { GridModel, flattenGroups } from './grid-model.js';
import { GridView } from './grid-view.js';

export interface GridControllerOptions {
  transport: RelayTransport;
  resources: readonly ResourceDefinition[];
  search: string;
  onSearch(text: string): void;
  onScroll(scrollTop: number): void;
}

/** At most this many toggles of one "select all" are on the wire at once. */
const COLUMN_CONCURRENCY = 6;

function listEvents(eventTypes: readonly EventType[]): string {
  if (eventTypes.length === 0) return 'no events';
  if (eventTypes.length === 1) return `${eventTypes[0]} only`;
  return `${eventTypes.slice(0, -1).join(', ')} and ${eventTypes[eventTypes.length - 1]}`;
}

export class GridController {
  readonly model: GridModel;
  readonly view: GridView;
  private hookId: number | null = null;
  /** Bumped when the hook changes, so answers about the previous hook's grid are ignored. */
  private generation = 0;
  private search: string;
  private enabled = true;

  constructor(private readonly options: GridControllerOptions) {
    this.model = new GridModel(options.resources);
    this.search = options.search;
    this.view = new GridView(
      options.resources,
      {
        onToggle: (resourceName, eventType, checked) => void this.toggle(resourceName, eventType, checked),
        onColumn: (eventType, on) => void this.column(eventType, on),
        onTest: (resourceName) => void this.test(resourceName),
        onSearch: (text) => {
          this.search = text;
          this.render();
          options.onSearch(text);
        },
        onScroll: options.onScroll,
      },
      options.search,
    );
  }

  get element(): HTMLElement {
    return this.view.element;
  }

  /** Shows a hook's grid as the relay has it (null: no hook to edit). */
  showHook(hookId: number | null, grid: TriggerGrid): void {
    if (hookId !== this.hookId) {
      this.generation += 1;
      this.model.setGrid({});
      this.view.setStatus('');
    }
    this.hookId = hookId;
    this.model.setGrid(grid);
    this.render();
  }

  /** A `triggers.updated` push: another client (or this one) changed the grid. */
  applyPush(hookId: number, grid: TriggerGrid): void {
    if (hookId !== this.hookId) return;
    this.model.setGrid(grid);
    this.render();
  }

  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.render();
  }

  render(): void {
    this.view.setEnabled(this.enabled && this.hookId !== null);
    this.view.render(this.model, this.search);
  }

  private async toggle(resourceName: string, eventType: EventType, on: boolean): Promise<void> {
    const result = await this.send(resourceName, eventType, on);
    if (result.ok) {
      this.view.setStatus(`${resourceName}: ${listEvents(result.eventTypes)}. Saved.`);
    } else if (result.message !== null) {
      this.view.setStatus(`${resourceName} ${eventType} was not changed: ${result.message}`, 'error');
    }
  }

  private async column(eventType: EventType, on: boolean): Promise<void> {
    const names = this.model.planColumn(eventType, flattenGroups(this.model.filter(this.search)), on);
    if (names.length === 0) {
      this.render();
      return;
    }
    const failures: string[] = [];
    let next = 0;
    const worker = async (): Promise<void> => {
      while (next < names.length) {
        const name = names[next++] as string;
        const result = await this.send(name, eventType, on);
        if (!result.ok && result.message !== null) failures.push(`${name}: ${result.message}`);
      }
    };
    await Promise.all(Array.from({ length: Math.min(COLUMN_CONCURRENCY, names.length) }, worker));
    const done = names.length - failures.length;
    const summary = `${eventType} switched ${on ? 'on' : 'off'} for ${done} ${done === 1 ? 'resource' : 'resources'}`;
    if (failures.length === 0) this.view.setStatus(`${summary}. Saved.`);
    else this.view.setStatus(`${summary}; ${failures.length} refused and reset. ${failures[0]}`, 'error');
  }

  /** One `trigger.set`: shown at once, confirmed or reverted when the relay answers. */
  private async send(
    resourceName: string,
    eventType: EventType,
    on: boolean,
  ): Promise<{ ok: true; eventTypes: EventType[] } | { ok: false; message: string | null }> {
    const hookId = this.hookId;
    if (hookId === null) return { ok: false, message: null };
    const generation = this.generation;
    this.model.beginToggle(resourceName, eventType, on);
    this.render();
    try {
      const reply = await this.options.transport.request('trigger.set', { hookId, resourceName, [eventType]: on });
      if (generation !== this.generation) return { ok: false, message: null };
      this.model.confirm(reply.resourceName, reply.eventTypes);
      return { ok: true, eventTypes: reply.eventTypes };
    } catch (error) {
      return { ok: false, message: generation === this.generation ? errorMessage(error) : null };
    } finally {
      if (generation === this.generation) {
        this.model.endToggle(resourceName, eventType);
        this.render();
      }
    }
  }

  private async test(resourceName: string): Promise<void> {
    const eventType = this.model.testEventType(resourceName);
    if (!eventType) return;
    this.view.setStatus(`Sending a test ${resourceName} ${eventType} event…`);
    try {
      const reply = await this.options.transport.request('event.trigger', { resourceName, eventType });
      const count = reply.deliveries.length;
      this.view.setStatus(
        count === 0
          ? `Test ${resourceName} ${eventType} event recorded, but no hook is subscribed to it, so nothing was sent. Tick its ${eventType} box first.`
          : `Test ${resourceName} ${eventType} event sent: ${count} ${count === 1 ? 'delivery' : 'deliveries'}.`,
      );
    } catch (error) {
      this.view.setStatus(`The test ${resourceName} ${eventType} event was not sent: ${errorMessage(error)}`, 'error');
    }
  }
}
