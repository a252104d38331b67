/**
 * "Hookline: Open Company Webhooks": the same page as the sidebar view, full width in an editor tab, where the
 * 121-row resource grid has room. One panel at a time: running the command again brings it forward.
 */
import * as vscode from 'vscode';
import type { Disposable } from '../lifecycle.js';
import { CompanyWebhooksPage, webviewRoot } from './company-webhooks-page.js';
import type { CompanyWebhooksPageDeps } from './company-webhooks-page.js';

export const PANEL_VIEW_TYPE = 'hookline.companyWebhooksPanel';

export class CompanyWebhooksPanel implements Disposable {
  private panel: vscode.WebviewPanel | null = null;
  private page: CompanyWebhooksPage | null = null;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(private readonly deps: Omit<CompanyWebhooksPageDeps, 'onReady'>) {}

  get isOpen(): boolean {
    return this.panel !== null;
  }

  get isReady(): boolean {
    return this.page?.ready ?? false;
  }

  open(): void {
    if (this.panel) {
      this.panel.reveal();
      return;
    }
    const panel = vscode.window.createWebviewPanel(PANEL_VIEW_TYPE, 'Company Webhooks', vscode.ViewColumn.Active, {
      enableScripts: true,
      localResourceRoots: [webviewRoot(this.deps.extensionUri)],
    });
    panel.iconPath = vscode.Uri.joinPath(this.deps.extensionUri, 'media', 'hookline.svg');
    this.panel = panel;
    this.page = new CompanyWebhooksPage(panel.webview, { ...this.deps, onReady: () => this.readyEmitter.fire() });
    panel.onDidDispose(() => {
      this.page?.dispose();
      this.page = null;
      this.panel = null;
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.readyEmitter.dispose();
  }
}
