/**
 * One typical call per tool: the sandbox's request log shows exactly the documented request
 * (method, path, query, body) that missive-api.md describes, and nothing more.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_ORGS } from '../../../sandbox/src/seed/fixtures';
import { TOOL_CATALOGUE } from '../../../src/missive/catalogue';
import { callParsed, lastSeq, requestLog, resetSandbox, toolContext, type RecordedRequest } from './helpers';
import { READ_CASES } from './request-shapes/reads';
import { WRITE_CASES } from './request-shapes/writes';

const CASES = [...READ_CASES, ...WRITE_CASES];
const ctx = () => toolContext({ defaults: { organization: SANDBOX_ORGS.acme.id } });

/** Tools whose typical call makes more than one request; covered by their own tests. */
const MULTI_REQUEST = new Set(['missive_attachments_download']);

beforeAll(resetSandbox);

describe('request shapes', () => {
  it('covers every tool of the catalogue', () => {
    const covered = new Set([...CASES.map(([tool]) => tool), ...MULTI_REQUEST]);
    expect(TOOL_CATALOGUE.map((t) => t.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  it.each(CASES)('%s', async (tool, args, expected) => {
    const since = await lastSeq();
    await callParsed(tool, args, ctx());
    const requests: RecordedRequest[] = (await requestLog(since)).requests;
    expect(requests).toHaveLength(1);
    const [sent] = requests;
    expect({ method: sent?.method, path: sent?.path }).toEqual({
      method: expected.method,
      path: `/v1${expected.path}`,
    });
    expect(sent?.query).toEqual(expected.query ?? {});
    expect(sent?.body).toEqual(expected.body ?? null);
  });
});
