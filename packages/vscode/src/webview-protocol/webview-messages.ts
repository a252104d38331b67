/**
 * The Company Webhooks webview ⇄ extension messages, shared by both ends. The webview speaks core's relay
 * protocol through the extension, which forwards requests over its one WebSocket and posts back replies and
 * pushes. Start with a `ready` handshake: the extension answers `init`, and only then does the page mount.
 */
import type { ConnectionState, ErrorBody, PushMessage, RequestType } from '@hookline/core';
import { isRequestType } from '@hookline/core';

export type HostCommand = 'startRelay' | 'connect';

export type WebviewToHost =
  /** Sent by the webview once its listener is installed (again after every reload of the page). */
  | { type: 'ready' }
  /** Sent by the webview: a relay request; answered with `reply` carrying the same `id`. */
  | { type: 'request'; id: number; request: RequestType; params: Record<string, unknown> }
  /** Sent by the webview: run an extension command (the page's "Start Relay" and "Connect" buttons). */
  | { type: 'command'; command: HostCommand };

export type HostToWebview =
  /** Sent by the extension in answer to `ready`. */
  | { type: 'init'; connection: ConnectionState; relayUrl: string; detail: string }
  /** Sent by the extension: the relay's answer to request `id`. */
  | { type: 'reply'; id: number; ok: true; result: unknown }
  | { type: 'reply'; id: number; ok: false; error: ErrorBody['error'] }
  /** Sent by the extension: a relay push (delivery.created, hook.updated, triggers.updated, …). */
  | { type: 'push'; message: PushMessage }
  /** Sent by the extension when the connection to the relay changes. */
  | { type: 'connection'; connection: ConnectionState; relayUrl: string; detail: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function isWebviewToHost(value: unknown): value is WebviewToHost {
  if (!isRecord(value)) return false;
  switch (value.type) {
    case 'ready':
      return true;
    case 'request':
      return typeof value.id === 'number' && Number.isSafeInteger(value.id) && isRequestType(value.request) && isRecord(value.params);
    case 'command':
      return value.command === 'startRelay' || value.command === 'connect';
    default:
      return false;
  }
}

export function isHostToWebview(value: unknown): value is HostToWebview {
  if (!isRecord(value)) return false;
  return value.type === 'init' || value.type === 'reply' || value.type === 'push' || value.type === 'connection';
}
