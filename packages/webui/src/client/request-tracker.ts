/**
 * Request/reply correlation for the relay protocol, written once for every transport: each request gets a fresh
 * id and waits here, queued until it is sent; its promise settles when the relay's `reply` or `error` naming that
 * id arrives, when it times out, or when the caller fails it (connection lost, transport closed).
 */
import type { ClientRequest, ErrorMessage, ReplyMessage, RequestMap, RequestType } from '@hookline/core';
import { RelayClientError } from './relay-client-error.js';
import { systemTimers } from './timers.js';
import type { Timers } from './timers.js';

interface Pending {
  request: ClientRequest;
  sent: boolean;
  resolve: (result: unknown) => void;
  reject: (error: RelayClientError) => void;
  timer: unknown;
}

export interface RequestTrackerOptions {
  /** Ids are `<prefix>-<n>`, so a relay's log tells the clients apart. */
  prefix: string;
  timeoutMs: number;
  /** Why a request that was never sent timed out: "the relay is not reachable", with what to do. */
  unreachable?: () => string;
  timers?: Timers;
}

export class RequestTracker {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;
  private readonly timers: Timers;

  constructor(private readonly options: RequestTrackerOptions) {
    this.timers = options.timers ?? systemTimers;
  }

  get size(): number {
    return this.pending.size;
  }

  /** A new request, waiting to be sent (see `unsent` and `markSent`). */
  add<K extends RequestType>(type: K, params: RequestMap[K]['params']): { request: ClientRequest; promise: Promise<RequestMap[K]['result']> } {
    this.counter += 1;
    const id = `${this.options.prefix}-${this.counter}`;
    const request = { type, id, params } as ClientRequest;
    const promise = new Promise<unknown>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => {
        const entry = this.pending.get(id);
        if (entry) this.reject(id, RelayClientError.unreachable(this.timeoutMessage(entry), type));
      }, this.options.timeoutMs);
      this.pending.set(id, { request, sent: false, resolve, reject, timer });
    });
    return { request, promise: promise as Promise<RequestMap[K]['result']> };
  }

  /** The requests not sent yet, oldest first. */
  unsent(): ClientRequest[] {
    return [...this.pending.values()].filter((entry) => !entry.sent).map((entry) => entry.request);
  }

  markSent(id: string): void {
    const entry = this.pending.get(id);
    if (entry) entry.sent = true;
  }

  /** Settles the request a reply or error names; false when no request is waiting for it. */
  settle(message: ReplyMessage | ErrorMessage): boolean {
    if (message.id === null) return false;
    const entry = this.pending.get(message.id);
    if (!entry) return false;
    this.drop(message.id, entry);
    if (message.type === 'reply') entry.resolve(message.result);
    else entry.reject(RelayClientError.fromRelay(message.error, entry.request.type));
    return true;
  }

  /** Fails one request (the socket refused to send it, say). */
  reject(id: string, error: RelayClientError): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.drop(id, entry);
    entry.reject(error);
  }

  /** Fails the requests already sent: a lost connection can no longer answer them. Unsent ones keep waiting. */
  rejectSent(reason: string): void {
    for (const [id, entry] of [...this.pending]) {
      if (entry.sent) this.reject(id, RelayClientError.unreachable(`${reason} ("${entry.request.type}" was not answered; try again).`, entry.request.type));
    }
  }

  /** Fails everything, sent or not, with `error(type)`. */
  rejectAll(error: (type: RequestType) => RelayClientError): void {
    for (const [id, entry] of [...this.pending]) this.reject(id, error(entry.request.type));
  }

  private timeoutMessage(entry: Pending): string {
    const seconds = Math.round(this.options.timeoutMs / 1000);
    if (entry.sent) return `The relay did not answer "${entry.request.type}" within ${seconds} s. Is it still running?`;
    const why = this.options.unreachable?.() ?? 'The relay is not reachable.';
    return `${why} ("${entry.request.type}" waited ${seconds} s and was not sent.)`;
  }

  private drop(id: string, entry: Pending): void {
    this.pending.delete(id);
    this.timers.clearTimeout(entry.timer);
  }
}
