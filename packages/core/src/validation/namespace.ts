/** A hook's namespace: Procore allows lowercase a-z, 0-9 and '-', one namespace per integration. */
import type { ValidationResult } from './issues.js';
import { describeWhitespace, error, quote, toResult } from './build.js';

export const MAX_NAMESPACE_LENGTH = 64;
const FIELD = 'namespace';
const ALLOWED = /^[a-z0-9-]$/;

export function validateNamespace(value: string): ValidationResult {
  if (typeof value !== 'string') {
    return toResult([error(FIELD, 'HOOKLINE_ERR_INVALID_FIELD', 'The namespace must be a string.')]);
  }
  if (value === '') {
    return toResult([
      error(
        FIELD,
        'HOOKLINE_ERR_INVALID_NAMESPACE',
        'Enter a namespace: lowercase letters a-z, digits 0-9 and "-", e.g. "my-integration".',
      ),
    ]);
  }
  if (value.length > MAX_NAMESPACE_LENGTH) {
    return toResult([
      error(
        FIELD,
        'HOOKLINE_ERR_INVALID_NAMESPACE',
        `The namespace is ${value.length} characters long; the limit is ${MAX_NAMESPACE_LENGTH}.`,
      ),
    ]);
  }
  const chars = Array.from(value);
  const index = chars.findIndex((c) => !ALLOWED.test(c));
  if (index < 0) return toResult([]);
  const char = chars[index] ?? '';
  const shown = /\s/u.test(char) ? describeWhitespace(char) : JSON.stringify(char);
  const lower = value.toLowerCase();
  const fix = Array.from(lower).every((c) => ALLOWED.test(c)) ? ` Use ${quote(lower)}.` : '';
  return toResult([
    error(
      FIELD,
      'HOOKLINE_ERR_INVALID_NAMESPACE',
      `The namespace may contain only lowercase a-z, 0-9 and "-": character ${index + 1} is ${shown}.${fix}`,
    ),
  ]);
}
