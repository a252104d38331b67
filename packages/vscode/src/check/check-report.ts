/**
 * `hookline check --json` as the extension reads it: the arguments it runs the CLI with, and the report it gets
 * back, checked field by field (the CLI may be an older or a workspace copy). Pure, for unit tests.
 */
import type { PayloadVersion } from '@hookline/core';

export interface CheckEntry {
  scenario: string;
  name: string;
  ok: boolean;
  level: 'ok' | 'warn' | 'fail';
  message: string;
  consequence: string | null;
}

export interface CheckReport {
  passed: number;
  failed: number;
  checks: CheckEntry[];
}

export interface CheckTarget {
  endpoint: string;
  payloadVersion: PayloadVersion;
  /** Sent verbatim; the relay shows the hook's own only masked. */
  authorization: string | null;
}

export function checkArgs(target: CheckTarget, scenarios: readonly string[]): string[] {
  return [
    'check',
    '--endpoint', target.endpoint,
    '--payload-version', target.payloadVersion,
    ...(target.authorization ? ['--authorization', target.authorization] : []),
    ...scenarios.flatMap((s) => ['--scenario', s]),
    '--json',
  ];
}

function isEntry(value: unknown): value is CheckEntry {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Record<string, unknown>;
  return typeof v.scenario === 'string' && typeof v.name === 'string' && typeof v.ok === 'boolean' && typeof v.message === 'string'
    && (v.consequence === null || typeof v.consequence === 'string');
}

/** The report from the CLI's output and exit code; an Error that says what went wrong otherwise. */
export function parseCheckOutput(exitCode: number | null, stdout: string, stderr: string): CheckReport {
  if (exitCode === 2) throw new Error(stderr.trim().replace(/^hookline: /, '') || 'hookline check refused its arguments.');
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    const detail = stderr.trim() || stdout.trim() || `exit code ${String(exitCode)}`;
    throw new Error(`hookline check did not report (${detail.slice(0, 300)}). Does the configured CLI have the check command?`);
  }
  const report = parsed as Partial<CheckReport>;
  if (typeof report.passed !== 'number' || typeof report.failed !== 'number' || !Array.isArray(report.checks) || !report.checks.every(isEntry)) {
    throw new Error('hookline check printed JSON that is not a check report.');
  }
  const checks = report.checks.map((c) => ({ ...c, level: c.level ?? (c.ok ? 'ok' : 'fail') }));
  return { passed: report.passed, failed: report.failed, checks };
}

/** What a failed (or warned) check item says in the Test Explorer: why, then what Procore does. */
export function checkMessage(entry: CheckEntry): string {
  return entry.consequence ? `${entry.message}\n${entry.consequence}` : entry.message;
}

/** Checks by scenario, in the order the report has them. */
export function byScenario(report: CheckReport): Map<string, CheckEntry[]> {
  const groups = new Map<string, CheckEntry[]>();
  for (const entry of report.checks) groups.set(entry.scenario, [...(groups.get(entry.scenario) ?? []), entry]);
  return groups;
}
