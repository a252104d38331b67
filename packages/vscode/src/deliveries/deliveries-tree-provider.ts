/**
 * The Deliveries tree: root rows from the model, children fetched on expand. It never decides when to
 * refresh: `RefreshCoordinator` calls `refreshRoot()`, and nothing else does.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../lifecycle.js';
import type { DeliveryDetails } from './delivery-details.js';
import type { DeliveryListModel } from './delivery-list-model.js';
import type { DeliverySync } from './delivery-sync.js';
import { toTreeItem } from './tree-items.js';
import { deliveryChildren, rootNodes } from './tree-nodes.js';
import type { DeliveryNode } from './tree-nodes.js';

export class DeliveriesTreeProvider implements vscode.TreeDataProvider<DeliveryNode>, Disposable {
  private readonly emitter = new vscode.EventEmitter<DeliveryNode | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(
    private readonly model: DeliveryListModel,
    private readonly sync: DeliverySync,
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
    if (!node) return rootNodes(this.model, this.sync.status);
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
