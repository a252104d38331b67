import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const SRC = fileURLToPath(new URL('../src', import.meta.url));
const FORBIDDEN = /^(node:|fs$|net$|http$|https$|child_process$|express|ws$|better-sqlite3|undici|vscode)/;

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? sourceFiles(join(dir, entry.name)) : entry.name.endsWith('.ts') ? [join(dir, entry.name)] : [],
  );
}

describe('core purity', () => {
  const files = sourceFiles(SRC);

  it('imports nothing that does I/O', () => {
    assert.ok(files.length > 10);
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        assert.ok(!FORBIDDEN.test(specifier ?? ''), `${file} imports ${specifier}`);
      }
      assert.ok(!/\bimport\(/.test(text), `${file} has a dynamic import`);
    }
  });

  it('uses kebab-case file names and keeps modules under 300 lines', () => {
    for (const file of files) {
      const name = file.slice(SRC.length + 1);
      assert.match(name, /^([a-z0-9]+(-[a-z0-9]+)*\/)*[a-z0-9]+(-[a-z0-9]+)*(\.d)?\.ts$/, name);
      assert.ok(readFileSync(file, 'utf8').split('\n').length <= 300, `${name} is over 300 lines`);
    }
  });
});
