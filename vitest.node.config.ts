/**
 * Node-side unit tests (no workerd, no network, no ports): the tooling around the Worker, such as
 * `npm run deploy`'s preflight. Run with `npm run test:node`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/node/deploy/**/*.test.ts'],
    environment: 'node',
    silent: 'passed-only',
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-node.json' }]],
  },
});
