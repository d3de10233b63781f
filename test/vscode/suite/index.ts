// The extensionTestsPath entry: VS Code's extension host loads this file and awaits run().
// A rejected promise makes the workbench report a non-zero exit code to the runner.
//
// The workbench relays all of its console output, not just ours, to the runner; the
// prefixes below let run-host-tests.mjs print mocha's report and file away the rest.
import Mocha from 'mocha';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';

export const REPORT_PREFIX = '[mocha] ';
export const RESULT_PREFIX = '[mocha-result] ';

export async function run(): Promise<void> {
  // No colours: the report travels through the workbench's log relay as plain text.
  const mocha = new Mocha({ ui: 'bdd', reporter: 'spec', color: false, timeout: 20_000 });
  Mocha.reporters.Base.consoleLog = (...data: unknown[]) => console.log(REPORT_PREFIX + format(...data));
  // HOST_TEST_GREP=<pattern> (run-host-tests.mjs writes it here) runs only matching tests.
  const grepFile = path.join(__dirname, 'grep.json');
  if (existsSync(grepFile)) mocha.grep(new RegExp(JSON.parse(readFileSync(grepFile, 'utf8')) as string, 'u'));

  // build-suite.mjs writes one bundle per *.test.ts next to this file.
  const testFiles = readdirSync(__dirname).filter((name) => name.endsWith('.test.js')).sort();
  if (testFiles.length === 0) throw new Error(`no *.test.js files beside ${__filename}`);
  for (const name of testFiles) mocha.addFile(path.join(__dirname, name));

  const failures = await new Promise<number>((resolve) => {
    const runner = mocha.run(resolve);
    runner.on('end', () => {
      const { passes = 0, failures = 0, pending = 0 } = runner.stats ?? {};
      console.log(RESULT_PREFIX + JSON.stringify({ passes, failures, pending }));
    });
  });
  if (failures > 0) throw new Error(`${failures} extension host test(s) failed`);
}
