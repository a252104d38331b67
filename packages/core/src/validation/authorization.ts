/**
 * The Authorization header value a hook sends verbatim with every delivery. It is a secret: messages name the
 * position and kind of a bad character, never the value itself.
 */
import type { ValidationIssue, ValidationResult } from './issues.js';
import { codePoint, error, toResult, warning } from './build.js';

export const MAX_AUTHORIZATION_LENGTH = 4096;
const FIELD = 'authorization';
const FORMAT_HINT = 'Most endpoints expect "<type> <credentials>", e.g. "Bearer 3f9c…" or "Basic dXNlcjpwYXNz".';
// An RFC 9110 auth-scheme token, then at least one space, then the credentials.
const TYPE_AND_CREDENTIALS = /^[A-Za-z][A-Za-z0-9!#$%&'*+.^_`|~-]* +\S/;

const KNOWN_TYPES = new Set(['basic', 'bearer', 'digest', 'token', 'apikey', 'hmac', 'negotiate']);

const NON_ASCII_HINTS: Record<string, string> = {
  '\u00a0': ' (a non-breaking space, often pasted from a document)',
  '\u200b': ' (an invisible zero-width space)',
  '\ufeff': ' (an invisible byte-order mark)',
  '\u2018': ' (a curly quote)',
  '\u2019': ' (a curly quote)',
  '\u201c': ' (a curly quote)',
  '\u201d': ' (a curly quote)',
  '\u2026': ' (an ellipsis: the value may have been shortened when it was copied)',
};

/** '' means "no Authorization header" and is valid. */
export function validateAuthorization(value: string): ValidationResult {
  if (typeof value !== 'string') {
    return toResult([error(FIELD, 'HOOKLINE_ERR_INVALID_FIELD', 'The Authorization header must be a string.')]);
  }
  if (value === '') return toResult([]);
  const errors: ValidationIssue[] = [];
  if (value.length > MAX_AUTHORIZATION_LENGTH) {
    errors.push(
      error(
        FIELD,
        'HOOKLINE_ERR_AUTHORIZATION_TOO_LONG',
        `The Authorization header is ${value.length} characters long; the limit is ${MAX_AUTHORIZATION_LENGTH}.`,
      ),
    );
  }
  const characters = characterIssue(value);
  if (characters) errors.push(characters);
  if (errors.length > 0) return toResult(errors);
  return toResult([], formatWarnings(value));
}

function characterIssue(value: string): ValidationIssue | undefined {
  const chars = Array.from(value);
  const lineBreak = chars.findIndex((c) => c === '\r' || c === '\n');
  if (lineBreak >= 0) {
    return error(
      FIELD,
      'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS',
      `The Authorization header contains a line break at character ${lineBreak + 1}. A line break would let the value inject other HTTP headers (header injection), so it is not allowed: put the value on one line.`,
    );
  }
  const index = chars.findIndex((c) => c < ' ' || c > '~');
  if (index < 0) return undefined;
  const char = chars[index] ?? '';
  const kind =
    char === '\t'
      ? 'a tab (U+0009)'
      : char < ' ' || char === '\u007f'
        ? `the control character ${codePoint(char)}`
        : `the non-ASCII character ${codePoint(char)}${NON_ASCII_HINTS[char] ?? ''}`;
  return error(
    FIELD,
    'HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS',
    `The Authorization header contains ${kind} at character ${index + 1}; only visible ASCII characters and spaces are allowed.`,
  );
}

function formatWarnings(value: string): ValidationIssue[] {
  const warnings: ValidationIssue[] = [];
  if (value !== value.trim()) {
    const where = value.startsWith(' ') ? 'starts' : 'ends';
    warnings.push(
      warning(
        FIELD,
        'HOOKLINE_WARN_AUTHORIZATION_FORMAT',
        `The Authorization header ${where} with a space. HTTP drops spaces around a header value, so the endpoint would receive it without them: remove the space.`,
      ),
    );
  }
  const trimmed = value.trim();
  if (!TYPE_AND_CREDENTIALS.test(trimmed)) {
    let what = 'is a single word, with no type such as "Bearer" or "Basic" in front.';
    if (/\s/.test(trimmed)) what = 'does not start with a type such as "Bearer" or "Basic".';
    else if (KNOWN_TYPES.has(trimmed.toLowerCase())) what = 'is only a type, with no credentials after it.';
    warnings.push(warning(FIELD, 'HOOKLINE_WARN_AUTHORIZATION_FORMAT', `The Authorization header ${what} ${FORMAT_HINT}`));
  }
  return warnings;
}
