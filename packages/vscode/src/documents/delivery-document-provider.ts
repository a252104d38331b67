/**
 * Serves the read-only `hookline:` JSON documents (payload, headers, body, attempts, whole delivery) and
 * refreshes an open one when its delivery changes on the relay.
 */
import * as vscode from 'vscode';
import type { DeliverySummary } from '@hookline/core';
import type { DeliveryDetails } from '../deliveries/delivery-details.js';
import type { Disposable } from '../lifecycle.js';
import { renderDocument } from './document-content.js';
import { SCHEME, parseDocumentPath } from './document-uris.js';

export class DeliveryDocumentProvider implements vscode.TextDocumentContentProvider, Disposable {
  private readonly emitter = new vscode.EventEmitter<vscode.Uri>();
  readonly onDidChange = this.emitter.event;

  constructor(private readonly details: DeliveryDetails) {}

  async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
    const ref = parseDocumentPath(uri.path);
    if (!ref) throw new Error(`Not a Hookline document: ${uri.toString()}`);
    return renderDocument(ref, await this.details.get(ref.deliveryId));
  }

  /** Re-renders the open documents of deliveries that changed (call after the details cache was invalidated). */
  deliveriesChanged(deliveries: readonly Pick<DeliverySummary, 'id'>[]): void {
    const ids = new Set(deliveries.map((d) => d.id));
    for (const document of vscode.workspace.textDocuments) {
      if (document.uri.scheme !== SCHEME) continue;
      const ref = parseDocumentPath(document.uri.path);
      if (ref && ids.has(ref.deliveryId)) this.emitter.fire(document.uri);
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
