import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));

function references(tsconfigPath: string): string[] {
  const config = JSON.parse(readFileSync(tsconfigPath, 'utf8')) as { references?: { path: string }[] };
  return (config.references ?? []).map((reference) => join(tsconfigPath, '..', reference.path));
}

/** Every project `tsc -b` builds from the root, following references. */
function builtProjects(): Set<string> {
  const seen = new Set<string>();
  const visit = (dir: string): void => {
    const path = dir.endsWith('.json') ? dir : join(dir, 'tsconfig.json');
    if (seen.has(path) || !existsSync(path)) return;
    seen.add(path);
    for (const next of references(path)) visit(next);
  };
  visit(repo);
  return seen;
}

describe('npm run typecheck (tsc -b)', () => {
  it('type-checks every package’s tests, not only its sources', () => {
    const projects = builtProjects();
    const packages = readdirSync(join(repo, 'packages'));
    const unchecked = packages.filter((name) => existsSync(join(repo, 'packages', name, 'test')) && !projects.has(join(repo, 'packages', name, 'test', 'tsconfig.json')));
    assert.deepEqual(unchecked, [], 'each packages/<name>/test needs a tsconfig.json that `tsc -b` reaches from the root');
  });
});
