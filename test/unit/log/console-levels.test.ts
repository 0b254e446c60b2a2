import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../src/log';

afterEach(() => vi.restoreAllMocks());

describe('createLogger console sink', () => {
  it('prints each level with its own console method, so Workers Logs records the level', () => {
    const spies = {
      debug: vi.spyOn(console, 'debug').mockImplementation(() => undefined),
      info: vi.spyOn(console, 'info').mockImplementation(() => undefined),
      warn: vi.spyOn(console, 'warn').mockImplementation(() => undefined),
      error: vi.spyOn(console, 'error').mockImplementation(() => undefined),
      log: vi.spyOn(console, 'log').mockImplementation(() => undefined),
    };
    const log = createLogger({ request_id: 'r1' }, 'debug');
    log.debug('d');
    log.info('i');
    log.warn('w');
    log.error('e');
    for (const level of ['debug', 'info', 'warn', 'error'] as const) {
      expect(spies[level]).toHaveBeenCalledTimes(1);
      const line = JSON.parse(String(spies[level].mock.calls[0]?.[0])) as Record<string, unknown>;
      expect(line).toMatchObject({ level, request_id: 'r1' });
    }
    expect(spies.log).not.toHaveBeenCalled();
  });

  it('drops lines below the configured level', () => {
    const info = vi.spyOn(console, 'info').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const log = createLogger({}, 'warn');
    log.info('hidden');
    log.warn('shown');
    expect(info).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledTimes(1);
  });
});
