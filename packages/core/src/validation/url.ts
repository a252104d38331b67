/**
 * The notification endpoint check behind "Save Endpoint". The raw string is inspected before the WHATWG parser
 * sees it, because the parser silently repairs some mistakes (stray whitespace, "https:/host") and throws one
 * vague error for others (a port above 65535), where a person needs to be told exactly what to change.
 */
import type { ValidationIssue, ValidationResult } from './issues.js';
import { describeWhitespace, error, quote, toResult, warning } from './build.js';
import { parseUrl, type ParsedUrl } from './whatwg-url.js';

export const MAX_URL_LENGTH = 2048;
const FIELD = 'destination_url';

export function validateDestinationUrl(input: string): ValidationResult {
  if (typeof input !== 'string') {
    return toResult([error(FIELD, 'HOOKLINE_ERR_INVALID_FIELD', 'The notification endpoint must be a string.')]);
  }
  if (input.trim() === '') {
    return toResult([
      error(
        FIELD,
        'HOOKLINE_ERR_MISSING_FIELD',
        'Enter the notification endpoint: the full URL Procore should POST events to, e.g. "https://example.com/procore/webhooks".',
      ),
    ]);
  }
  const errors: ValidationIssue[] = [];
  if (input.length > MAX_URL_LENGTH) {
    errors.push(
      error(FIELD, 'HOOKLINE_ERR_URL_TOO_LONG', `The endpoint is ${input.length} characters long; the limit is ${MAX_URL_LENGTH}.`),
    );
  }
  const whitespace = whitespaceIssue(input);
  if (whitespace) errors.push(whitespace);
  if (errors.length > 0) return toResult(errors);

  const url = parseChecked(input);
  if ('severity' in url) return toResult([url]);
  const warnings: ValidationIssue[] = [];
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) {
    warnings.push(
      warning(
        FIELD,
        'HOOKLINE_WARN_PLAIN_HTTP',
        `Procore requires HTTPS for public endpoints: Hookline will deliver to http://${url.host}, but Procore would not. Use https:// before you register this endpoint with Procore.`,
      ),
    );
  }
  return toResult([], warnings);
}

/** localhost, *.localhost, 127.0.0.0/8 and ::1 (bracketed or not, as URL.hostname gives them). */
export function isLoopbackHost(hostname: string): boolean {
  let host = hostname.trim().toLowerCase();
  if (host.startsWith('[') && host.endsWith(']')) host = host.slice(1, -1);
  if (host.endsWith('.')) host = host.slice(0, -1);
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '::1' || host === '0:0:0:0:0:0:0:1') return true;
  if (/^::ffff:7f[0-9a-f]{2}:[0-9a-f]{1,4}$/.test(host)) return true;
  const v4 = /^(?:::ffff:)?127\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  return v4 !== null && v4.slice(1).every((octet) => Number(octet) <= 255);
}

function whitespaceIssue(input: string): ValidationIssue | undefined {
  const chars = Array.from(input);
  const index = chars.findIndex((c) => /\s/u.test(c));
  if (index < 0) return undefined;
  const kind = describeWhitespace(chars[index] ?? ' ');
  let message: string;
  if (index === 0) message = `The endpoint starts with ${kind}; remove it.`;
  else if (chars.slice(index).every((c) => /\s/u.test(c))) message = `The endpoint ends with ${kind}; remove it.`;
  else message = `The endpoint contains ${kind} at character ${index + 1}; remove it (a space inside a path is written %20).`;
  return error(FIELD, 'HOOKLINE_ERR_URL_HAS_WHITESPACE', message);
}

/** The parsed URL, or the first problem found in the raw string (checked before parsing, see the file comment). */
function parseChecked(input: string): ParsedUrl | ValidationIssue {
  const schemeMatch = /^([A-Za-z][A-Za-z0-9+.-]*):/.exec(input);
  // "localhost:3000/hooks" parses as scheme "localhost:", but what the person forgot is "http://".
  const looksLikeHostAndPort = /^[^/:?#]+:\d+(?:[/?#]|$)/.test(input);
  if (!schemeMatch || looksLikeHostAndPort) {
    return error(FIELD, 'HOOKLINE_ERR_INVALID_URL', `${quote(input)} is not a full URL: start it with https:// or http://.`);
  }
  const scheme = (schemeMatch[1] ?? '').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') {
    return error(
      FIELD,
      'HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME',
      `The endpoint uses "${scheme}:"; Procore only delivers to http:// or https:// URLs.`,
    );
  }
  const rest = input.slice(schemeMatch[0].length);
  if (!rest.startsWith('//')) {
    const fixed = `${scheme}://${rest.replace(/^[/\\]*/, '')}`;
    return error(FIELD, 'HOOKLINE_ERR_INVALID_URL', `The endpoint is missing "//" after "${scheme}:": write ${quote(fixed)}.`);
  }
  const authority = /^[^/\\?#]*/.exec(rest.slice(2))?.[0] ?? '';
  const at = authority.lastIndexOf('@');
  if (at >= 0) {
    const what = authority.slice(0, at).includes(':') ? 'a user name and password' : 'a user name';
    return error(
      FIELD,
      'HOOKLINE_ERR_URL_HAS_CREDENTIALS',
      `The endpoint contains ${what} before "@". Take credentials out of the URL and put them in the Authorization Header field instead, e.g. "Basic dXNlcjpwYXNz".`,
    );
  }
  const { host, port } = splitHostPort(authority);
  if (host === '') {
    return error(
      FIELD,
      'HOOKLINE_ERR_URL_MISSING_HOST',
      `The endpoint has no host: put one after "${scheme}://", e.g. "${scheme}://example.com/hooks".`,
    );
  }
  if (port !== undefined && port !== '') {
    if (!/^\d+$/.test(port)) {
      return error(
        FIELD,
        'HOOKLINE_ERR_INVALID_URL',
        `The port ${quote(port, 20)} is not a number: use a port from 1 to 65535, or leave it out.`,
      );
    }
    const value = Number(port);
    if (value < 1 || value > 65535) {
      return error(FIELD, 'HOOKLINE_ERR_URL_PORT_OUT_OF_RANGE', `Port ${port} is out of range: use a port from 1 to 65535.`);
    }
  }
  return (
    parseUrl(input) ??
    error(
      FIELD,
      'HOOKLINE_ERR_INVALID_URL',
      `${quote(input)} is not a valid URL: the host ${quote(host)} is not a valid host name or IP address.`,
    )
  );
}

function splitHostPort(authority: string): { host: string; port: string | undefined } {
  if (authority.startsWith('[')) {
    const close = authority.indexOf(']');
    if (close < 0) return { host: authority, port: undefined };
    const after = authority.slice(close + 1);
    return { host: authority.slice(0, close + 1), port: after.startsWith(':') ? after.slice(1) : undefined };
  }
  const colon = authority.lastIndexOf(':');
  return colon < 0 ? { host: authority, port: undefined } : { host: authority.slice(0, colon), port: authority.slice(colon + 1) };
}
