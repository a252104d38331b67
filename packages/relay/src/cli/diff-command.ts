/**
 * `hookline diff <id1> <id2>`: the unified diff of two deliveries' payloads, or with --responses of their last
 * attempts' responses. Exit codes as diff(1): 0 the same, 1 different, 2 trouble (a bad id, no relay).
 */
import type { Command } from 'commander';
import { CliError } from './api-client.js';
import { clientFrom } from './command-client.js';
import { colorizeDiff, unifiedDiff, wantsColor, type ColorWhen, type DeliveryJson, type DiffSubject } from './delivery-diff.js';
import { ExitError, usageError } from './exit-error.js';

const COLOR_CHOICES: readonly ColorWhen[] = ['auto', 'always', 'never'];

function deliveryId(text: string): string {
  if (!/^[1-9]\d{0,15}$/.test(text)) throw usageError(`"${text.slice(0, 40)}" is not a delivery id: "hookline deliveries" lists them (the ID column).`);
  return text;
}

export function registerDiffCommand(program: Command, print: (text: string) => void): void {
  program
    .command('diff <id1> <id2>')
    .description('unified diff of two deliveries\' payloads (or last responses); exits 0 when the same, 1 when they differ, 2 on trouble')
    .option('--responses', 'compare the last attempts\' responses (status line, headers, body) instead of the payloads')
    .option('--color <when>', `colour the diff: ${COLOR_CHOICES.join(', ')} (auto: on a terminal, unless NO_COLOR is set)`, 'auto')
    .action(async (first: string, second: string, opts: { responses?: boolean; color: string }, command: Command) => {
      if (!(COLOR_CHOICES as readonly string[]).includes(opts.color)) throw usageError(`--color must be one of ${COLOR_CHOICES.join(', ')}; got "${opts.color}".`);
      const ids = [deliveryId(first), deliveryId(second)];
      const { client } = clientFrom(command);
      let left: DeliveryJson;
      let right: DeliveryJson;
      try {
        [left, right] = await Promise.all(ids.map(async (id) => (await client.request<{ data: DeliveryJson }>('GET', `/api/deliveries/${id}`)).data)) as [DeliveryJson, DeliveryJson];
      } catch (error) {
        if (error instanceof CliError) throw new ExitError(2, error.message);
        throw error;
      }
      const subject: DiffSubject = opts.responses ? 'response' : 'payload';
      const patch = unifiedDiff(left, right, subject);
      if (patch === null) {
        print(`Deliveries ${left.id} and ${right.id}: the ${subject === 'payload' ? 'payloads' : 'last responses'} are the same.`);
        return;
      }
      print(wantsColor(opts.color as ColorWhen, process.stdout, process.env) ? colorizeDiff(patch) : patch);
      throw new ExitError(1);
    });
}
