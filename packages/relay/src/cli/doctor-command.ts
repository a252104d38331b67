/**
 * `hookline doctor`: checks the data dir's relay.db (SQLite's integrity_check), says what it found and the way
 * out. Exit code 0 when the database is sound, 1 when it is damaged or missing. Safe beside a running relay.
 */
import { join } from 'node:path';
import { CommanderError, type Command } from 'commander';
import { defaultDataDir, DATABASE_FILE } from '../data-dir.js';
import { checkDatabase, type DatabaseCheck } from '../store/database-check.js';
import { selectSqliteDriver } from '../store/driver/select-driver.js';

export function registerDoctorCommand(program: Command, print: (text: string) => void): void {
  program
    .command('doctor')
    .description('check the data dir\'s relay.db for damage (exit code 1 when damaged or missing)')
    .action((_flags: unknown, command: Command) => {
      const dataDir = command.optsWithGlobals<{ dataDir?: string }>().dataDir ?? defaultDataDir();
      const check = checkDatabase(join(dataDir, DATABASE_FILE), selectSqliteDriver('auto'));
      for (const line of describe(check, dataDir)) print(line);
      // Already said: runCli turns a CommanderError into its exit code without printing anything more.
      if (check.kind !== 'ok') throw new CommanderError(1, 'hookline.doctor', check.kind);
    });
}

export function describe(check: DatabaseCheck, dataDir: string): string[] {
  if (check.kind === 'missing') {
    return [`No relay database at ${check.path}.`, 'Is this the data dir a relay runs on? Pass --data-dir or set HOOKLINE_HOME; a relay creates the file on its first start.'];
  }
  const size = `${(check.bytes / 1024).toFixed(0)} KiB`;
  if (check.kind === 'ok') return [`${check.path} (${size}): ok, its integrity check found no damage.`];
  return [
    `${check.path} (${size}): damaged. The integrity check found:`,
    ...check.problems.map((problem) => `  ${problem}`),
    `Way out: hookline relay --recover --data-dir ${dataDir} sets this file aside (kept as ${DATABASE_FILE}.damaged-<time>) and starts with a fresh database (hooks, triggers and deliveries start empty; the token stays).`,
  ];
}
