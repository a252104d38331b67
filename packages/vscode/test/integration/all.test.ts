/**
 * The integration suite, in order: each spec builds on the state the previous one left (a relay started by
 * Start Relay, then one the tests control; an endpoint; RFIs switched on in the grid; deliveries; the health
 * spec restarts the relay with faster retries; the activity chart reads what they all delivered).
 */
import * as vscode from 'vscode';
import { shared } from './support/context.js';
import './activation.spec.js';
import './start-relay.spec.js';
import './grid.spec.js';
import './deliveries.spec.js';
import './compare.spec.js';
import './find-replay.spec.js';
import './paging.spec.js';
import './check.spec.js';
import './restart.spec.js';
import './health.spec.js';
import './panel.spec.js';
import './screenshot.spec.js';
import './activity.spec.js';

after(async () => {
  for (const terminal of vscode.window.terminals) terminal.dispose();
  await shared.relay?.stop();
  await shared.receiver.stop();
});
