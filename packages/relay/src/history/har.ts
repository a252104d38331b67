/**
 * The delivery log as HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/), pure: one entry per attempt,
 * the request as sent (Authorization masked, `postData.text` the payload's exact text), the answer as received
 * (status, headers, body; base64 when it is not UTF-8) and the try's duration. A try that got no answer (timeout,
 * refused or reset connection) has status 0 and its error in `_error` and `comment`, as browsers write it.
 * Hookline's own fields start with an underscore, as the spec asks. The stream writer puts `harOpening`, the
 * entries and `harClosing` together (export-stream.ts).
 */
import { STATUS_CODES } from 'node:http';
import type { ExportCounts, ExportedAttempt, ExportedDelivery } from './export-record.js';
import { exportableHeaders } from './export-record.js';

export const HAR_VERSION = '1.2';
export const HAR_HTTP_VERSION = 'HTTP/1.1';
/** The URL of a try whose endpoint is unknown (logged without it, and the hook has none now). */
export const UNKNOWN_URL = 'about:blank';

export interface HarNameValue {
  name: string;
  value: string;
}

export interface HarEntry {
  startedDateTime: string;
  time: number;
  request: {
    method: string;
    url: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    queryString: HarNameValue[];
    postData: { mimeType: string; text: string };
    headersSize: number;
    bodySize: number;
  };
  response: {
    status: number;
    statusText: string;
    httpVersion: string;
    cookies: HarNameValue[];
    headers: HarNameValue[];
    content: { size: number; mimeType: string; text?: string; encoding?: string; comment?: string };
    redirectURL: string;
    headersSize: number;
    bodySize: number;
  };
  cache: Record<string, never>;
  timings: { send: number; wait: number; receive: number; comment: string };
  comment?: string;
  _error?: string;
  _deliveryId: number;
  _attemptNumber: number;
  _trigger: string;
  _ok: boolean;
  _errorCode: string | null;
}

/** Hookline's summary at the end of the log (after the entries: it is known only once they are written). */
export interface HarSummary {
  deliveries: number;
  attempts: number;
  without_attempts: number;
}

function pairs(record: Readonly<Record<string, string>>): HarNameValue[] {
  return Object.entries(record).map(([name, value]) => ({ name, value }));
}

function header(record: Readonly<Record<string, string>>, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(record)) if (key.toLowerCase() === wanted) return value;
  return undefined;
}

function queryString(url: string): HarNameValue[] {
  try {
    return [...new URL(url).searchParams].map(([name, value]) => ({ name, value }));
  } catch {
    return [];
  }
}

/** The body as HAR content: text when the bytes are UTF-8, else base64 (so no byte is lost either way). */
function content(bytes: Buffer | null, mimeType: string, truncated: boolean): HarEntry['response']['content'] {
  const out: HarEntry['response']['content'] = { size: bytes?.length ?? 0, mimeType };
  if (bytes !== null && bytes.length > 0) {
    const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
    if (Buffer.from(text, 'utf8').equals(bytes)) out.text = text;
    else {
      out.text = bytes.toString('base64');
      out.encoding = 'base64';
    }
  }
  if (truncated) out.comment = `Truncated: the relay keeps the first ${bytes?.length ?? 0} bytes of a response body.`;
  return out;
}

function bodySize(bytes: Buffer | null, truncated: boolean, headers: Readonly<Record<string, string>>): number {
  if (!truncated) return bytes?.length ?? 0;
  const length = Number(header(headers, 'content-length'));
  return Number.isSafeInteger(length) && length >= 0 ? length : -1;
}

