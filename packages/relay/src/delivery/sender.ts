/**
 * The HTTP sender: one POST of a delivery's stored payload bytes, over pooled keep-alive connections (one undici
 * pool per origin), never following redirects, with a hard deadline. It never throws: every try ends in a
 * `SendOutcome` whose errorCode is one of timeout | connection | dns | http | invalid_target.
 */
import { performance } from 'node:perf_hooks';
import type { Agent } from 'undici';
import { DEFAULT_SEND_TIMEOUT_MS, isSuccessStatus, maskSecret, type AttemptErrorCode } from '@hookline/core';
import { exchange } from './http-exchange.js';
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

    const result = await exchange(dispatcher, { origin: target.origin, path: `${target.pathname}${target.search}`, headers: prepared.sent, body: bytes }, { timeoutMs, maxBodyBytes: maxBytes });
    const fields = { status: result.status, responseHeaders: result.headers, responseBody: result.body, responseBodyTruncated: result.truncated };
    if (result.error !== undefined || result.status === null) {
      const errorCode = classifySendError(result.error, result.timedOut);
      return outcome({ ...fields, errorCode, errorMessage: describeSendError(result.error, errorCode, timeoutMs) });
    }
    const ok = isSuccessStatus(result.status);
    return outcome({ ...fields, ok, errorCode: ok ? null : 'http', errorMessage: ok ? null : `The endpoint answered ${result.status}.` });
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
