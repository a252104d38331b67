/** Ends a command with a given exit code (and, when there is one, a message that says what to fix). */
export class ExitError extends Error {
  constructor(
    readonly exitCode: number,
    message = '',
  ) {
    super(message);
    this.name = 'ExitError';
  }
}

/** Exit code 2: the command line or a file it names is wrong. */
export function usageError(message: string): ExitError {
  return new ExitError(2, message);
}
