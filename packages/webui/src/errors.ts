/** Turns whatever a request rejected with into a sentence for a banner. */

export interface CodedError {
  code?: string;
  message: string;
  field?: string;
}

/**
 * Transports reject with one error type (core's transport contract: a HooklineError, the shared client's
 * RelayClientError), so its code, field and message are read as they are. Anything else becomes a sentence.
 */
export function toCodedError(error: unknown): CodedError {
  if (error instanceof Error && error.message !== '') {
    const { code, field } = error as Error & { code?: unknown; field?: unknown };
    const coded: CodedError = { message: error.message };
    if (typeof code === 'string') coded.code = code;
    if (typeof field === 'string') coded.field = field;
    return coded;
  }
  if (typeof error === 'string' && error !== '') return { message: error };
  return { message: 'The relay did not answer. Check that it is running and try again.' };
}

export function errorMessage(error: unknown): string {
  return toCodedError(error).message;
}
