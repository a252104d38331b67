/** Turns whatever a transport rejected with into a sentence for a banner. */

export interface CodedError {
  code?: string;
  message: string;
  field?: string;
}

/**
 * Transports reject with the relay's coded error: an Error carrying `code`/`field`, a plain `{code, message}`,
 * or an `{error: {code, message}}` body. Anything else becomes a generic sentence.
 */
export function toCodedError(error: unknown): CodedError {
  if (typeof error === 'object' && error !== null) {
    const record = error as { code?: unknown; message?: unknown; field?: unknown; error?: unknown };
    if (typeof record.error === 'object' && record.error !== null) return toCodedError(record.error);
    if (typeof record.message === 'string' && record.message !== '') {
      const coded: CodedError = { message: record.message };
      if (typeof record.code === 'string') coded.code = record.code;
      if (typeof record.field === 'string') coded.field = record.field;
      return coded;
    }
  }
  if (typeof error === 'string' && error !== '') return { message: error };
  return { message: 'The relay did not answer. Check that it is running and try again.' };
}

export function errorMessage(error: unknown): string {
  return toCodedError(error).message;
}
