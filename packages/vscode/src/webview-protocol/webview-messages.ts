/**
 * The Company Webhooks webview ⇄ extension messages, shared by both ends. The webview speaks core's relay
 * protocol itself (its own RelayClient): its request frames travel to the extension, which answers each over its
 * one WebSocket, and the relay's frames (replies, errors, pushes, hello) travel back. Start with a `ready`
 * handshake: the extension answers `init`, and only then does the page mount.
 */
import type { ClientRequest, ConnectionState, ServerMessage } from '@hookline/core';
import { isClientRequest, isServerMessage } from '@hookline/core';

export type HostCommand = 'startRelay' | 'connect';

export type WebviewToHost =
  /** Sent by the webview once its listener is installed (again after every reload of the page). */
  | { type: 'ready' }
  /** Sent by the webview: one relay request frame; answered with a `relay` reply or error frame of the same id. */
  | { type: 'relay'; frame: ClientRequest }
  /** Sent by the webview: run an extension command (the page's "Start Relay" and "Connect" buttons). */
  | { type: 'command'; command: HostCommand };

export type HostToWebview =
  /** Sent by the extension in answer to `ready`. */
  | { type: 'init'; connection: ConnectionState; relayUrl: string; detail: string }
  /** Sent by the extension: one relay frame (a reply or error for the webview's request, or a push, hello first). */
  | { type: 'relay'; frame: ServerMessage }
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
    case 'relay':
      return isClientRequest(value.frame);
    case 'command':
      return value.command === 'startRelay' || value.command === 'connect';
    default:
      return false;
  }
}

export function isHostToWebview(value: unknown): value is HostToWebview {
  if (!isRecord(value)) return false;
  if (value.type === 'relay') return isServerMessage(value.frame);
  return value.type === 'init' || value.type === 'connection';
}
