/**
 * `hookline check`: sends Procore-shaped traffic to a receiver through an ephemeral relay and judges every
 * answer. Exit 0 when every check passes, 1 when any fails, 2 for bad usage.
 */
import { writeFileSync } from 'node:fs';
import { CommanderError, type Command } from 'commander';
import { DEFAULT_SEND_TIMEOUT_MS, PAYLOAD_VERSIONS, isPayloadVersion, validateEndpoint, type PayloadVersion } from '@hookline/core';
import { formatJson, formatJunit, formatPlain } from '../check/reports.js';
import { runCheck } from '../check/run-check.js';
import { OptionError, parseNumberOption } from '../config.js';
import { resolveResources, resolveScenarios } from './check-scenarios.js';
import { ExitError, usageError } from './exit-error.js';

interface CheckFlags {
  endpoint: string;
  authorization?: string;
  payloadVersion: string;
  scenario: string[];
  resource: string[];
  junit?: string;
  json?: boolean;
  timeoutMs: string;
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

function checkEndpoint(endpoint: string, authorization: string | undefined): void {
  const { errors } = validateEndpoint({ destinationUrl: endpoint, authorization: authorization ?? null });
  const first = errors[0];
  if (first) throw usageError(`--${first.field === 'authorization' ? 'authorization' : 'endpoint'}: ${first.message}`);
}

function payloadVersion(raw: string): PayloadVersion {
  if (!isPayloadVersion(raw)) throw usageError(`--payload-version must be v2.0, v3.0 or v4.0; got "${raw}".`);
  return raw;
}

function timeoutMs(raw: string): number {
  try {
    return parseNumberOption('timeout-ms', raw, 100, 60_000);
  } catch (error) {
    throw error instanceof OptionError ? usageError(error.message) : error;
  }
}

export function registerCheckCommand(program: Command, print: (text: string) => void, printError: (text: string) => void): void {
  program
    .command('check')
    .description("send Procore-shaped traffic to a receiver and say what Procore would do about each answer (exit 0 pass, 1 fail, 2 usage)")
    .requiredOption('--endpoint <url>', 'the receiver to check')
    .option('--authorization <value>', 'the Authorization header Procore sends, e.g. "Bearer abc123"')
    .option('--payload-version <version>', `payload version: ${PAYLOAD_VERSIONS.join(', ')}`, 'v2.0')
    .option('--scenario <name|file>', 'a built-in scenario or a JSON scenario file (repeatable; default smoke, duplicates, out-of-order, company-level)', collect, [])
    .option('--resource <name>', 'a catalogue resource the scenarios use (repeatable)', collect, [])
    .option('--junit <file>', 'also write the results as JUnit XML')
    .option('--json', 'print one JSON object instead of one line per check')
    .option('--timeout-ms <ms>', "each attempt's deadline (Procore's is 5000)", String(DEFAULT_SEND_TIMEOUT_MS))
    .exitOverride((error) => {
      throw error.exitCode === 0 ? error : new CommanderError(2, error.code, error.message);
    })
    .action(async (flags: CheckFlags) => {
      checkEndpoint(flags.endpoint, flags.authorization);
      const version = payloadVersion(flags.payloadVersion);
      const deadline = timeoutMs(flags.timeoutMs);
      const scenarios = resolveScenarios(flags.scenario, resolveResources(flags.resource));
      const summary = await runCheck({
        endpoint: flags.endpoint,
        authorization: flags.authorization ?? null,
        payloadVersion: version,
        timeoutMs: deadline,
        scenarios,
        printError,
      });
      if (flags.json) print(formatJson(summary));
      else for (const line of formatPlain(summary)) print(line);
      if (flags.junit !== undefined) {
        try {
          writeFileSync(flags.junit, formatJunit(summary));
        } catch (error) {
          throw usageError(`--junit ${flags.junit}: cannot write it (${(error as NodeJS.ErrnoException).code ?? String(error)}).`);
        }
      }
      if (summary.failed > 0) throw new ExitError(1);
    });
}
