/** Small helpers shared by the validators: building results and naming a character without showing secrets. */
import type { ErrorCode } from '../errors.js';
import type { ValidationIssue, ValidationResult, WarningCode } from './issues.js';

export function error(field: string, code: ErrorCode, message: string): ValidationIssue {
  return { field, severity: 'error', code, message };
}

export function warning(field: string, code: WarningCode, message: string): ValidationIssue {
  return { field, severity: 'warning', code, message };
}

export function toResult(errors: ValidationIssue[], warnings: ValidationIssue[] = []): ValidationResult {
  return { ok: errors.length === 0, errors, warnings };
}

export function codePoint(char: string): string {
  return `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

const WHITESPACE_NAMES: Record<string, string> = {
  ' ': 'a space',
  '\t': 'a tab',
  '\n': 'a line break',
  '\r': 'a line break',
  '\u00a0': 'a non-breaking space',
};

/** "a space", "a tab", … or "whitespace (U+2003)". */
export function describeWhitespace(char: string): string {
  return WHITESPACE_NAMES[char] ?? `whitespace (${codePoint(char)})`;
}

/** Shows user input (never a secret) in a message, shortened so a pasted novel does not flood the banner. */
export function quote(value: string, max = 100): string {
  return JSON.stringify(value.length > max ? `${value.slice(0, max - 1)}…` : value);
}
