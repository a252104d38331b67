/**
 * Verdicts for what the relay already logged, so the deliveries log (web page, VS Code, `hookline deliveries
 * show`) says what Procore would do about an answer with the same rules as `hookline check`.
 */
import type { Attempt, DeliverySummary } from '../model.js';
import { judgeAnswer, type Answer, type Verdict } from './verdict.js';

export type StoredAttempt = Pick<Attempt, 'completedAt' | 'responseStatus' | 'durationMs' | 'errorCode' | 'errorMessage' | 'responseHeaders' | 'responseBody'>;

/** The answer an attempt got; null while it is in flight. */
export function answerFromAttempt(attempt: StoredAttempt): Answer | null {
  if (attempt.completedAt === null) return null;
  return {
    status: attempt.responseStatus,
    durationMs: attempt.durationMs ?? 0,
    errorCode: attempt.errorCode,
    errorMessage: attempt.errorMessage,
    responseHeaders: attempt.responseHeaders,
    responseBody: attempt.responseBody,
  };
}

/** The verdict on one logged attempt, under Procore's deadline; null while it is in flight. */
export function verdictForAttempt(attempt: StoredAttempt): Verdict | null {
  const answer = answerFromAttempt(attempt);
  return answer === null ? null : judgeAnswer(answer);
}

/** The verdict on a delivery's latest attempt, from its summary (no headers or body); null before the first. */
export function verdictForLastAttempt(delivery: Pick<DeliverySummary, 'attemptCount' | 'lastResponseStatus' | 'lastDurationMs' | 'lastErrorCode'>): Verdict | null {
  if (delivery.attemptCount === 0) return null;
  return judgeAnswer({
    status: delivery.lastResponseStatus,
    durationMs: delivery.lastDurationMs ?? 0,
    errorCode: delivery.lastErrorCode,
    errorMessage: null,
    responseHeaders: {},
    responseBody: null,
  });
}
