/** One judged answer of a check run, as every report (plain, JSON, JUnit) shows it. */
import type { VerdictLevel } from '@hookline/core';

export interface CheckResult {
  scenario: string;
  name: string;
  ok: boolean;
  level: VerdictLevel;
  message: string;
  /** What Procore does about this answer; null when nothing happens. */
  consequence: string | null;
  /** How long the answer took; null when nothing was sent. */
  durationMs: number | null;
}

export interface CheckSummary {
  passed: number;
  failed: number;
  checks: CheckResult[];
}

export function summarize(checks: CheckResult[]): CheckSummary {
  const passed = checks.filter((c) => c.ok).length;
  return { passed, failed: checks.length - passed, checks };
}
