/**
 * The relay's two SQLite drivers, each with the Node it runs on for the throughput measurement:
 * better-sqlite3 on the bench's own Node, and node:sqlite on the bench's own Node when it has it (22.13+),
 * else on Node 24 from scripts/ensure-node24.mjs (installed from npm on first use). On the usual Node 20 the two
 * runs therefore differ in the Node version too, and the table says so.
 */
import { spawnSync } from 'node:child_process';
import { ensureNode24 } from '../scripts/ensure-node24.mjs';
import { relayDist } from './paths.mjs';

export const DRIVER_LABELS = { 'better-sqlite3': 'better-sqlite3', node: 'node:sqlite' };

function versionOf(node) {
  if (node === process.execPath) return process.version;
  const result = spawnSync(node, ['--version'], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`${node} --version failed: ${result.error?.message ?? result.stderr}`);
  return result.stdout.trim();
}

/** [{ sqliteDriver, node, nodeVersion }] for better-sqlite3 and node:sqlite, in that order. */
export async function sqliteRuntimes(log) {
  const { nodeHasSqlite } = await relayDist('store/driver/node-sqlite-driver.js');
  const nodeForSqlite = nodeHasSqlite() ? process.execPath : ensureNode24({ log });
  return [
    { sqliteDriver: 'better-sqlite3', node: process.execPath, nodeVersion: process.version },
    { sqliteDriver: 'node', node: nodeForSqlite, nodeVersion: versionOf(nodeForSqlite) },
  ];
}
