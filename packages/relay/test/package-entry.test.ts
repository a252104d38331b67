import assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makeDataDir } from './support/relay-fixture.js';

const packageDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const manifest = JSON.parse(readFileSync(join(packageDir, 'package.json'), 'utf8')) as {
  main: string;
  types: string;
  bin: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
};

function exportTargets(): string[] {
  return Object.values(manifest.exports).flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)));
}

describe('the relay package entry points (after npm run build)', () => {
  it('names only files that exist: main, types, bin and every export', () => {
    const named = [manifest.main, manifest.types, ...Object.values(manifest.bin), ...exportTargets()];
    const missing = named.filter((file) => !existsSync(join(packageDir, file)));
    assert.deepEqual(missing, [], `package.json names files the build does not make: ${missing.join(', ')}`);
  });

  it('loads by its own name and starts a relay from the library entry', async () => {
    const relayLibrary = (await import('@hookline/relay')) as typeof import('../src/index.js');
    assert.equal(typeof relayLibrary.runCli, 'function');
    const dataDir = makeDataDir();
    const lines: string[] = [];
    const logger = relayLibrary.createLogger({ json: false, out: (line) => lines.push(line), err: (line) => lines.push(line) });
    const relay = await relayLibrary.startRelay({ ...relayLibrary.defaultRelayOptions(), port: 0, dataDir }, logger);
    try {
      const health = (await (await fetch(`${relay.url}/api/health`)).json()) as { status: string; version: string };
      assert.equal(health.status, 'ok');
      assert.equal(health.version, relayLibrary.RELAY_VERSION);
    } finally {
      await relay.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
