/**
 * The one error every relay request rejects with, on every transport: a HooklineError (so `isHooklineError`,
 * `code`, `field` and `toBody()` work everywhere) that also says which request it answers and whether the relay
 * refused it or no answer came.
 */
import { HooklineError } from '@hookline/core';
import type { ErrorBody, ErrorCode, RequestType } from '@hookline/core';

export type RelayClientErrorSource =
  /** The relay answered with this error (a validation message, an unknown hook, …). */
  | 'relay'
  /** No answer can come: timed out, connection lost, transport closed, or a relay with another protocol. */
  | 'client';

export class RelayClientError extends HooklineError {
  override name = 'RelayClientError';

  constructor(
    code: ErrorCode,
    message: string,
    readonly source: RelayClientErrorSource,
    readonly request: RequestType | null = null,
    options: { field?: string; details?: unknown } = {},
  ) {
    super(code, message, options);
  }

  /** The relay's `error` frame for `request`, as an error to reject with. */
  static fromRelay(error: ErrorBody['error'], request: RequestType | null): RelayClientError {
    const options: { field?: string; details?: unknown } = {};
    if (error.field !== undefined) options.field = error.field;
    if (error.details !== undefined) options.details = error.details;
    return new RelayClientError(error.code, error.message, 'relay', request, options);
  }

  /** No answer for `request`: HOOKLINE_ERR_RELAY_UNREACHABLE with the reason. */
  static unreachable(message: string, request: RequestType | null = null): RelayClientError {
    return new RelayClientError('HOOKLINE_ERR_RELAY_UNREACHABLE', message, 'client', request);
  }
}
