/** The CLI's client for a running relay's API, with errors a person can act on. */
import { readToken } from '../data-dir.js';

export interface ClientOptions {
  url: string;
  dataDir: string;
}

export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CliError';
  }
}

export class RelayClient {
  private readonly base: string;
  private token: string | null = null;

  constructor(private readonly options: ClientOptions) {
    this.base = options.url.replace(/\/+$/, '');
  }

  get url(): string {
    return this.base;
  }

  async request<T>(method: string, path: string, body?: unknown): Promise<T> {
    this.token ??= readToken(this.options.dataDir);
    let response: Response;
    try {
      response = await fetch(`${this.base}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.token}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch {
      throw new CliError(`No relay answers at ${this.base}. Start one with "hookline relay" (or pass --url).`);
    }
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`The relay at ${this.base} answered ${response.status} with a body that is not JSON.`);
    }
    if (!response.ok) {
      const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
      if (response.status === 401) {
        throw new CliError(`The relay refused the token from ${this.options.dataDir}. Is this relay using another data dir? Pass --data-dir.`);
      }
      throw new CliError(error?.message ? `${error.message} (${error.code ?? response.status})` : `The relay answered ${response.status}.`);
    }
    return parsed as T;
  }
}
