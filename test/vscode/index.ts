/**
 * The test entry that VS Code loads in its extension host (`extensionTestsPath`), the same shape
 * @vscode/test-electron expects: a module exporting `run()`. Runs every bundled suite file next to
 * it with mocha's spec reporter and ends with one plain line "N passed, N failed" for CI.
 */
import Mocha from 'mocha';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    reporter: 'spec',
    // The log goes through the smoke-test driver into a CI log: no escape codes there.
    color: !!process.env.FORCE_COLOR,
    timeout: 60_000,
    ...(process.env.RELEASE_SAFETY_TEST_GREP ? { grep: process.env.RELEASE_SAFETY_TEST_GREP } : {}),
  });
  // scripts/test-vscode.mjs --untrusted runs the suites of test/vscode/untrusted instead.
  const suiteDir = join(__dirname, process.env.RELEASE_SAFETY_TEST_SUITE || 'suite');
  for (const f of readdirSync(suiteDir)
    .filter((n) => n.endsWith('.test.js'))
    .sort())
    mocha.addFile(join(suiteDir, f));
  await new Promise<void>((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const passed = runner.stats?.passes ?? 0;
        const failed = runner.stats?.failures ?? failures;
        const pending = runner.stats?.pending ?? 0;
        if (pending) console.log(`(${pending} pending: skipped on purpose, see above)`);
        console.log(`${passed} passed, ${failed} failed`);
        if (failures > 0) reject(new Error(`${failures} test(s) failed.`));
        else if (passed === 0) reject(new Error('no test ran: check the suite files and --grep.'));
        else resolve();
      });
    } catch (e) {
      reject(e as Error);
    }
  });
}
