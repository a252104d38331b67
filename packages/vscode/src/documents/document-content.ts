/** The text of each `hookline:` document, rendered from a delivery with its attempts. Numbers are never rounded. */
import { parseLossless, prettyJson, stringifyLossless, verdictForAttempt, type Attempt, type DeliveryWithAttempts } from '@hookline/core';
import type { DocumentRef } from './document-uris.js';

function latestAttempt(delivery: DeliveryWithAttempts): Attempt | null {
  return delivery.attempts.reduce<Attempt | null>((best, a) => (best === null || a.number > best.number ? a : best), null);
}

/** A body as a JSON value when it parses (losslessly), else the text itself. */
function bodyValue(text: string | null): unknown {
  if (text === null) return null;
  const parsed = parseLossless(text);
  return parsed === undefined ? text : parsed;
}

function attemptView(attempt: Attempt): Record<string, unknown> {
  return {
    number: attempt.number,
    trigger: attempt.trigger,
    started_at: attempt.startedAt,
    completed_at: attempt.completedAt,
    duration_ms: attempt.durationMs,
    error: attempt.errorCode === null ? null : { code: attempt.errorCode, message: attempt.errorMessage },
    procore_verdict: verdictForAttempt(attempt),
    request: { headers: attempt.requestHeaders, body: bodyValue(attempt.requestBody) },
    response: {
      status: attempt.responseStatus,
      headers: attempt.responseHeaders,
      body: bodyValue(attempt.responseBody),
      body_truncated: attempt.responseBodyTruncated,
    },
  };
}

export function renderDocument(ref: DocumentRef, delivery: DeliveryWithAttempts): string {
  switch (ref.kind) {
    case 'requestPayload':
      return prettyJson(delivery.payload) ?? delivery.payload;
    case 'responseHeaders': {
      const latest = latestAttempt(delivery);
      return stringifyLossless(latest ? latest.responseHeaders : {});
    }
    case 'responseBody': {
      const body = latestAttempt(delivery)?.responseBody ?? '';
      return (ref.json ? prettyJson(body) : null) ?? body;
    }
    case 'attempt': {
      const attempt = delivery.attempts.find((a) => a.number === ref.attemptNumber);
      if (!attempt) throw new Error(`Delivery ${delivery.id} has no attempt ${ref.attemptNumber}.`);
      return stringifyLossless(attemptView(attempt));
    }
    case 'delivery': {
      const { payload, attempts, ...summary } = delivery;
      return stringifyLossless({ ...summary, payload: bodyValue(payload), attempts: [...attempts].sort((a, b) => a.number - b.number).map(attemptView) });
    }
  }
}
