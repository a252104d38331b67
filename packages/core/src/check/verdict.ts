/**
 * The one home of the verdict rules: one answer from a receiver judged against Procore's delivery rules
 * (core's success rule and deadline), plus a scenario's own expectation. Every failure carries what Procore
 * would do about it.
 */
import { DEFAULT_SEND_TIMEOUT_MS, isSuccessStatus } from '../delivery/attempt.js';
import type { AttemptErrorCode } from '../model.js';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from '../retry/policy.js';
import { EXPECTATION_CONSEQUENCE, failureConsequence, heldBackConsequence, slowConsequence } from './consequences.js';
import type { Expectation } from './scenario.js';

export type VerdictLevel = 'ok' | 'warn' | 'fail';

export interface Verdict {
  level: VerdictLevel;
  /** Why, in one sentence: what the receiver did. */
  message: string;
  /** What Procore does about it; null when nothing happens. */
  consequence: string | null;
}

/** One HTTP answer as the relay's sender recorded it. */
export interface Answer {
  status: number | null;
  durationMs: number;
  errorCode: AttemptErrorCode | null;
  errorMessage: string | null;
  /** Header names in lower case, as Node reports them. */
  responseHeaders: Readonly<Record<string, string>>;
  responseBody: string | null;
}

export interface JudgeOptions {
  /** The deadline the answer was sent with; Procore's is DEFAULT_SEND_TIMEOUT_MS. */
  timeoutMs?: number;
  expect?: Expectation;
  policy?: RetryPolicy;
}

const BODY_EXCERPT_CHARS = 120;

export function isRedirectStatus(status: number | null): boolean {
  return status !== null && status >= 300 && status < 400;
}

export function judgeAnswer(answer: Answer, options: JudgeOptions = {}): Verdict {
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  const policy = options.policy ?? DEFAULT_RETRY_POLICY;
  const fail = (message: string): Verdict => ({ level: 'fail', message, consequence: failureConsequence(policy) });
  const procoreDeadline = timeoutMs === DEFAULT_SEND_TIMEOUT_MS ? "Procore's timeout" : `the check's timeout (Procore's is ${DEFAULT_SEND_TIMEOUT_MS} ms)`;

  if (answer.errorCode === 'timeout') {
    const started = answer.status === null ? 'no answer' : `answered ${answer.status} but did not finish the body`;
    return fail(`${capitalize(started)} within ${timeoutMs} ms, ${procoreDeadline}: a hang counts as a timeout.`);
  }
  if (answer.status === null) {
    const what = answer.errorCode === 'dns' ? 'The host name did not resolve' : answer.errorCode === 'invalid_target' ? 'The endpoint is not an http(s) URL' : 'No answer: the connection failed';
    return fail(`${what}${answer.errorMessage ? ` (${answer.errorMessage})` : ''}.`);
  }
  if (isRedirectStatus(answer.status)) {
    const location = answer.responseHeaders.location;
    return fail(`Answered ${answer.status}, a redirect${location ? ` to ${location}` : ''}; Procore does not follow redirects.`);
  }
  if (!isSuccessStatus(answer.status)) {
    return fail(`Answered ${answer.status}${bodyExcerpt(answer.responseBody)}; only a 2xx counts as delivered.`);
  }
  if (answer.errorCode !== null) {
    return fail(`Answered ${answer.status} but the answer broke off (${answer.errorMessage ?? answer.errorCode}).`);
  }

  const expected = options.expect;
  if (expected?.status !== undefined && !expected.status.includes(answer.status)) {
    return { level: 'fail', message: `Answered ${answer.status}; the scenario expects ${orList(expected.status.map(String))}.`, consequence: EXPECTATION_CONSEQUENCE };
  }
  if (expected?.maxDurationMs !== undefined && answer.durationMs > expected.maxDurationMs) {
    return {
      level: 'fail',
      message: `Answered ${answer.status} in ${answer.durationMs} ms; the scenario expects at most ${expected.maxDurationMs} ms.`,
      consequence: EXPECTATION_CONSEQUENCE,
    };
  }
  if (answer.durationMs > timeoutMs / 2) {
    return {
      level: 'warn',
      message: `Answered ${answer.status} in ${answer.durationMs} ms, more than half of the ${timeoutMs} ms timeout.`,
      consequence: slowConsequence(policy),
    };
  }
  return { level: 'ok', message: `Answered ${answer.status} in ${answer.durationMs} ms.`, consequence: null };
}

/** A delivery that was never sent because an earlier one to the same endpoint failed. */
export function heldBackVerdict(blockedBy: string, policy: RetryPolicy = DEFAULT_RETRY_POLICY): Verdict {
  return { level: 'fail', message: `Not sent: it waits behind ${blockedBy}, which failed.`, consequence: heldBackConsequence(policy) };
}

export function isPassing(verdict: Verdict): boolean {
  return verdict.level !== 'fail';
}

function bodyExcerpt(body: string | null): string {
  const text = (body ?? '').replace(/\s+/g, ' ').trim();
  if (text === '') return '';
  return text.length > BODY_EXCERPT_CHARS ? `: ${text.slice(0, BODY_EXCERPT_CHARS)}…` : `: ${text}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function orList(items: string[]): string {
  return items.length <= 1 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
