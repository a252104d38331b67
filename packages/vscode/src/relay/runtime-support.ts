/**
 * Whether VS Code's own runtime can run the bundled relay. The bundle needs node:sqlite, which Node has without
 * a flag from 22.13 (VS Code 1.101, June 2025, was the first release on such a runtime: Electron 35, Node 22.15).
 * The check loads the module rather than comparing versions, since a runtime can be built without it.
 */
export const FIRST_VSCODE_WITH_NODE_SQLITE = '1.101';

export function runtimeHasNodeSqlite(load: (id: string) => unknown = (id) => require(id)): boolean {
  try {
    return typeof (load('node:sqlite') as { DatabaseSync?: unknown }).DatabaseSync === 'function';
  } catch {
    return false;
  }
}

export function noNodeSqliteMessage(runtimeVersion: string): string {
  return (
    `This VS Code's runtime (Node ${runtimeVersion}) has no built-in SQLite, which the relay bundled with Hookline needs. ` +
    `Update VS Code to ${FIRST_VSCODE_WITH_NODE_SQLITE} or newer, or install the relay with "npm install -g @hookline/relay" ` +
    'and set hookline.relay.cliPath to its hookline command.'
  );
}
