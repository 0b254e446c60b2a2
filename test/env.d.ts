/** Bindings that only the test runtime has (see vitest.config.ts). */
declare namespace Cloudflare {
  interface Env {
    /** Same shape as `D1Migration` from cloudflare:test, which cannot be imported into a global declaration. */
    TEST_MIGRATIONS: { name: string; queries: string[] }[];
    MISSIVE_UPSTREAM: Fetcher;
  }
}

// Vite's `?raw` imports (a file's text), used by tests that check repository files such as wrangler.toml.
declare module '*?raw' {
  const text: string;
  export default text;
}
