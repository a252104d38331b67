/** The `hookline` program: `hookline relay` runs the relay; the other commands talk to a running one. */
import type { Writable } from 'node:stream';
import { Command, CommanderError } from 'commander';
import { isHooklineError } from '@hookline/core';
import { CliError } from './api-client.js';
import { OptionError } from '../config.js';
import { registerCheckCommand } from './check-command.js';
import { registerClientCommands } from './client-commands.js';
import { registerDiffCommand } from './diff-command.js';
import { ExitError } from './exit-error.js';
import { registerDoctorCommand } from './doctor-command.js';
import { registerHistoryCommands } from './history-commands.js';
import { registerImportCommand } from './import-command.js';
import { registerExportCommand } from './export-command.js';
import { registerOpenCommand } from './open-command.js';
import { registerRelayCommand } from './relay-command.js';
import { RELAY_VERSION } from '../version.js';

export function buildProgram(
  print: (text: string) => void = (text) => process.stdout.write(`${text}\n`),
  printError: (text: string) => void = (text) => process.stderr.write(`${text}\n`),
  stdout: () => Writable = () => process.stdout,
): Command {
  const program = new Command();
  program
    .name('hookline')
    .description('Procore-style company webhooks on your own machine')
    .version(RELAY_VERSION)
    .option('--url <url>', 'the relay to talk to (default $HOOKLINE_URL or http://127.0.0.1:4545)')
    .option('--data-dir <dir>', 'the relay data dir holding relay.db and token (default $HOOKLINE_HOME or ~/.hookline)')
    .option('--hook <id>', 'the hook to act on (default: the "hookline" hook)')
    .showHelpAfterError('(run "hookline --help" for usage)')
    .exitOverride();
  registerRelayCommand(program);
  registerClientCommands(program, print);
  registerDiffCommand(program, print);
  registerHistoryCommands(program, print);
  registerImportCommand(program, print);
  registerExportCommand(program, printError, stdout);
  registerOpenCommand(program, print);
  registerCheckCommand(program, print, printError);
  registerDoctorCommand(program, print);
  return program;
}

export interface CliIo {
  print: (text: string) => void;
  printError: (text: string) => void;
  /** Where a command's raw output goes (an export without --output); process.stdout by default. */
  stdout?: () => Writable;
}

const processIo: CliIo = {
  print: (text) => process.stdout.write(`${text}\n`),
  printError: (text) => process.stderr.write(`${text}\n`),
};

/** Runs one command line; returns the exit code. Errors are printed as one line that says what to do. */
export async function runCli(argv: string[], io: CliIo = processIo): Promise<number> {
  try {
    await buildProgram(io.print, io.printError, io.stdout).configureOutput({ writeOut: (s) => io.print(s.trimEnd()), writeErr: (s) => io.printError(s.trimEnd()) }).parseAsync(argv);
    return 0;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (error instanceof ExitError) {
      if (error.message !== '') io.printError(`hookline: ${error.message}`);
      return error.exitCode;
    }
    const known = error instanceof CliError || error instanceof OptionError || isHooklineError(error);
    io.printError(`hookline: ${error instanceof Error ? error.message : String(error)}`);
    if (!known && error instanceof Error && process.env.HOOKLINE_DEBUG) io.printError(error.stack ?? '');
    return 1;
  }
}
