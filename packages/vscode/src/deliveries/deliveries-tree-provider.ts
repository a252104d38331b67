/**
 * The Deliveries tree: a renderer of the shared DeliveryLog's state (root rows), with children fetched on
 * expand. It never decides when to refresh: `RefreshCoordinator` calls `refreshRoot()`, and nothing else does.
 */
import * as vscode from 'vscode';
import type { DeliveryLog } from '@hookline/webui/client';
import type { Disposable } from '../lifecycle.js';
import type { DeliveryDetails } from './delivery-details.js';
import { toTreeItem } from './tree-items.js';
import { deliveryChildren, rootNodes } from './tree-nodes.js';
import type { DeliveryNode } from './tree-nodes.js';

export class DeliveriesTreeProvider implements vscode.TreeDataProvider<DeliveryNode>, Disposable {
  private readonly emitter = new vscode.EventEmitter<DeliveryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly log: DeliveryLog,
    private readonly details: DeliveryDetails,
    private readonly now: () => number = Date.now,
  ) {}

  /** Only the refresh coordinator calls this. */
  refreshRoot(): void {
    this.emitter.fire(undefined);
  }

  getTreeItem(node: DeliveryNode): vscode.TreeItem {
    return toTreeItem(node, this.now());
  }

  async getChildren(node?: DeliveryNode): Promise<DeliveryNode[]> {
    if (!node) return rootNodes(this.log);
    if (node.kind !== 'delivery') return [];
    try {
      return deliveryChildren(await this.details.get(node.delivery.id));
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      return [{ kind: 'message', text: 'Could not load this delivery', detail, icon: 'error', deliveryId: node.delivery.id }];
    }
  }

  dispose(): void {
    this.emitter.dispose();
  }
}
