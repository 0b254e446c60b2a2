/** `cloudflare:workers` for the Node hot-path harness: only what src/ imports (the DurableObject base). */
export class DurableObject<Env = unknown> {
  protected ctx: unknown;
  protected env: Env;
  constructor(ctx: unknown, env: Env) {
    this.ctx = ctx;
    this.env = env;
  }
}
