// The slice of `cloudflare:workers` the floor Worker uses. bench/ is type-checked with Node's
// types (tsconfig.node.json), not the generated worker-configuration.d.ts.
declare module 'cloudflare:workers' {
  interface SqlCursor {
    toArray(): Record<string, unknown>[];
  }
  export class DurableObject<Env = unknown> {
    protected ctx: {
      storage: {
        sql: { exec(query: string, ...bindings: unknown[]): SqlCursor };
        setAlarm(scheduledTime: number): Promise<void>;
      };
    };
    protected env: Env;
    constructor(ctx: unknown, env: Env);
    alarm?(): Promise<void>;
  }
}
