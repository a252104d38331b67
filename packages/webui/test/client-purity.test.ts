import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CLIENT = fileURLToPath(new URL('../src/client', import.meta.url));

/**
 * The shared client runs in the browser page, the webview and the extension host: it may import only core and
 * itself. Its tsconfig (no DOM lib, no Node types) catches the rest at compile time; this pins it for tsx runs.
 */
describe('the shared client (@hookline/webui/client)', () => {
  const files = readdirSync(CLIENT).filter((name) => name.endsWith('.ts'));

  it('imports only @hookline/core and its own modules, and touches no DOM or Node globals', () => {
    assert.ok(files.length >= 8);
    for (const name of files) {
      const text = readFileSync(join(CLIENT, name), 'utf8');
      for (const [, specifier] of text.matchAll(/\bfrom\s+'([^']+)'/g)) {
        assert.ok(specifier === '@hookline/core' || /^\.\/[a-z0-9-]+\.js$/.test(specifier ?? ''), `${name} imports ${specifier}`);
      }
      assert.ok(!/\b(document|window|process|Buffer|require)\b[.(]/.test(text), `${name} uses a DOM or Node global`);
    }
  });

  it('uses kebab-case file names and keeps modules under 300 lines', () => {
    for (const name of files) {
      assert.match(name, /^[a-z0-9]+(-[a-z0-9]+)*\.ts$/, name);
      assert.ok(readFileSync(join(CLIENT, name), 'utf8').split('\n').length <= 300, `${name} is over 300 lines`);
    }
  });
});
