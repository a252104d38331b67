import assert from 'node:assert/strict';
import { DEFAULT_SEND_TIMEOUT_MS } from '../src/delivery/attempt.js';
import { DEFAULT_RETRY_POLICY, scaleRetryPolicy } from '../src/retry/policy.js';
import { failureConsequence, formatDuration, heldBackConsequence } from '../src/check/consequences.js';
import { heldBackVerdict, isPassing, judgeAnswer, type Answer } from '../src/check/verdict.js';
import { answerFromAttempt, verdictForAttempt, verdictForLastAttempt } from '../src/check/stored-verdicts.js';

function answer(fields: Partial<Answer>): Answer {
  return { status: 200, durationMs: 12, errorCode: null, errorMessage: null, responseHeaders: {}, responseBody: '', ...fields };
}

const PAUSE = 'Procore pauses every delivery to this endpoint and retries this one for up to 12 hours; then it discards the queue.';

describe('check verdicts', () => {
  it('formats durations in the largest whole unit', () => {
    assert.equal(formatDuration(1000), '1 second');
    assert.equal(formatDuration(5000), '5 seconds');
    assert.equal(formatDuration(3_600_000), '1 hour');
    assert.equal(formatDuration(43_200_000), '12 hours');
    assert.equal(formatDuration(250), '250 ms');
  });

  it('derives the failure consequence from the state machine and the retry policy', () => {
    assert.equal(failureConsequence(), `${PAUSE} Retries start after 1 second and are at most 1 hour apart.`);
    const scaled = failureConsequence(scaleRetryPolicy(DEFAULT_RETRY_POLICY, 3600));
    assert.match(scaled, /for up to 12 seconds; then it discards the queue/);
    assert.match(heldBackConsequence(), /within 12 hours, it discards this one with the queue/);
  });

  it('passes a quick 2xx, 200 and 204 alike', () => {
    for (const status of [200, 202, 204]) {
      const verdict = judgeAnswer(answer({ status }));
      assert.deepEqual(verdict, { level: 'ok', message: `Answered ${status} in 12 ms.`, consequence: null });
      assert.ok(isPassing(verdict));
    }
  });

  it('fails a 4xx or 5xx, quoting the body, with the consequence', () => {
    const verdict = judgeAnswer(answer({ status: 400, errorCode: 'http', responseBody: '{"error":"Missing project_id"}' }));
    assert.equal(verdict.level, 'fail');
    assert.equal(verdict.message, 'Answered 400: {"error":"Missing project_id"}; only a 2xx counts as delivered.');
    assert.ok(verdict.consequence?.startsWith(PAUSE));
    assert.ok(!isPassing(verdict));
    const long = judgeAnswer(answer({ status: 500, errorCode: 'http', responseBody: 'x'.repeat(500) }));
    assert.ok(long.message.length < 200);
  });

  it('fails a redirect, naming where it points: Procore does not follow it', () => {
    const verdict = judgeAnswer(answer({ status: 301, errorCode: 'http', responseHeaders: { location: 'https://example.com/new' } }));
    assert.equal(verdict.message, 'Answered 301, a redirect to https://example.com/new; Procore does not follow redirects.');
    assert.ok(verdict.consequence?.startsWith(PAUSE));
  });

  it('fails a timeout (a hang), naming the deadline and Procore\'s when they differ', () => {
    const procore = judgeAnswer(answer({ status: null, errorCode: 'timeout', durationMs: 5001 }));
    assert.match(procore.message, /^No answer within 5000 ms, Procore's timeout: a hang counts as a timeout\.$/);
    const short = judgeAnswer(answer({ status: null, errorCode: 'timeout', durationMs: 1001 }), { timeoutMs: 1000 });
    assert.match(short.message, /within 1000 ms, the check's timeout \(Procore's is 5000 ms\)/);
    const body = judgeAnswer(answer({ status: 200, errorCode: 'timeout' }));
    assert.match(body.message, /^Answered 200 but did not finish the body/);
    assert.ok(short.consequence?.startsWith(PAUSE));
  });

  it('fails a refused connection and an unresolvable host', () => {
    assert.match(judgeAnswer(answer({ status: null, errorCode: 'connection', errorMessage: 'ECONNREFUSED' })).message, /connection failed \(ECONNREFUSED\)/);
    assert.match(judgeAnswer(answer({ status: null, errorCode: 'dns' })).message, /did not resolve/);
  });

  it('warns above half the timeout, and says what happens past it', () => {
    const verdict = judgeAnswer(answer({ durationMs: DEFAULT_SEND_TIMEOUT_MS / 2 + 1 }));
    assert.equal(verdict.level, 'warn');
    assert.match(verdict.message, /more than half of the 5000 ms timeout/);
    assert.match(verdict.consequence ?? '', /^None yet: Procore accepts it\. Above 5 seconds it would count as a failure\. Procore pauses/);
    assert.ok(isPassing(verdict));
    assert.equal(judgeAnswer(answer({ durationMs: 600 }), { timeoutMs: 1000 }).level, 'warn');
  });

  it('applies the scenario\'s own expectation to answers Procore accepts', () => {
    const status = judgeAnswer(answer({ status: 204 }), { expect: { status: [200] } });
    assert.equal(status.level, 'fail');
    assert.equal(status.message, 'Answered 204; the scenario expects 200.');
    assert.match(status.consequence ?? '', /^None from Procore/);
    assert.equal(judgeAnswer(answer({ status: 204 }), { expect: { status: [200, 204] } }).level, 'ok');
    assert.match(judgeAnswer(answer({ durationMs: 300 }), { expect: { maxDurationMs: 100 } }).message, /expects at most 100 ms/);
    // Procore's rules come first: a 500 is a Procore failure whatever the expectation.
    assert.ok(judgeAnswer(answer({ status: 500, errorCode: 'http' }), { expect: { status: [200] } }).consequence?.startsWith(PAUSE));
  });

  it('fails a delivery held behind a failed one', () => {
    const verdict = heldBackVerdict('RFIs.update #1');
    assert.equal(verdict.message, 'Not sent: it waits behind RFIs.update #1, which failed.');
    assert.equal(verdict.consequence, heldBackConsequence());
  });
});

