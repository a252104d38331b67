/**
 * Request/reply correlation for the relay protocol: each request gets a fresh id, and its promise settles when
 * the relay's `reply` or `error` naming that id arrives, when it times out, or when the connection drops.
 */
import { HooklineError } from '@hookline/core';
import type { ErrorMessage, ReplyMessage, RequestType } from '@hookline/core';

interface Pending {
  type: RequestType;
  resolve: (result: unknown) => void;
  reject: (error: HooklineError) => void;
  timer: ReturnType<typeof setTimeout>;
}

export class PendingRequests {
  private readonly pending = new Map<string, Pending>();
  private counter = 0;

  constructor(private readonly prefix = 'vscode') {}

  get size(): number {
    return this.pending.size;
  }

  create(type: RequestType, timeoutMs: number): { id: string; promise: Promise<unknown> } {
    this.counter += 1;
    const id = `${this.prefix}-${this.counter}`;
    const promise = new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new HooklineError('HOOKLINE_ERR_RELAY_UNREACHABLE', `The relay did not answer "${type}" within ${Math.round(timeoutMs / 1000)} s.`));
      }, timeoutMs);
      this.pending.set(id, { type, resolve, reject, timer });
    });
    return { id, promise };
  }

  /** Settles the request a reply or error names; false when no request is waiting for it. */
  settle(message: ReplyMessage | ErrorMessage): boolean {
    if (message.id === null) return false;
    const entry = this.pending.get(message.id);
    if (!entry) return false;
    this.pending.delete(message.id);
    clearTimeout(entry.timer);
    if (message.type === 'reply') {
      entry.resolve(message.result);
    } else {
      const { code, message: text, field, details } = message.error;
      const options: { field?: string; details?: unknown } = {};
      if (field !== undefined) options.field = field;
      if (details !== undefined) options.details = details;
      entry.reject(new HooklineError(code, text, options));
    }
    return true;
  }

  /** Fails a request that never left (the socket refused the send). */
  fail(id: string, error: HooklineError): void {
    const entry = this.pending.get(id);
    if (!entry) return;
    this.pending.delete(id);
    clearTimeout(entry.timer);
    entry.reject(error);
  }

  rejectAll(reason: string): void {
    for (const [id, entry] of this.pending) {
      clearTimeout(entry.timer);
      entry.reject(new HooklineError('HOOKLINE_ERR_RELAY_UNREACHABLE', `${reason} ("${entry.type}" was not answered).`));
      this.pending.delete(id);
    }
  }
}
