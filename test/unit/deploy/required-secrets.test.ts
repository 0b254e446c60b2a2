/** The deploy preflight asks Cloudflare for exactly the secrets the Worker's config cannot start without. */
import { describe, expect, it } from 'vitest';
import { REQUIRED_SECRETS, ROTATION_PAIRS } from '../../../scripts/deploy/preflight';
import { SECRET_NAMES } from '../../../src/config';

describe('deploy preflight secret list', () => {
  it('matches src/config.ts: required names, and the rotation pairs', () => {
    expect([...REQUIRED_SECRETS].sort()).toEqual(SECRET_NAMES.filter((n) => !n.includes('PREVIOUS')).sort());
    expect(ROTATION_PAIRS.flat().sort()).toEqual(SECRET_NAMES.filter((n) => n.includes('PREVIOUS')).sort());
  });
});
