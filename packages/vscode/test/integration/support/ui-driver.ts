/** Asks the workbench driver (scripts/vscode-host/ui-driver.mjs) to act in the real browser: clicks, waits, screenshots. */
import { testEnv } from './env.js';

export async function ui<T = Record<string, unknown>>(action: string, params: Record<string, unknown> = {}): Promise<T> {
  const response = await fetch(`${testEnv.uiDriver()}/${encodeURIComponent(action)}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(params),
    signal: AbortSignal.timeout(40_000),
  });
  const value = (await response.json()) as T & { error?: string };
  if (!response.ok) throw new Error(`UI driver ${action} failed: ${value.error ?? response.status}`);
  return value;
}
