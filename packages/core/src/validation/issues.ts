import type { ErrorCode } from '../errors.js';

/** Codes of findings that do not block saving (Procore shows them in its warning banner). */
export type WarningCode =
  | 'HOOKLINE_WARN_PLAIN_HTTP'
  | 'HOOKLINE_WARN_AUTHORIZATION_FORMAT';

/** One finding about user input, worded so a person knows what to change. */
export interface ValidationIssue {
  field: string;
  severity: 'error' | 'warning';
  code: ErrorCode | WarningCode;
  message: string;
}

export interface ValidationResult {
  ok: boolean;
  errors: ValidationIssue[];
  warnings: ValidationIssue[];
}
