/** What one HTTP try is judged by: the one success rule, and the default deadline the relay gives a try. */

/** A try succeeded when the endpoint answered 2xx (and its answer was read whole; the sender then reports no error). */
export function isSuccessStatus(status: number | null): boolean {
  return status !== null && status >= 200 && status < 300;
}

/** The relay's deadline for one try (connect, headers and body) unless it is started with another. */
export const DEFAULT_SEND_TIMEOUT_MS = 5000;
