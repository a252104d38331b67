/**
 * The extensionTestsPath module: runs the integration suite with mocha inside the real extension host and
 * prints the plain "N passed, N failed" line CI reads. The workbench closes when the returned promise settles.
 */
import { join } from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', timeout: 60_000, color: false, reporter: 'spec' });
  mocha.addFile(join(__dirname, 'all.test.js'));
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const runner = mocha.run((failures) => {
      console.log(`integration: ${runner.stats?.passes ?? 0} passed, ${failures} failed`);
      console.log(`  (${((Date.now() - started) / 1000).toFixed(1)} s in the extension host)`);
      if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
      else resolve();
    });
  });
}
