/**
 * What `hookline diff` compares and prints, pure: a delivery's payload or its last response as text (JSON
 * pretty-printed by core's lossless printer, so 64-bit ids keep their digits), the unified diff of two such
 * texts (jsdiff), and its colours for a terminal.
 */
import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';
import { prettyJson } from './format.js';
import type { deliveryDetailJson } from '../http/serialize.js';

/** GET /api/deliveries/:id's `data`. */
export type DeliveryJson = ReturnType<typeof deliveryDetailJson>;
type AttemptJson = DeliveryJson['attempts'][number];

export type DiffSubject = 'payload' | 'response';

const withNewline = (text: string): string => (text.endsWith('\n') ? text : `${text}\n`);

/** The last attempt's answer: the status line, the headers (sorted by name, so only real changes show), the body. */
function responseText(attempt: AttemptJson | undefined): string {
  if (attempt === undefined) return 'No attempt yet.\n';
  const lines: string[] = [];
  if (attempt.completed_at === null) lines.push(`Attempt ${attempt.number}: in flight, no answer yet.`);
  else if (attempt.response_status !== null) lines.push(`Attempt ${attempt.number}: HTTP ${attempt.response_status}`);
  else lines.push(`Attempt ${attempt.number}: no response: ${attempt.error_code ?? 'unknown'}${attempt.error_message ? ` (${attempt.error_message})` : ''}`);
  const headers = Object.entries(attempt.response_headers).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  for (const [name, value] of headers) lines.push(`${name}: ${value}`);
  lines.push('');
  if (attempt.response_body === null) lines.push('(no body)');
  else if (attempt.response_body === '') lines.push('(empty body)');
  else lines.push(prettyJson(attempt.response_body));
  if (attempt.response_body_truncated) lines.push('(body truncated: the relay kept only its first 64 KiB)');
  return withNewline(lines.join('\n'));
}

export function subjectText(delivery: DeliveryJson, subject: DiffSubject): string {
  if (subject === 'payload') return withNewline(prettyJson(delivery.payload));
  const last = delivery.attempts.reduce<AttemptJson | undefined>((best, a) => (best === undefined || a.number > best.number ? a : best), undefined);
  return responseText(last);
}

function label(delivery: DeliveryJson, subject: DiffSubject): { name: string; header: string } {
  return {
    name: `delivery ${delivery.id} ${subject === 'payload' ? 'payload' : 'last response'}`,
    header: `${delivery.resource_name} ${delivery.resource_id} ${delivery.event_type}, created ${delivery.created_at}`,
  };
}

/** The unified diff of `left` → `right` (three lines of context), or null when the two texts are the same. */
export function unifiedDiff(left: DeliveryJson, right: DeliveryJson, subject: DiffSubject): string | null {
  const before = subjectText(left, subject);
  const after = subjectText(right, subject);
  if (before === after) return null;
  const a = label(left, subject);
  const b = label(right, subject);
  return createTwoFilesPatch(a.name, b.name, before, after, a.header, b.header, { context: 3, headerOptions: FILE_HEADERS_ONLY }).trimEnd();
}

const ANSI = { bold: '\u001b[1m', red: '\u001b[31m', green: '\u001b[32m', cyan: '\u001b[36m', reset: '\u001b[0m' };

/** Colours a unified diff the way git does: file headers bold, hunk headers cyan, removals red, additions green. */
export function colorizeDiff(patch: string): string {
  return patch
    .split('\n')
    .map((line) => {
      const colour = line.startsWith('--- ') || line.startsWith('+++ ') ? ANSI.bold : line.startsWith('@@') ? ANSI.cyan : line.startsWith('-') ? ANSI.red : line.startsWith('+') ? ANSI.green : null;
      return colour === null ? line : `${colour}${line}${ANSI.reset}`;
    })
    .join('\n');
}

export type ColorWhen = 'auto' | 'always' | 'never';

/** `auto`: colour only on a terminal, and never when NO_COLOR is set to anything but the empty string (no-color.org). */
export function wantsColor(when: ColorWhen, stream: { isTTY?: boolean }, env: Readonly<Record<string, string | undefined>>): boolean {
  if (when !== 'auto') return when === 'always';
  return stream.isTTY === true && (env.NO_COLOR ?? '') === '';
}
