/**
 * Analytics reports: POST /analytics/reports, GET /analytics/reports/:id. Missive answers 404
 * while a report is being computed and again once it expired (60 s after completion); the
 * gateway keeps no state, so a 404 is reported as "pending" (not an error) with that caveat.
 */
import { z } from 'zod';
import { pickDefined } from '../body';
import { callMissive } from '../client';
import { invalidArguments, toolSuccess } from '../results';
import { extractOne, unexpectedAnswer, writeCall } from './answers';
import { idPath, requiredDefault } from './by-id';
import { defineTool } from './define';
import { organizationField, idField } from './fields';

const ids = (what: string) => z.array(idField(what)).max(100).optional();

const CreateReportInput = z
  .object({
    organization: organizationField('Organization to report on (required by Missive)'),
    start: z.number().int().min(0).describe('Start of the period, Unix timestamp (seconds)'),
    end: z.number().int().min(0).describe('End of the period, Unix timestamp (seconds); after start'),
    time_zone: z.string().max(64).optional().describe('IANA time zone for daily buckets, e.g. "America/Montreal"'),
    teams: ids('Team id').describe('Only these teams (ids from list_all_missive_teams)'),
    users: ids('User id').describe('Only these users (ids from list_all_missive_users)'),
    shared_labels: ids('Shared label id').describe('Only these shared labels'),
    accounts: ids('Account id').describe('Only these accounts (mailboxes)'),
    account_types: z
      .array(z.enum(['custom', 'email', 'instagram', 'live_chat', 'messenger', 'sms', 'whatsapp']))
      .max(7)
      .optional()
      .describe('Only these account types'),
  })
  .strict();

const GetReportInput = z.object({ id: idField('Report id (from create_a_missive_analytics_report)') }).strict();

export const analyticsTools = [
  defineTool({
    name: 'create_a_missive_analytics_report',
    title: 'Create a Missive analytics report',
    description:
      'Starts computing an analytics report (conversation, message and response-time figures) for a period. Needs ' +
      'organization (the account default applies), start and end (Unix timestamps); optional filters narrow it. Returns ' +
      'the report id: fetch the figures with get_single_missive_analytics_report_by_id after a few seconds. Needs ' +
      "Missive's Productive or Business plan.",
    method: 'create',
    tags: ['analytics'],
    inputSchema: CreateReportInput,
    handler: async (args, ctx) => {
      const organization = requiredDefault('organization', args.organization, ctx);
      if (typeof organization !== 'string') return organization;
      if (args.end <= args.start) return invalidArguments('end must be after start.');
      const report = {
        organization,
        ...pickDefined(args, [
          'start',
          'end',
          'time_zone',
          'teams',
          'users',
          'shared_labels',
          'accounts',
          'account_types',
        ] as const),
      };
      return writeCall(ctx, { method: 'POST', path: '/analytics/reports', body: { reports: report } }, 'reports');
    },
  }),
  defineTool({
    name: 'get_single_missive_analytics_report_by_id',
    title: 'Get a Missive analytics report',
    description:
      'Gets the figures of a report by id (from create_a_missive_analytics_report). Answers { status: "complete", result } ' +
      'when ready, or { status: "pending" } while Missive is still computing it: wait a few seconds and ask again. ' +
      'Reports expire 60 seconds after completion, so a report created more than a few minutes ago that still says ' +
      'pending has expired: create a new one. Read-only.',
    method: 'get',
    tags: ['analytics'],
    inputSchema: GetReportInput,
    handler: async (args, ctx) => {
      const path = idPath('/analytics/reports/{id}', { id: args.id });
      if (typeof path !== 'string') return path;
      const call = await callMissive(ctx, { method: 'GET', path }, { notFound: `analytics report "${args.id}"` });
      if (!call.ok) {
        if (call.kind !== 'not_found') return call.outcome;
        return toolSuccess(
          {
            status: 'pending',
            id: args.id,
            message:
              'The report is not ready yet: ask again in a few seconds. If you created it more than a few minutes ago it has ' +
              'expired (or the id is wrong): create a new one with create_a_missive_analytics_report.',
          },
          call.outcome.upstream,
        );
      }
      // The report's data shape is not documented: keep whatever object Missive answered.
      const report =
        extractOne(call.data, 'reports') ?? (call.data !== null && typeof call.data === 'object' ? call.data : null);
      if (report === null) return unexpectedAnswer();
      return toolSuccess({ status: 'complete', id: args.id, result: report }, call.upstream);
    },
  }),
];
