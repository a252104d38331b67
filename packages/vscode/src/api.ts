/**
 * What `activate()` returns: a small, read-mostly view of the extension's state, used by the integration tests
 * (and by anyone scripting Hookline from another extension).
 */
import type * as vscode from 'vscode';
import type { DeliverySummary, HookHealth, RelayTransport } from '@hookline/core';
import type { DeliveryNode } from './deliveries/tree-nodes.js';
import type { ShownAlarm } from './health/health-alarm-notifier.js';
import type { RelayStatus } from './relay/relay-connection.js';
import type { StartOutcome } from './relay/relay-starter.js';
import type { StatusLook } from './status/connection-status-bar.js';

/** The Deliveries tree's filter as the commands and the API name it (the shared log's `failuresOnly`). */
export type DeliveryFilter = 'all' | 'failures';

export interface HooklineApi {
  status(): RelayStatus;
  onStatus(listener: (status: RelayStatus) => void): () => void;
  /** The transport the Company Webhooks page uses (through its bridge). */
  transport: RelayTransport;
  deliveries: {
    /** What the Deliveries tree shows at its root, exactly as VS Code receives it. */
    rootNodes(): Promise<DeliveryNode[]>;
    children(node: DeliveryNode): Promise<DeliveryNode[]>;
    treeItem(node: DeliveryNode): vscode.TreeItem;
    visible(): readonly DeliverySummary[];
    filter(): DeliveryFilter;
    /** The resource id the tree is narrowed to ("Find by Resource Id…"), or null. */
    resourceId(): string | null;
    lastSeenSeq(): number | null;
    refreshStats(): { fired: number; requested: number };
  };
  companyWebhooks: {
    isReady(): boolean;
    onDidBecomeReady: vscode.Event<void>;
    /** The same page in an editor tab ("Hookline: Open Company Webhooks"). */
    panel: { isOpen(): boolean; isReady(): boolean; onDidBecomeReady: vscode.Event<void> };
  };
  relay: {
    /** How the last start of a relay by this window ended (Start Relay or auto-start); null before any. */
    lastStart(): StartOutcome | null;
  };
  health: {
    /** The hooks whose endpoint is failing now, as the relay last said. */
    failing(): HookHealth[];
    /** Every health notification shown (oldest first, the last 100): the failing alarms and the recoveries. */
    shown(): ShownAlarm[];
    /** The status bar item as shown; `background` is its ThemeColor id (`statusBarItem.errorBackground` while a hook fails). */
    statusBar(): StatusLook & { background: string | undefined };
  };
}