export function harEntry(record: Pick<ExportedDelivery, 'delivery' | 'hookEndpoint'>, { attempt, responseBytes }: ExportedAttempt): HarEntry {
  const notes: string[] = [];
  let url = attempt.url;
  if (url === null) {
    url = record.hookEndpoint ?? UNKNOWN_URL;
    notes.push(
      `The relay did not record where this try went (it was logged before the relay kept each try's URL, or the hook had no endpoint then); ${record.hookEndpoint === null ? 'the hook has no endpoint now either.' : "the URL shown is the hook's endpoint now."}`,
    );
  }
  const requestHeaders = exportableHeaders(attempt.requestHeaders);
  const answered = attempt.responseStatus !== null;
  const status = attempt.responseStatus ?? 0;
  if (!answered) notes.push(`No answer: ${attempt.errorMessage ?? attempt.errorCode ?? 'the try did not complete'}`);
  const duration = Math.max(0, attempt.durationMs ?? 0);
  const entry: HarEntry = {
    startedDateTime: attempt.startedAt,
    time: duration,
    request: {
      method: 'POST',
      url,
      httpVersion: HAR_HTTP_VERSION,
      cookies: [],
      headers: pairs(requestHeaders),
      queryString: queryString(url),
      postData: { mimeType: header(requestHeaders, 'content-type') ?? 'application/json', text: record.delivery.payload },
      headersSize: -1,
      bodySize: Buffer.byteLength(record.delivery.payload, 'utf8'),
    },
    response: {
      status,
      statusText: answered ? (STATUS_CODES[status] ?? '') : '',
      httpVersion: answered ? HAR_HTTP_VERSION : '',
      cookies: [],
      headers: pairs(attempt.responseHeaders),
      content: content(responseBytes, header(attempt.responseHeaders, 'content-type') ?? (answered ? 'application/octet-stream' : ''), attempt.responseBodyTruncated),
      redirectURL: header(attempt.responseHeaders, 'location') ?? '',
      headersSize: -1,
      bodySize: answered ? bodySize(responseBytes, attempt.responseBodyTruncated, attempt.responseHeaders) : 0,
    },
    cache: {},
    timings: { send: 0, wait: duration, receive: 0, comment: 'The relay measures one duration per try, from sending to the end of the answer: it is all under wait.' },
    _deliveryId: record.delivery.id,
    _attemptNumber: attempt.number,
    _trigger: attempt.trigger,
    _ok: attempt.ok,
    _errorCode: attempt.errorCode,
  };
  if (!answered) entry._error = attempt.errorMessage ?? attempt.errorCode ?? 'no answer';
  if (notes.length > 0) entry.comment = notes.join(' ');
  return entry;
}

/** One entry per attempt, oldest first; none for a delivery not tried yet. */
export function harEntries(record: ExportedDelivery): HarEntry[] {
  return record.attempts.map((attempt) => harEntry(record, attempt));
}

/** Everything before the first entry: `{"log":{"version":"1.2","creator":{…},"entries":[`. */
export function harOpening(creator: { name: string; version: string }): string {
  const head = JSON.stringify({ log: { version: HAR_VERSION, creator: { name: creator.name, version: creator.version }, entries: [] } });
  return head.slice(0, -'[]}}'.length) + '[';
}

/** What follows the last entry: the log's comment (in words) and `_hookline` (the counts), then the closing brackets. */
export function harClosing(counts: ExportCounts): string {
  const words = [`${counts.deliveries} ${counts.deliveries === 1 ? 'delivery' : 'deliveries'}, ${counts.attempts} ${counts.attempts === 1 ? 'attempt' : 'attempts'} (one entry each), newest delivery first.`];
  if (counts.withoutAttempts > 0) {
    words.push(`${counts.withoutAttempts} ${counts.withoutAttempts === 1 ? 'delivery has' : 'deliveries have'} no attempt yet and so no entry (the NDJSON export lists ${counts.withoutAttempts === 1 ? 'it' : 'them'}).`);
  }
  const summary: HarSummary = { deliveries: counts.deliveries, attempts: counts.attempts, without_attempts: counts.withoutAttempts };
  return `],"comment":${JSON.stringify(words.join(' '))},"_hookline":${JSON.stringify(summary)}}}`;
}
