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
    const response = await this.send(method, path, body);
    if (response.status === 204) return undefined as T;
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      throw new CliError(`The relay at ${this.base} answered ${response.status} with a body that is not JSON.`);
    }
    if (!response.ok) throw this.refusal(response.status, parsed);
    return parsed as T;
  }

  /** A GET whose body is read as a stream (an export): the response once the relay said yes, its coded error otherwise. */
  async stream(path: string): Promise<Response & { body: ReadableStream<Uint8Array> }> {
    const response = await this.send('GET', path, undefined);
    if (!response.ok || response.body === null) {
      const text = await response.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      throw this.refusal(response.status, parsed);
    }
    return response as Response & { body: ReadableStream<Uint8Array> };
  }

  private async send(method: string, path: string, body: unknown): Promise<Response> {
    this.token ??= readToken(this.options.dataDir);
    try {
      return await fetch(`${this.base}${path}`, {
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
  }

  private refusal(status: number, parsed: unknown): CliError {
    const error = (parsed as { error?: { code?: string; message?: string } } | undefined)?.error;
    if (status === 401) {
      return new CliError(`The relay refused the token from ${this.options.dataDir}. Is this relay using another data dir? Pass --data-dir.`);
    }
    return new CliError(error?.message ? `${error.message} (${error.code ?? status})` : `The relay answered ${status}.`);
  }
}
