/** The extension's entry point. Everything it creates is owned by HooklineExtension and disposed with it. */
import type * as vscode from 'vscode';
import type { HooklineApi } from './api.js';
import { HooklineExtension } from './hookline-extension.js';

export function activate(context: vscode.ExtensionContext): HooklineApi {
  const extension = new HooklineExtension(context);
  context.subscriptions.push(extension);
  return extension.api;
}

export function deactivate(): void {
  // Disposal happens through context.subscriptions.
}
