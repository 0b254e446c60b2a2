/**
 * Browser end-to-end tests: plain Node vitest (no workerd plugin). The tests start the real
 * local stack (`wrangler dev` for the gateway and the Missive sandbox, scripts/local-stack.ts)
 * and drive Debian's chromium through playwright-core. Run with `npm run test:e2e`.
 */
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/node/e2e/**/*.test.ts'],
    environment: 'node',
    // Starting two wrangler dev processes and a browser takes a while on a shared two-core machine.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // One stack on fixed ports (8747/8748): files must not run at the same time.
    fileParallelism: false,
    silent: 'passed-only',
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-e2e.json' }]],
  },
});
