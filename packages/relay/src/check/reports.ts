/** The check's three outputs: one line per check, one JSON object, and JUnit XML for CI. */
import type { CheckResult, CheckSummary } from './check-result.js';
import { escapeXml, escapeXmlAttribute } from './xml-escape.js';

const GLYPH = { ok: '✓', warn: '✓', fail: '✗' } as const;

export function formatPlain(summary: CheckSummary): string[] {
  const lines = summary.checks.map((c) => {
    const why = c.level === 'warn' ? `warning: ${c.message}` : c.message;
    const consequence = c.level === 'fail' && c.consequence ? ` ${c.consequence}` : '';
    return `${GLYPH[c.level]} ${c.scenario} ${c.name}: ${why}${consequence}`.replace(/\s*[\r\n]+\s*/g, ' ');
  });
  return [...lines, `${summary.passed} passed, ${summary.failed} failed`];
}

export function formatJson(summary: CheckSummary): string {
  return JSON.stringify({
    passed: summary.passed,
    failed: summary.failed,
    checks: summary.checks.map((c) => ({ scenario: c.scenario, name: c.name, ok: c.ok, level: c.level, message: c.message, consequence: c.consequence })),
  });
}

const seconds = (ms: number): string => (ms / 1000).toFixed(3);

function testcase(c: CheckResult): string {
  const open = `    <testcase classname="${escapeXmlAttribute(`hookline.${c.scenario}`)}" name="${escapeXmlAttribute(c.name)}" time="${seconds(c.durationMs ?? 0)}"`;
  const text = c.consequence ? `${c.message}\n${c.consequence}` : c.message;
  if (c.level === 'fail') {
    return `${open}>\n      <failure message="${escapeXmlAttribute(c.message)}" type="procore">${escapeXml(text)}</failure>\n    </testcase>`;
  }
  if (c.level === 'warn') return `${open}>\n      <system-out>${escapeXml(`warning: ${text}`)}</system-out>\n    </testcase>`;
  return `${open}/>`;
}

/** One testsuite per scenario, one testcase per check, a `<failure>` carrying the message and the consequence. */
export function formatJunit(summary: CheckSummary): string {
  const scenarios = [...new Set(summary.checks.map((c) => c.scenario))];
  const suites = scenarios.map((name) => {
    const checks = summary.checks.filter((c) => c.scenario === name);
    const failures = checks.filter((c) => !c.ok).length;
    const time = seconds(checks.reduce((ms, c) => ms + (c.durationMs ?? 0), 0));
    return [
      `  <testsuite name="${escapeXmlAttribute(name)}" tests="${checks.length}" failures="${failures}" errors="0" skipped="0" time="${time}">`,
      ...checks.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="hookline check" tests="${summary.checks.length}" failures="${summary.failed}" errors="0">`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
