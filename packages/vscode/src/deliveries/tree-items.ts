/** Maps the plain tree nodes to VS Code TreeItems: icons, descriptions, menus (contextValue) and clicks. */
import * as vscode from 'vscode';
import { DELIVERY_PAGE_SIZE } from '@hookline/core';
import { COMMANDS } from '../commands/command-ids.js';
import { SCHEME, documentPath } from '../documents/document-uris.js';
import type { DocumentRef } from '../documents/document-uris.js';
import { ERROR_WORDS, STATUS_LOOKS, attemptTooltip, deliveryDescription, deliveryLabel, deliveryTooltip, formatDuration, relativeTime } from './delivery-format.js';
import { PART_LABELS, nodeId } from './tree-nodes.js';
import type { DeliveryNode } from './tree-nodes.js';

export function documentUri(ref: DocumentRef): vscode.Uri {
  return vscode.Uri.from({ scheme: SCHEME, path: documentPath(ref) });
}

function openCommand(ref: DocumentRef, title: string): vscode.Command {
  return { command: 'vscode.open', title, arguments: [documentUri(ref), { preview: true } satisfies vscode.TextDocumentShowOptions] };
}

function partRef(node: Extract<DeliveryNode, { kind: 'part' }>): DocumentRef {
  if (node.part === 'requestPayload') return { kind: 'requestPayload', deliveryId: node.deliveryId };
  if (node.part === 'responseHeaders') return { kind: 'responseHeaders', deliveryId: node.deliveryId };
  return { kind: 'responseBody', deliveryId: node.deliveryId, json: node.bodyIsJson };
}

export function toTreeItem(node: DeliveryNode, now: number): vscode.TreeItem {
  switch (node.kind) {
    case 'delivery': {
      const { delivery } = node;
      const look = STATUS_LOOKS[delivery.status];
      const item = new vscode.TreeItem(deliveryLabel(delivery), vscode.TreeItemCollapsibleState.Collapsed);
      item.description = deliveryDescription(delivery, now);
      item.tooltip = new vscode.MarkdownString(deliveryTooltip(delivery, now));
      item.iconPath = new vscode.ThemeIcon(look.icon, new vscode.ThemeColor(look.color));
      item.contextValue = `delivery.${delivery.status}`;
      item.accessibilityInformation = { label: `${deliveryLabel(delivery)}, ${look.word}, ${item.description}` };
      item.id = nodeId(node);
      return item;
    }
    case 'part': {
      const item = new vscode.TreeItem(PART_LABELS[node.part], vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon(node.part === 'responseHeaders' ? 'list-flat' : 'json');
      if (node.attemptNumber !== null) item.description = `attempt ${node.attemptNumber}`;
      item.command = openCommand(partRef(node), `Open ${PART_LABELS[node.part]}`);
      item.contextValue = 'deliveryPart';
      item.id = nodeId(node);
      return item;
    }
    case 'attempt': {
      const { attempt } = node;
      const { ok } = attempt;
      const outcome = attempt.responseStatus !== null ? String(attempt.responseStatus) : attempt.errorCode ? ERROR_WORDS[attempt.errorCode] : 'in flight';
      const parts = [outcome];
      if (attempt.durationMs !== null) parts.push(formatDuration(attempt.durationMs));
      if (attempt.trigger === 'manual') parts.push('manual');
      parts.push(relativeTime(attempt.startedAt, now));
      const item = new vscode.TreeItem(`Attempt ${attempt.number}`, vscode.TreeItemCollapsibleState.None);
      item.description = parts.filter(Boolean).join(' · ');
      item.tooltip = attemptTooltip(attempt);
      item.iconPath = new vscode.ThemeIcon(ok ? 'check' : attempt.completedAt === null ? 'loading~spin' : 'close', new vscode.ThemeColor(ok ? 'testing.iconPassed' : 'testing.iconFailed'));
      item.command = openCommand({ kind: 'attempt', deliveryId: node.deliveryId, attemptNumber: attempt.number }, 'Open Attempt');
      item.contextValue = 'deliveryAttempt';
      item.id = nodeId(node);
      return item;
    }
    case 'loadMore': {
      const item = new vscode.TreeItem('More Deliveries', vscode.TreeItemCollapsibleState.None);
      item.iconPath = new vscode.ThemeIcon('fold-down');
      item.command = { command: COMMANDS.loadMoreDeliveries, title: 'More Deliveries' };
      item.tooltip = `Load the next ${DELIVERY_PAGE_SIZE} deliveries`;
      item.contextValue = 'loadMore';
      item.id = nodeId(node);
      return item;
    }
    case 'message': {
      const item = new vscode.TreeItem(node.text, vscode.TreeItemCollapsibleState.None);
      if (node.detail) {
        item.description = node.detail;
        item.tooltip = node.detail;
      }
      item.iconPath = new vscode.ThemeIcon(node.icon === 'loading' ? 'loading~spin' : node.icon, node.icon === 'error' ? new vscode.ThemeColor('errorForeground') : undefined);
      item.contextValue = 'message';
      item.id = nodeId(node);
      return item;
    }
  }
}
