/**
 * One HTTP request and its answer, on undici's dispatch API: the response arrives as callbacks into one handler,
 * with no Readable stream for the body, no promise per phase and no abort signal, which `request()` costs on every
 * try (`node bench/micro.mjs`: about a quarter of the client's CPU per request). It never rejects: a failure is in `error`.
 */
import type { Dispatcher } from 'undici';

export interface ExchangeRequest {
  origin: string;
  path: string;
  headers: Readonly<Record<string, string>>;
  body: Buffer;
}

export interface ExchangeLimits {
  /** The deadline for the whole exchange: waiting for a connection, connecting, the headers and the body. */
  timeoutMs: number;
  /** Past this many response body bytes the rest is not read (the connection is dropped). */
  maxBodyBytes: number;
}

export interface ExchangeResult {
  /** Null when no response arrived. */
  status: number | null;
  headers: Record<string, string>;
  /** The first `maxBodyBytes` bytes of the body; null when no response arrived. */
  body: Buffer | null;
  truncated: boolean;
  /** Why the exchange failed (undici's or the socket's error); undefined when it completed. */
  error?: unknown;
  /** The deadline passed first. */
  timedOut: boolean;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const name in headers) {
    const value = headers[name];
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/** Stops reading a body that went past the limit; not a failure of the exchange. */
class BodyLimitReached extends Error {}

export function exchange(dispatcher: Dispatcher, request: ExchangeRequest, limits: ExchangeLimits): Promise<ExchangeResult> {
  return new Promise((resolve) => {
    let controller: Dispatcher.DispatchController | null = null;
    let settled = false;
    let status: number | null = null;
    let headers: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;

    const finish = (error: unknown, timedOut = false): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      // A copy: the chunks are views of the socket's read buffers, which a kept slice would hold on to.
      const body = status === null ? null : Buffer.concat(chunks, size);
      resolve(error === undefined ? { status, headers, body, truncated, timedOut } : { status, headers, body, truncated, error, timedOut });
    };
    const timer = setTimeout(() => {
      const error = Object.assign(new Error(`No complete response within ${limits.timeoutMs} ms.`), { code: 'HOOKLINE_SEND_TIMEOUT' });
      finish(error, true);
      // Still waiting for a connection, the request is aborted as soon as it starts (onRequestStart).
      controller?.abort(error);
    }, limits.timeoutMs);

    const handler: Dispatcher.DispatchHandler = {
      onRequestStart(started) {
        controller = started;
        if (settled) started.abort(new Error('The send was given up (its deadline passed).'));
      },
      onResponseStart(_controller, statusCode, responseHeaders) {
        status = statusCode;
        headers = flattenHeaders(responseHeaders);
      },
      onResponseData(current, chunk) {
        if (settled) return;
        const room = limits.maxBodyBytes - size;
        if (chunk.length > room) {
          if (room > 0) chunks.push(chunk.subarray(0, room));
          size = limits.maxBodyBytes;
          truncated = true;
          finish(undefined);
          current.abort(new BodyLimitReached('The response body is longer than the relay keeps.'));
          return;
        }
        chunks.push(chunk);
        size += chunk.length;
      },
      onResponseEnd() {
        finish(undefined);
      },
      onResponseError(_controller, error) {
        finish(error);
      },
    };

    try {
      dispatcher.dispatch(
        { origin: request.origin, path: request.path, method: 'POST', headers: request.headers, body: request.body, headersTimeout: 0, bodyTimeout: 0 },
        handler,
      );
    } catch (error) {
      finish(error);
    }
  });
}
