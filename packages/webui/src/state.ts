/**
 * The UI state a host keeps across reloads (the webview's getState/setState, the page's sessionStorage):
 * search text, selected hook and grid scroll. Whatever comes back from a host is untrusted and read defensively.
 */

export interface UiState {
  search: string;
  hookId: number | null;
  scrollTop: number;
}

export const INITIAL_STATE: Readonly<UiState> = Object.freeze({ search: '', hookId: null, scrollTop: 0 });

const MAX_SEARCH_LENGTH = 200;

export function readState(value: unknown): UiState {
  if (typeof value !== 'object' || value === null) return { ...INITIAL_STATE };
  const record = value as Record<string, unknown>;
  const search = typeof record.search === 'string' ? record.search.slice(0, MAX_SEARCH_LENGTH) : '';
  const hookId = typeof record.hookId === 'number' && Number.isSafeInteger(record.hookId) && record.hookId > 0 ? record.hookId : null;
  const scrollTop =
    typeof record.scrollTop === 'number' && Number.isFinite(record.scrollTop) && record.scrollTop > 0 ? Math.round(record.scrollTop) : 0;
  return { search, hookId, scrollTop };
}

export function sameState(a: UiState, b: UiState): boolean {
  return a.search === b.search && a.hookId === b.hookId && a.scrollTop === b.scrollTop;
}

/**
 * Holds the current state and tells the host about changes, coalescing bursts (scrolling, typing) into one
 * call per `delayMs`.
 */
export class StateKeeper {
  private current: UiState;
  private reported: UiState;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    initial: unknown,
    private readonly onChange: ((state: unknown) => void) | undefined,
    private readonly delayMs = 150,
  ) {
    this.current = readState(initial);
    this.reported = { ...this.current };
  }

  get(): UiState {
    return { ...this.current };
  }

  update(patch: Partial<UiState>): void {
    this.current = { ...this.current, ...patch };
    if (!this.onChange || this.timer) return;
    this.timer = setTimeout(() => this.flush(), this.delayMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (!this.onChange || sameState(this.current, this.reported)) return;
    this.reported = { ...this.current };
    this.onChange({ ...this.current });
  }

  dispose(): void {
    this.flush();
  }
}
