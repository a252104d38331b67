#!/usr/bin/env node
// Fails the build when package.json and the code disagree about commands: every contributed command must be
// registered with vscode.commands.registerCommand (directly by literal or through COMMANDS in
// src/commands/command-ids.ts), every registered hookline.* command must be contributed, and every menu entry
// and welcome-view link must name a contributed command.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
const contributes = manifest.contributes ?? {};
const contributed = new Set((contributes.commands ?? []).map((c) => c.command));

function sourceFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const idsFile = join(root, 'src', 'commands', 'command-ids.ts');
const idsText = readFileSync(idsFile, 'utf8');
const block = /export const COMMANDS = \{([\s\S]*?)\} as const;/.exec(idsText);
if (!block) {
  console.error(`check-commands: cannot find "export const COMMANDS = {...} as const" in ${relative(root, idsFile)}.`);
  process.exit(1);
}
const byKey = new Map([...block[1].matchAll(/(\w+)\s*:\s*'([^']+)'/g)].map((m) => [m[1], m[2]]));

const registered = new Map();
const problems = [];
for (const file of sourceFiles(join(root, 'src'))) {
  const text = readFileSync(file, 'utf8');
  for (const match of text.matchAll(/registerCommand\(\s*(?:COMMANDS\.(\w+)|'([^']+)'|"([^"]+)")/g)) {
    const id = match[1] !== undefined ? byKey.get(match[1]) : (match[2] ?? match[3]);
    if (id === undefined) {
      problems.push(`${relative(root, file)} registers COMMANDS.${match[1]}, which command-ids.ts does not define.`);
      continue;
    }
    if (registered.has(id)) problems.push(`${id} is registered twice (${registered.get(id)} and ${relative(root, file)}).`);
    registered.set(id, relative(root, file));
  }
}

for (const id of contributed) {
  if (!registered.has(id)) problems.push(`${id} is contributed in package.json but never registered in src/.`);
}
for (const [id, file] of registered) {
  if (id.startsWith('hookline.') && !contributed.has(id)) problems.push(`${id} is registered in ${file} but not contributed in package.json.`);
}
for (const [menu, entries] of Object.entries(contributes.menus ?? {})) {
  for (const entry of entries) {
    if (entry.command && !contributed.has(entry.command)) problems.push(`menus.${menu} names ${entry.command}, which is not contributed.`);
  }
}
for (const welcome of contributes.viewsWelcome ?? []) {
  for (const match of welcome.contents.matchAll(/\(command:(hookline\.[\w.]+)/g)) {
    if (!contributed.has(match[1])) problems.push(`viewsWelcome for ${welcome.view} links ${match[1]}, which is not contributed.`);
  }
}
for (const command of contributes.commands ?? []) {
  if (command.command.startsWith('hookline.') && command.category !== 'Hookline') problems.push(`${command.command} must have category "Hookline".`);
}

if (problems.length > 0) {
  console.error(`check-commands: ${problems.length} problem(s):\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  process.exit(1);
}
console.log(`check-commands: ${contributed.size} contributed commands, all registered; menus and welcome links consistent.`);