describe('verdicts on logged attempts', () => {
  const logged = { completedAt: '2026-12-02T10:00:00.000Z', responseStatus: 400, durationMs: 7, errorCode: 'http' as const, errorMessage: 'The endpoint answered 400.', responseHeaders: {}, responseBody: 'Missing project_id' };

  it('judges a completed attempt like hookline check does, and nothing in flight', () => {
    assert.deepEqual(verdictForAttempt(logged), judgeAnswer({ status: 400, durationMs: 7, errorCode: 'http', errorMessage: 'The endpoint answered 400.', responseHeaders: {}, responseBody: 'Missing project_id' }));
    assert.equal(verdictForAttempt({ ...logged, completedAt: null }), null);
    assert.equal(answerFromAttempt({ ...logged, durationMs: null })?.durationMs, 0);
  });

  it('judges a delivery summary by its last attempt, nothing before the first', () => {
    assert.equal(verdictForLastAttempt({ attemptCount: 0, lastResponseStatus: null, lastDurationMs: null, lastErrorCode: null }), null);
    const timeout = verdictForLastAttempt({ attemptCount: 3, lastResponseStatus: null, lastDurationMs: 5001, lastErrorCode: 'timeout' });
    assert.equal(timeout?.level, 'fail');
    assert.ok(timeout?.consequence?.startsWith(PAUSE));
    assert.equal(verdictForLastAttempt({ attemptCount: 1, lastResponseStatus: 204, lastDurationMs: 3, lastErrorCode: null })?.level, 'ok');
  });
});
