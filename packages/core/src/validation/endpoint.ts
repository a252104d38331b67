/** Validation of what "Save Endpoint" and the hooks API accept, with messages a person can act on. */
import { HooklineError, isErrorCode } from '../errors.js';
import type { ValidationResult } from './issues.js';
import { validateAuthorization } from './authorization.js';
import { toResult } from './build.js';
import { validateDestinationUrl } from './url.js';

export { MAX_AUTHORIZATION_LENGTH, validateAuthorization } from './authorization.js';
export { MAX_NAMESPACE_LENGTH, validateNamespace } from './namespace.js';
export { MAX_URL_LENGTH, isLoopbackHost, validateDestinationUrl } from './url.js';

/** The destination URL and (when given) the Authorization header, errors and warnings merged. */
export function validateEndpoint(input: { destinationUrl: string; authorization?: string | null }): ValidationResult {
  const results = [validateDestinationUrl(input.destinationUrl)];
  if (input.authorization !== undefined && input.authorization !== null) {
    results.push(validateAuthorization(input.authorization));
  }
  return toResult(
    results.flatMap((r) => r.errors),
    results.flatMap((r) => r.warnings),
  );
}

/** Throws the first error as a HooklineError (code, message, field); all findings ride along in `details`. */
export function assertValid(result: ValidationResult): void {
  const first = result.errors[0];
  if (!first) return;
  const code = isErrorCode(first.code) ? first.code : 'HOOKLINE_ERR_INVALID_FIELD';
  throw new HooklineError(code, first.message, {
    field: first.field,
    details: { errors: result.errors, warnings: result.warnings },
  });
}
