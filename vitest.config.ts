/**
 * Tests run inside workerd: the gateway is the main worker (real D1, KV and Durable Objects
 * from wrangler.toml), and the Missive sandbox runs beside it as an auxiliary worker reached
 * through the MISSIVE_UPSTREAM service binding, so every upstream call crosses a real
 * Request/Response boundary.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { TEST_SECRETS } from './test/helpers/test-secrets.ts';

const root = import.meta.dirname;
const sandboxBundle = path.join(root, '.wrangler/test/missive-sandbox.mjs');

// Auxiliary workers get no bundling from the plugin, so the sandbox is bundled here first.
await build({
  entryPoints: [path.join(root, 'sandbox/src/index.ts')],
  outfile: sandboxBundle,
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  external: ['cloudflare:*', 'node:*'],
  logLevel: 'warning',
});

const migrations = await readD1Migrations(path.join(root, 'migrations'));

export default defineConfig({
  plugins: [
    cloudflareTest({
      wrangler: { configPath: './wrangler.toml' },
      miniflare: {
        bindings: {
          ...TEST_SECRETS,
          MISSIVE_API_BASE: 'https://missive.sandbox/v1',
          TEST_MIGRATIONS: migrations,
        },
        serviceBindings: { MISSIVE_UPSTREAM: 'missive-sandbox' },
        workers: [
          {
            name: 'missive-sandbox',
            modules: true,
            scriptPath: sandboxBundle,
            compatibilityDate: '2026-10-01',
            compatibilityFlags: ['nodejs_compat'],
            bindings: { SANDBOX_CONTROL: 'on' },
          },
        ],
      },
    }),
  ],
  test: {
    setupFiles: ['./test/helpers/apply-migrations.ts'],
    include: ['test/**/*.test.ts'],
    exclude: ['test/node/**'],
    // The sandbox is one shared upstream with state and rate windows; test files take turns.
    fileParallelism: false,
    // Request logs are useful only when a test fails.
    silent: 'passed-only',
    // The JSON report lets .ci/run print one plain "N passed, N failed" line for both suites.
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-workerd.json' }]],
  },
});
