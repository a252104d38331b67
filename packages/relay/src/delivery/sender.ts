/**
 * The HTTP sender: one POST of a delivery's stored payload bytes, over pooled keep-alive connections (one undici
 * pool per origin), never following redirects, with a hard deadline. It never throws: every try ends in a
 * `SendOutcome` whose errorCode is one of timeout | connection | dns | http | invalid_target.
 */
import { EventEmitter } from 'node:events';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import type { Agent } from 'undici';
import { DEFAULT_SEND_TIMEOUT_MS, isSuccessStatus, maskSecret, type AttemptErrorCode } from '@hookline/core';
import { classifySendError, describeSendError } from './send-errors.js';

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

/** Endpoints parsed lately: a hook sends every delivery to the same URL. */
const parsedTargets = new Map<string, URL | null>();

function parseTarget(url: string | null): URL | null {
  if (url === null) return null;
  const known = parsedTargets.get(url);
  if (known !== undefined) return known;
  let target: URL | null;
  try {
    const parsed = new URL(url);
    target = parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed : null;
  } catch {
    target = null;
  }
  if (parsedTargets.size >= 64) parsedTargets.clear();
  parsedTargets.set(url, target);
  return target;
}

/** A hook's request headers, built once per Authorization value rather than on every send. */
interface PreparedHeaders {
  /** What undici sends (it adds Content-Length from the body). Never changed once made. */
  sent: Readonly<Record<string, string>>;
  /** The Authorization header as recorded: masked, or null when none is sent. */
  maskedAuthorization: string | null;
}

function headersPreparer(userAgent: string): (authorization: string | null) => PreparedHeaders {
  const prepared = new Map<string | null, PreparedHeaders>();
  return (authorization) => {
    const known = prepared.get(authorization);
    if (known) return known;
    const sent: Record<string, string> = { 'Content-Type': 'application/json', 'User-Agent': userAgent };
    const withAuthorization = authorization !== null && authorization !== '';
    if (withAuthorization) sent.Authorization = authorization;
    const headers: PreparedHeaders = { sent: Object.freeze(sent), maskedAuthorization: withAuthorization ? (maskSecret(authorization) ?? '') : null };
    if (prepared.size >= 64) prepared.clear();
    prepared.set(authorization, headers);
    return headers;
  };
}

/** The request headers as an attempt records them: in the order sent, Authorization masked. */
function recordedHeaders(prepared: PreparedHeaders, userAgent: string, contentLength: number): Record<string, string> {
  const recorded: Record<string, string> = { 'Content-Type': 'application/json', 'Content-Length': String(contentLength), 'User-Agent': userAgent };
  if (prepared.maskedAuthorization !== null) recorded.Authorization = prepared.maskedAuthorization;
  return recorded;
}

interface BodySink {
  chunks: Buffer[];
  size: number;
  truncated: boolean;
}

/**
 * Reads a response body into `sink`, keeping its first `maxBytes` bytes; past them the stream is destroyed and
 * the rest never read. Rejects as `for await` would: with the stream's error, or a premature close.
 */
function readLimited(body: Readable, maxBytes: number, sink: BodySink): Promise<void> {
  return new Promise((resolve, reject) => {
    const prematureClose = (): Error => Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
    if (body.readableEnded) {
      resolve();
      return;
    }
    if (body.destroyed) {
      reject(body.errored ?? prematureClose());
      return;
    }
    const done = (error?: Error): void => {
      body.off('data', onData);
      body.off('end', onEnd);
      body.off('error', onError);
      body.off('close', onClose);
      if (error) reject(error);
      else resolve();
    };
    const onData = (chunk: Buffer): void => {
      const remaining = maxBytes - sink.size;
      if (chunk.length > remaining) {
        if (remaining > 0) sink.chunks.push(chunk.subarray(0, remaining));
        sink.size = maxBytes;
        sink.truncated = true;
        done();
        body.on('error', () => {}); // undici reports the abort it was asked for; nothing is waiting for it
        body.destroy();
        return;
      }
      sink.chunks.push(chunk);
      sink.size += chunk.length;
    };
    const onEnd = (): void => done();
    const onError = (error: Error): void => done(error);
    const onClose = (): void => done(prematureClose());
    body.on('data', onData);
    body.on('end', onEnd);
    body.on('error', onError);
    body.on('close', onClose);
  });
}

export function createSender(options: SenderOptions): Sender {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const maxBytes = options.maxResponseBytes ?? MAX_RESPONSE_BODY_BYTES;
  const now = options.now ?? Date.now;
  if (!(timeoutMs > 0)) throw new RangeError('timeoutMs must be a positive number of milliseconds.');
  // undici is loaded for the first send (or a second after start), not while the relay starts: importing it is
  // about a fifth of the start-up time (`npm run bench`).
  let agent: Agent | null = null;
  let loading: Promise<Agent> | null = null;
  const loadAgent = (): Promise<Agent> =>
    (loading ??= import('./undici-agent.js').then(({ Agent: UndiciAgent }) => (agent = new UndiciAgent({ keepAliveTimeout: 4000, connect: { timeout: timeoutMs } }))));
  const warm = setTimeout(() => void loadAgent().catch(() => undefined), 1000);
  warm.unref();
  let closed = false;
  const prepareHeaders = headersPreparer(options.userAgent);

  async function send(request: SendRequest): Promise<SendOutcome> {
    const dispatcher = agent ?? (await loadAgent());
    const startedAt = now();
    const t0 = performance.now();
    const bytes = Buffer.from(request.body, 'utf8');
    const prepared = prepareHeaders(request.authorization);
    const recorded = recordedHeaders(prepared, options.userAgent, bytes.length);
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

    // The one deadline for the whole try (connect, headers, body). undici takes an EventEmitter as the abort
    // signal: far cheaper per request than an AbortController, and its own per-phase timers are not needed.
    const abort = new EventEmitter();
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      abort.emit('abort');
    }, timeoutMs);
    let status: number | null = null;
    let responseHeaders: Record<string, string> = {};
    const sink: BodySink = { chunks: [], size: 0, truncated: false };
    try {
      const response = await dispatcher.request({
        origin: target.origin,
        path: `${target.pathname}${target.search}`,
        method: 'POST',
        headers: prepared.sent,
        body: bytes,
        signal: abort,
        headersTimeout: 0,
        bodyTimeout: 0,
      });
      status = response.statusCode;
      responseHeaders = flattenHeaders(response.headers);
      await readLimited(response.body, maxBytes, sink);
      const ok = isSuccessStatus(status);
      return outcome({
        ok,
        status,
        errorCode: ok ? null : 'http',
        errorMessage: ok ? null : `The endpoint answered ${status}.`,
        responseHeaders,
        responseBody: Buffer.concat(sink.chunks, sink.size),
        responseBodyTruncated: sink.truncated,
      });
    } catch (error) {
      const errorCode = classifySendError(error, timedOut);
      return outcome({
        status,
        errorCode,
        errorMessage: describeSendError(error, errorCode, timeoutMs),
        responseHeaders,
        responseBody: status === null ? null : Buffer.concat(sink.chunks, sink.size),
        responseBodyTruncated: sink.truncated,
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
      clearTimeout(warm);
      const current = agent ?? (loading ? await loading.catch(() => null) : null);
      await current?.destroy().catch(() => undefined);
    },
  };
}
