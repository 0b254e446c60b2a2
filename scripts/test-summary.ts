/**
 * Prints one plain closing line, "N passed, N failed" (", N skipped" when any), over the JSON
 * reports both vitest suites wrote, so a reader of CI output gets the totals in one place.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..');
const REPORTS = ['test-artifacts/vitest-workerd.json', 'test-artifacts/vitest-e2e.json'];

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of REPORTS) {
  const full = path.join(ROOT, file);
  if (!existsSync(full)) {
    console.error(`missing test report ${file}: that suite did not run`);
    failed += 1;
    continue;
  }
  const report = JSON.parse(readFileSync(full, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  skipped += report.numPendingTests + report.numTodoTests;
}
console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
