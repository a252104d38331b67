/** Maps whatever undici or the socket threw to the closed set of attempt error codes. */
import type { AttemptErrorCode } from '@hookline/core';

const TIMEOUT_CODES = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CONNECT_TIMEOUT', 'ETIMEDOUT', 'ESOCKETTIMEDOUT']);
const DNS_CODES = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_FAIL', 'EAI_NONAME', 'EAI_NODATA']);
const INVALID_TARGET_CODES = new Set(['UND_ERR_INVALID_ARG', 'ERR_INVALID_URL', 'ERR_INVALID_ARG_TYPE', 'ERR_INVALID_ARG_VALUE', 'ERR_INVALID_HTTP_TOKEN', 'ERR_INVALID_CHAR']);

/** Every `code` found along the error's `cause` chain (and inside AggregateErrors), outermost first. */
function errorCodes(error: unknown, depth = 0): string[] {
  if (depth > 5 || typeof error !== 'object' || error === null) return [];
  const codes: string[] = [];
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === 'string') codes.push(code);
  if (Array.isArray(errors)) for (const inner of errors) codes.push(...errorCodes(inner, depth + 1));
  if (cause !== undefined) codes.push(...errorCodes(cause, depth + 1));
  return codes;
}

export function classifySendError(error: unknown, timedOut: boolean): AttemptErrorCode {
  if (timedOut) return 'timeout';
  const codes = errorCodes(error);
  if (codes.some((c) => TIMEOUT_CODES.has(c))) return 'timeout';
  if (codes.some((c) => DNS_CODES.has(c))) return 'dns';
  if (codes.some((c) => INVALID_TARGET_CODES.has(c))) return 'invalid_target';
  return 'connection';
}

/** A short, secret-free description of the failure for the attempt log. */
export function describeSendError(error: unknown, code: AttemptErrorCode, timeoutMs: number): string {
  if (code === 'timeout') return `No complete response within ${timeoutMs} ms.`;
  const codes = errorCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  const detail = codes.length > 0 ? `${codes[0]}: ${message}` : message;
  return detail.slice(0, 500);
}
