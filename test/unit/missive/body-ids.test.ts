import { describe, expect, it } from 'vitest';
import { pickDefined, pickEach } from '../../../src/missive/body';
import { idSegment, isValidId } from '../../../src/missive/ids';

describe('pickDefined / pickEach', () => {
  it('copies only the listed, defined keys', () => {
    const source = { a: 1, b: undefined, c: 'x', send: true } as Record<string, unknown>;
    expect(pickDefined(source, ['a', 'b', 'c'])).toEqual({ a: 1, c: 'x' });
  });

  it('applies to each item and keeps an absent array absent', () => {
    type Upload = { filename: string; base64_data: string };
    const items: Upload[] = [{ filename: 'a', base64_data: 'QQ==', evil: 1 } as Upload];
    expect(pickEach(items, ['filename', 'base64_data'])).toEqual([{ filename: 'a', base64_data: 'QQ==' }]);
    expect(pickEach<Upload, 'filename'>(undefined, ['filename'])).toBeUndefined();
  });
});

describe('ids', () => {
  it('accepts Missive-shaped ids and refuses anything that could move the path', () => {
    expect(idSegment('0d9bab85-a74f-4ece-9142-0f9b9f36ff92')).toBe('0d9bab85-a74f-4ece-9142-0f9b9f36ff92');
    for (const bad of ['', '..', 'a/b', 'a%2Fb', 'a?b', 'a#b', 'a\\b', 'user@host', 'a:b', 'x'.repeat(129), 42, null]) {
      expect(isValidId(bad), String(bad)).toBe(false);
      expect(idSegment(bad)).toBeNull();
    }
  });
});
