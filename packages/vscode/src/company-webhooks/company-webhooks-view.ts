/** The Company Webhooks webview view in the Hookline sidebar. */
import * as vscode from 'vscode';
import type { Disposable } from '../lifecycle.js';
import { CompanyWebhooksPage } from './company-webhooks-page.js';
import type { CompanyWebhooksPageDeps } from './company-webhooks-page.js';

export class CompanyWebhooksView implements vscode.WebviewViewProvider, Disposable {
  private page: CompanyWebhooksPage | null = null;
  private view: vscode.WebviewView | null = null;
  private viewDisposable: vscode.Disposable | null = null;
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  /** Fires each time the page finishes its handshake (tests wait on it). */
  readonly onDidBecomeReady = this.readyEmitter.event;

  constructor(private readonly deps: Omit<CompanyWebhooksPageDeps, 'onReady'>) {}

  get isReady(): boolean {
    return this.page?.ready ?? false;
  }

  get isVisible(): boolean {
    return this.view?.visible ?? false;
  }

  resolveWebviewView(view: vscode.WebviewView): void {
    this.disposeView();
    this.view = view;
    this.page = new CompanyWebhooksPage(view.webview, { ...this.deps, onReady: () => this.readyEmitter.fire() });
    this.viewDisposable = view.onDidDispose(() => this.disposeView());
  }

  dispose(): void {
    this.disposeView();
    this.readyEmitter.dispose();
  }

  private disposeView(): void {
    this.page?.dispose();
    this.page = null;
    this.view = null;
    this.viewDisposable?.dispose();
    this.viewDisposable = null;
  }
}
