/** `--scenario NAME|FILE` and `--resource NAME` of `hookline check`, turned into scenarios or a usage error. */
import { existsSync, readFileSync } from 'node:fs';
import { DEFAULT_SCENARIOS, buildScenario, findBuiltInScenario, getResource, isHooklineError, parseScenarioJson, type Scenario } from '@hookline/core';
import { usageError } from './exit-error.js';

function looksLikeFile(spec: string): boolean {
  return /[\\/]/.test(spec) || /\.(json|ya?ml)$/i.test(spec) || (!findBuiltInScenario(spec) && existsSync(spec));
}

function loadScenarioFile(path: string): Scenario {
  if (/\.ya?ml$/i.test(path)) throw usageError(`${path}: scenario files are JSON; YAML is not supported. Write the same fields as JSON.`);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw usageError(`--scenario ${path}: ${code === 'ENOENT' ? 'no such file' : `cannot read it (${code ?? String(error)})`}. Name a built-in scenario or a JSON scenario file.`);
  }
  const result = parseScenarioJson(text);
  if (!result.ok) throw usageError(`${path} is not a valid scenario:\n${result.issues.map((i) => `  ${i.field} ${i.message}`).join('\n')}`);
  return result.scenario;
}

export function resolveResources(names: string[]): string[] {
  return names.map((name) => {
    try {
      return getResource(name).name;
    } catch (error) {
      throw isHooklineError(error) ? usageError(`--resource: ${error.message}`) : error;
    }
  });
}

export function resolveScenarios(specs: string[], resources: string[]): Scenario[] {
  const chosen = specs.length > 0 ? specs : [...DEFAULT_SCENARIOS];
  return chosen.map((spec) => {
    if (looksLikeFile(spec)) return loadScenarioFile(spec);
    try {
      return buildScenario(spec, { resources });
    } catch (error) {
      throw isHooklineError(error) ? usageError(`--scenario: ${error.message}`) : error;
    }
  });
}
