/**
 * The HTTP sender: one POST of a delivery's stored payload bytes, over pooled keep-alive connections (one undici
 * pool per origin), never following redirects, with a hard deadline. It never throws: every try ends in a
 * `SendOutcome` whose errorCode is one of timeout | connection | dns | http | invalid_target.
 */
import { performance } from 'node:perf_hooks';
import { Agent } from 'undici';
import { maskSecret, type AttemptErrorCode } from '@hookline/core';
import { classifySendError, describeSendError } from './send-errors.js';

export const DEFAULT_SEND_TIMEOUT_MS = 5000;
export const MAX_RESPONSE_BODY_BYTES = 64 * 1024;

export interface SendRequest {
  /** The hook's destination URL at the time of the try; null when it has none. */
  url: string | null;
  /** Sent verbatim as the Authorization header when set. */
  authorization: string | null;
  /** The payload exactly as rendered and stored. */
  body: string;
}

export interface SendOutcome {
  ok: boolean;
  status: number | null;
  errorCode: AttemptErrorCode | null;
  errorMessage: string | null;
  startedAt: number;
  finishedAt: number;
  durationMs: number;
  /** As sent, with Authorization masked. */
  requestHeaders: Record<string, string>;
  responseHeaders: Record<string, string>;
  /** The first MAX_RESPONSE_BODY_BYTES bytes of the response body; null when no response arrived. */
  responseBody: Buffer | null;
  responseBodyTruncated: boolean;
}

export interface SenderOptions {
  userAgent: string;
  /** Deadline for the whole try (connect, headers and body). Default 5000 ms. */
  timeoutMs?: number;
  maxResponseBytes?: number;
  /** Clock for startedAt/finishedAt (epoch ms). Durations use the monotonic clock. */
  now?: () => number;
}

export interface Sender {
  send(request: SendRequest): Promise<SendOutcome>;
  /** Aborts anything in flight and closes pooled connections. */
  close(): Promise<void>;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    flat[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

function parseTarget(url: string | null): URL | null {
  if (url === null) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    return null;
  }
}

export function createSender(options: SenderOptions): Sender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BODY_BYTES;
  const now = options.now ?? Date.now;
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of milliseconds.');
  const agent = new Agent({ keepAliveTimeout: 4000, connect: { timeout: timeoutMs } });
  let closed = false;

  async function send(request: SendRequest): Promise<SendOutcome> {
    const startedAt = now();
    const t0 = performance.now();
    const bytes = Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = {
      'Content-Type': 'application/json',
      'Content-Length': String(bytes.length),
      'User-Agent': options.userAgent,
    };
    const recorded: Record<string, string> = { ...headers };
    if (request.authorization !== null && request.authorization !== '') {
      headers.Authorization = request.authorization;
      recorded.Authorization = maskSecret(request.authorization) ?? '';
    }
    const outcome = (fields: Partial<SendOutcome>): SendOutcome => ({
      ok: false,
      status: null,
      errorCode: null,
      errorMessage: null,
      responseHeaders: {},
      responseBody: null,
      responseBodyTruncated: false,
      ...fields,
      startedAt,
      finishedAt: Math.max(startedAt, now()),
      durationMs: Math.round(performance.now() - t0),
      requestHeaders: recorded,
    });

    const target = parseTarget(request.url);
    if (!target || closed) {
      const message = closed ? 'The relay is shutting down.' : request.url === null ? 'The hook has no notification endpoint.' : 'The notification endpoint is not an http(s) URL.';
      return outcome({ errorCode: closed ? 'connection' : 'invalid_target', errorMessage: message });
    }

    const controller = new AbortController();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      controller.abort();
    }, timeoutMs);
    let status: number | null = null;
    let responseHeaders: Record<string, string> = {};
    const chunks: Buffer[] = [];
    let size = 0;
    let truncated = false;
    try {
      const response = await agent.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers,
        body: bytes,
        signal: controller.signal,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      });
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      for await (const chunk of response.body as AsyncIterable<Buffer>) {
        const remaining = maxBytes - size;
        if (chunk.length > remaining) {
          if (remaining > 0) chunks.push(chunk.subarray(0, remaining));
          size = maxBytes;
          truncated = true;
          break; // ends the iteration, which destroys the stream: the rest is never read
        }
        chunks.push(chunk);
        size += chunk.length;
      }
      const ok = status >= 200 && status < 300;
      return outcome({
        ok,
        status,
        errorCode: ok ? null : 'http',
        errorMessage: ok ? null : `The endpoint answered ${status}.`,
        responseHeaders,
        responseBody: Buffer.concat(chunks, size),
        responseBodyTruncated: truncated,
      });
    } catch (error) {
      const errorCode = classifySendError(error, timedOut);
      return outcome({
        status,
        errorCode,
        errorMessage: describeSendError(error, errorCode, timeoutMs),
        responseHeaders,
        responseBody: status === null ? null : Buffer.concat(chunks, size),
        responseBodyTruncated: truncated,
      });
    } finally {
      clearTimeout(timer);
    }
  }

  return {
    send: (request) =>
      send(request).catch((error: unknown) => {
        // Belt and braces: nothing above should throw, but the engine relies on "never".
        const t = now();
        const outcome: SendOutcome = {
          ok: false,
          status: null,
          errorCode: 'connection',
          errorMessage: String(error).slice(0, 500),
          startedAt: t,
          finishedAt: t,
          durationMs: 0,
          requestHeaders: {},
          responseHeaders: {},
          responseBody: null,
          responseBodyTruncated: false,
        };
        return outcome;
      }),
    close: async () => {
      closed = true;
      await agent.destroy().catch(() => undefined);
    },
  };
}
