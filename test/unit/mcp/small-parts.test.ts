import { describe, expect, it } from 'vitest';
import { TOOL_CATALOGUE } from '../../../src/missive/catalogue';
import { buildInstructions } from '../../../src/mcp/instructions';
import { LastUsedThrottle } from '../../../src/mcp/last-used';
import { toolEntry, toolSelectionFor } from '../../../src/mcp/tool-registration';
import { bearerChallenge } from '../../../src/mcp/bearer';

describe('tool selection cache', () => {
  it('converts every catalogue schema to an object JSON Schema without $schema', () => {
    for (const tool of TOOL_CATALOGUE) {
      const entry = toolEntry(tool);
      expect(entry.inputSchema.type, tool.name).toBe('object');
      expect(entry.inputSchema, tool.name).not.toHaveProperty('$schema');
      expect(entry.description?.length ?? 0, tool.name).toBeGreaterThan(0);
    }
  });

  it('returns the same precomputed payload for equivalent configs (no per-request rebuild)', () => {
    const a = toolSelectionFor({ methods: ['read', 'create'], tags: ['users', 'conversations'] });
    const b = toolSelectionFor({ methods: ['create', 'read', 'read'], tags: ['conversations', 'users'] });
    expect(b).toBe(a);
    expect(b.listResult).toBe(a.listResult);
    expect(a.listResult.tools[0]).toBe(toolEntry(TOOL_CATALOGUE.find((t) => t.name === a.listResult.tools[0]!.name)!));
    expect([...a.byName.keys()]).toEqual(a.listResult.tools.map((t) => t.name));
  });
});

describe('instructions', () => {
  it('names the defaults that are set and those that are not', () => {
    const text = buildInstructions({ organization: 'org-1', team: 'team-9' });
    expect(text).toContain('organization = org-1; team = team-9');
    expect(text).toContain('Not set: contact book, from address');
    expect(buildInstructions(null)).toContain('none are set');
    expect(text).toMatch(/mailbox filter/);
  });
});

describe('last_used_at throttle', () => {
  it('allows one write per server per interval', () => {
    const t = new LastUsedThrottle(60_000);
    expect(t.shouldWrite('a', 0)).toBe(true);
    expect(t.shouldWrite('a', 59_999)).toBe(false);
    expect(t.shouldWrite('b', 1)).toBe(true);
    expect(t.shouldWrite('a', 60_000)).toBe(true);
    t.forget('a');
    expect(t.shouldWrite('a', 60_001)).toBe(true);
  });
});

describe('bearer challenge', () => {
  it('follows RFC 6750 with the realm and error', () => {
    expect(bearerChallenge('invalid_token')).toBe('Bearer realm="missive-mcp-gateway", error="invalid_token"');
  });
});
