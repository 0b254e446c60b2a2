import { describe, expect, it } from 'vitest';
import { MISSIVE_RATE_BUDGET, rateBudgetFromVar } from '../../../src/durable/rate-governor';

describe('rateBudgetFromVar (MISSIVE_GOVERNOR_BUDGET, benchmarks only)', () => {
  it('keeps Missive’s documented budget when the var is unset, empty or malformed', () => {
    for (const raw of [undefined, '', '1000', '0,1,1', '-1,5,5', '5,300', 'a,b,c', '1,2,3,4', '5;300;900']) {
      expect(rateBudgetFromVar(raw)).toEqual(MISSIVE_RATE_BUDGET);
    }
    expect(MISSIVE_RATE_BUDGET).toEqual({ concurrent: 5, perMinute: 300, perQuarterHour: 900 });
  });

  it('reads "concurrent,perMinute,perQuarterHour"', () => {
    expect(rateBudgetFromVar('1000,1000000,1000000')).toEqual({
      concurrent: 1000,
      perMinute: 1_000_000,
      perQuarterHour: 1_000_000,
    });
    expect(rateBudgetFromVar(' 7 , 8 , 9 ')).toEqual({ concurrent: 7, perMinute: 8, perQuarterHour: 9 });
  });
});
