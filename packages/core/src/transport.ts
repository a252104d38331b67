/**
 * How a UI talks to the relay, whatever carries the bytes: the web page uses the relay's WebSocket directly,
 * the VS Code extension uses its own WebSocket, and the webview posts messages to the extension, which forwards
 * them. UI code depends only on `RelayTransport`; all three are thin frame adapters over one client
 * (`@hookline/webui/client`'s `RelayClient`), so they keep this contract by construction:
 *
 * - **Connected means hello.** A connection is `connected` once the relay's `hello` arrived and its `protocol`
 *   is `PROTOCOL_VERSION`; an open socket alone is not. A relay that says another protocol is refused: the
 *   transport stays disconnected, and every waiting and new request rejects with
 *   `HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION` until a relay with this protocol says hello.
 * - **States.** `connecting` only until the first hello or the first failure; after that, `disconnected` until
 *   the next hello, so a UI knows to reload (or catch up on) what it may have missed. `onConnectionState` tells a
 *   new listener the current state at once, then every change.
 * - **Requests while not connected are queued**, not refused: they go out after the next hello, or reject when
 *   `REQUEST_TIMEOUT_MS` passes first. A request already sent when the connection drops rejects at once (the relay
 *   can no longer answer it); a transport closed for good (disposed, page closed) rejects at once.
 * - **Timeouts.** Every request settles within `REQUEST_TIMEOUT_MS` of the call; a transport that forwards to
 *   another (the webview, through the extension) waits `FORWARDED_REQUEST_TIMEOUT_MS`, so the hop that owns the
 *   socket answers first with the better reason.
 * - **Errors.** Rejections are `HooklineError`s (the shared client's subclass is `RelayClientError`): the relay's
 *   own code and message when it refused the request, `HOOKLINE_ERR_RELAY_UNREACHABLE` when no answer can come
 *   (timed out, connection lost, transport closed), `HOOKLINE_ERR_UNSUPPORTED_PROTOCOL_VERSION` as above.
 * - **Pushes** reach listeners only from a connected relay, `hello` first.
 */
import type { PushMessage, RequestMap, RequestType } from './protocol.js';

export type ConnectionState = 'connecting' | 'connected' | 'disconnected';

/** From the call to its answer: past this, a request rejects with HOOKLINE_ERR_RELAY_UNREACHABLE. */
export const REQUEST_TIMEOUT_MS = 15_000;
/** The same for a transport whose requests another transport forwards (the webview's, through the extension). */
export const FORWARDED_REQUEST_TIMEOUT_MS = 20_000;

export interface RelayTransport {
  /** Sends a request (queued while not connected) and resolves with its typed result; rejects with a HooklineError. */
  request<K extends RequestType>(type: K, params: RequestMap[K]['params']): Promise<RequestMap[K]['result']>;
  /** Every push from the relay (hello, delivery.created, hook.updated, …). Returns an unsubscribe function. */
  onPush(listener: (message: PushMessage) => void): () => void;
  /** The current state at once, then every change. Returns an unsubscribe function. */
  onConnectionState(listener: (state: ConnectionState) => void): () => void;
}
