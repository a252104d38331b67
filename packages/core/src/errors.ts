/**
 * The one catalogue of Hookline's coded errors. Every API, the WebSocket and the CLI answer with these codes;
 * `test/errors.test.ts` keeps the catalogue honest (unique, well-formed codes, sensible statuses, every code used).
 * A message may be a template: `{name}` marks a value the throw site passes to `HooklineError.of`, typed from the
 * template, so limits and ids are never written into the text by hand.
 */
export const ERROR_CATALOGUE = {
  HOOKLINE_ERR_UNKNOWN_RESOURCE: { status: 422, message: 'Unknown resource.' },
  HOOKLINE_ERR_EVENT_TYPE_NOT_OFFERED: { status: 422, message: 'The resource does not offer this event type.' },
  HOOKLINE_ERR_INVALID_EVENT_TYPE: { status: 422, message: 'Event type must be one of create, update or delete.' },
  HOOKLINE_ERR_INVALID_URL: { status: 422, message: 'The notification endpoint is not a valid URL.' },
  HOOKLINE_ERR_UNSUPPORTED_URL_SCHEME: { status: 422, message: 'The notification endpoint must use http or https.' },
  HOOKLINE_ERR_URL_MISSING_HOST: { status: 422, message: 'The notification endpoint has no host.' },
  HOOKLINE_ERR_URL_HAS_CREDENTIALS: { status: 422, message: 'The notification endpoint must not contain credentials.' },
  HOOKLINE_ERR_URL_HAS_WHITESPACE: { status: 422, message: 'The notification endpoint contains whitespace.' },
  HOOKLINE_ERR_URL_PORT_OUT_OF_RANGE: { status: 422, message: 'The notification endpoint port is out of range.' },
  HOOKLINE_ERR_URL_TOO_LONG: { status: 422, message: 'The notification endpoint is too long.' },
  HOOKLINE_ERR_AUTHORIZATION_INVALID_CHARACTERS: { status: 422, message: 'The authorization header contains characters that are not allowed.' },
  HOOKLINE_ERR_AUTHORIZATION_TOO_LONG: { status: 422, message: 'The authorization header is too long.' },
  HOOKLINE_ERR_INVALID_NAMESPACE: { status: 422, message: 'The namespace may contain only lowercase a-z, 0-9 and -.' },
  HOOKLINE_ERR_INVALID_PAYLOAD_VERSION: { status: 422, message: 'Payload version must be v2.0, v3.0 or v4.0.' },
  HOOKLINE_ERR_INVALID_HOOK_STATUS: { status: 422, message: 'Hook status must be active or disabled.' },
  HOOKLINE_ERR_INVALID_ID: { status: 422, message: 'An id must be a positive integer of at most 19 digits.' },
  HOOKLINE_ERR_INVALID_FIELD: { status: 422, message: 'A field has the wrong type or value.' },
  HOOKLINE_ERR_MISSING_FIELD: { status: 422, message: 'A required field is missing.' },
  HOOKLINE_ERR_UNKNOWN_FIELD: { status: 422, message: 'The request has a field that is not recognised.' },
  HOOKLINE_ERR_INVALID_CURSOR: { status: 400, message: 'The pagination cursor is not valid.' },
  HOOKLINE_ERR_INVALID_QUERY: { status: 400, message: 'A query parameter has the wrong value.' },
  HOOKLINE_ERR_MALFORMED_JSON: { status: 400, message: 'The request body is not valid JSON.' },
  HOOKLINE_ERR_UNSUPPORTED_MEDIA_TYPE: { status: 415, message: 'The request body must be application/json.' },
  HOOKLINE_ERR_BODY_TOO_LARGE: { status: 413, message: 'The request body is larger than {limit}. Send less data per request.' },
  HOOKLINE_ERR_TOO_MANY_TRIGGERS: { status: 413, message: 'The request has {count} triggers; at most {max} may be sent in one bulk request. Split it.' },
  HOOKLINE_ERR_TOO_MANY_EVENTS: { status: 413, message: 'The import has {count} events; at most {max} may be sent in one request. Split it.' },
  HOOKLINE_ERR_UNAUTHORIZED: { status: 401, message: 'A valid relay token is required.' },
  HOOKLINE_ERR_FORBIDDEN_HOST: { status: 403, message: 'The Host header is not one this relay answers to.' },
  HOOKLINE_ERR_FORBIDDEN_ORIGIN: { status: 403, message: 'Requests from this Origin are not allowed.' },
  HOOKLINE_ERR_NOT_FOUND: { status: 404, message: 'No such route.' },
  HOOKLINE_ERR_HOOK_NOT_FOUND: { status: 404, message: 'No hook with id {id}.' },
  HOOKLINE_ERR_TRIGGER_NOT_FOUND: { status: 404, message: 'Hook {hookId} has no trigger with id {triggerId}.' },
  HOOKLINE_ERR_DELIVERY_NOT_FOUND: { status: 404, message: 'No delivery with id {id}.' },
  HOOKLINE_ERR_COMPANY_NOT_FOUND: { status: 404, message: 'This relay does not hold that company.' },
  HOOKLINE_ERR_METHOD_NOT_ALLOWED: { status: 405, message: 'This method is not allowed on this route.' },
  HOOKLINE_ERR_NAMESPACE_TAKEN: { status: 409, message: 'A hook with this namespace already exists.' },
  HOOKLINE_ERR_HOOK_HAS_NO_ENDPOINT: { status: 409, message: 'The hook has no notification endpoint yet.' },
  HOOKLINE_ERR_REPLAY_TOO_LARGE: {
    status: 413,
    message: '{count} deliveries match; at most {max} are replayed at once. Narrow the filter (a shorter --since/--until, --resource, --resource-id) and replay in parts.',
  },
  HOOKLINE_ERR_HOOK_CANNOT_DELIVER: {
    status: 409,
    message: 'Hook {hookId} is {reason}, so a replay to it would not be sent. {fix} first, then replay again.',
  },
  HOOKLINE_ERR_UNKNOWN_MESSAGE: { status: 400, message: 'The WebSocket message type is not recognised.' },
  HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION: {
    status: 400,
    message:
      'The relay ({relayVersion}) speaks protocol {relayProtocol}; this client speaks {clientProtocol}. Update the Hookline extension or the relay (then reload the web page) so both are the same release.',
  },
  HOOKLINE_ERR_RELAY_UNREACHABLE: { status: 503, message: 'The relay is not reachable.' },
  HOOKLINE_ERR_INTERNAL: { status: 500, message: 'The relay hit an unexpected error.' },
  HOOKLINE_ERR_UNKNOWN_SCENARIO: { status: 422, message: 'No built-in scenario has this name.' },
  HOOKLINE_ERR_DATA_DIR_IN_USE: { status: 409, message: 'Another relay is already running on this data dir.' },
  HOOKLINE_ERR_DATABASE_DAMAGED: { status: 500, message: 'The relay database is damaged.' },
  HOOKLINE_ERR_STORAGE_FULL: { status: 503, message: 'The relay cannot write to its data dir: the disk is full.' },
} as const satisfies Record<string, { status: number; message: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

type Placeholders<Text extends string> = Text extends `${string}{${infer Name}}${infer Rest}` ? Name | Placeholders<Rest> : never;

/** The values a code's message template needs, by name. */
export type ErrorValues<C extends ErrorCode> = { [Name in Placeholders<(typeof ERROR_CATALOGUE)[C]['message']>]: string | number };

/** The codes whose catalogue message is complete as it stands (no `{name}` to fill in). */
export type PlainErrorCode = { [C in ErrorCode]: [Placeholders<(typeof ERROR_CATALOGUE)[C]['message']>] extends [never] ? C : never }[ErrorCode];

/** The catalogue message of `code` with its values filled in. */
export function errorMessage<C extends ErrorCode>(code: C, values: ErrorValues<C>): string {
  const named = values as Record<string, string | number>;
  return ERROR_CATALOGUE[code].message.replace(/\{(\w+)\}/g, (_match, name: string) => String(named[name]));
}

/** The wire shape of every error the relay answers with. */
export interface ErrorBody {
  error: { code: ErrorCode; message: string; field?: string; details?: unknown };
}

export interface HooklineErrorOptions {
  field?: string;
  details?: unknown;
}

export class HooklineError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly field: string | undefined;
  readonly details: unknown;

  /** A code with its catalogue message, or with a message of the throw site's own (required for a template). */
  constructor(code: PlainErrorCode, message?: string, options?: HooklineErrorOptions);
  constructor(code: ErrorCode, message: string, options?: HooklineErrorOptions);
  constructor(code: ErrorCode, message?: string, options: HooklineErrorOptions = {}) {
    super(message ?? ERROR_CATALOGUE[code].message);
    this.name = 'HooklineError';
    this.code = code;
    this.status = ERROR_CATALOGUE[code].status;
    this.field = options.field;
    this.details = options.details;
  }

  /** A code whose catalogue message is a template, with its values. */
  static of<C extends ErrorCode>(code: C, values: ErrorValues<C>, options?: HooklineErrorOptions): HooklineError {
    return new HooklineError(code, errorMessage(code, values), options);
  }

  toBody(): ErrorBody {
    const error: ErrorBody['error'] = { code: this.code, message: this.message };
    if (this.field !== undefined) error.field = this.field;
    if (this.details !== undefined) error.details = this.details;
    return { error };
  }
}

export function isHooklineError(value: unknown): value is HooklineError {
  return value instanceof HooklineError;
}

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && Object.prototype.hasOwnProperty.call(ERROR_CATALOGUE, value);
}
