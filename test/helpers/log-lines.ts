/**
 * Every line the gateway's logger prints, whatever its level: the logger writes each level with its
 * own console method (so Workers Logs records the level), and a check that no secret reaches the
 * logs must see them all, not just console.log.
 */
import { vi, type MockInstance } from 'vitest';

const METHODS = ['debug', 'info', 'log', 'warn', 'error'] as const;

export interface LogLines {
  /** The printed lines so far, in order. */
  lines(): string[];
  clear(): void;
  restore(): void;
}

export function spyOnLogLines(): LogLines {
  const printed: string[] = [];
  const spies: MockInstance[] = METHODS.map((m) =>
    vi.spyOn(console, m).mockImplementation((...args: unknown[]) => {
      printed.push(args.map(String).join(' '));
    }),
  );
  return {
    lines: () => [...printed],
    clear: () => {
      printed.length = 0;
    },
    restore: () => {
      for (const s of spies) s.mockRestore();
    },
  };
}
