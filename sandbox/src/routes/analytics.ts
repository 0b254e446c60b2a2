/**
 * Analytics reports: created at once, then 404 until ready (readyAfterMs), data until expiry
 * (expireAfterMs after ready), 404 again afterwards, as the Missive analytics docs describe.
 */
import { Hono } from 'hono';
import { z } from 'zod';
import { ApiError, me, readBody, requireOrg, type SandboxEnv } from '../http';
import { config, data } from '../store';
import type { Report } from '../types';

export const analyticsRoutes = new Hono<SandboxEnv>();

const ReportCreateBody = z.object({
  reports: z.object({
    organization: z.string().min(1),
    start: z.number().int(),
    end: z.number().int(),
    time_zone: z.string().optional(),
    teams: z.array(z.string()).optional(),
    users: z.array(z.string()).optional(),
    shared_labels: z.array(z.string()).optional(),
    accounts: z.array(z.string()).optional(),
    account_types: z.array(z.string()).optional(),
  }),
});

/** Where a report is in its life at `now`. */
export function reportPhase(
  report: Pick<Report, 'createdAtMs'>,
  now: number,
  readyAfterMs: number,
  expireAfterMs: number,
): 'pending' | 'ready' | 'expired' {
  if (now < report.createdAtMs + readyAfterMs) return 'pending';
  if (now >= report.createdAtMs + readyAfterMs + expireAfterMs) return 'expired';
  return 'ready';
}

analyticsRoutes.post('/analytics/reports', async (c) => {
  const { reports: input } = await readBody(c, ReportCreateBody);
  requireOrg(c, input.organization);
  if (input.end <= input.start) throw new ApiError(400, 'end must be after start');
  const report: Report = {
    id: crypto.randomUUID(),
    organization: input.organization,
    start: input.start,
    end: input.end,
    time_zone: input.time_zone ?? null,
    createdAtMs: Date.now(),
  };
  data().reports.set(report.id, report);
  return c.json({ reports: { id: report.id } }, 201);
});

analyticsRoutes.get('/analytics/reports/:id', (c) => {
  const report = data().reports.get(c.req.param('id'));
  // Missive answers an EMPTY 404 for unknown, incomplete and expired reports alike.
  if (!report || !me(c).organizations.includes(report.organization)) return c.body(null, 404);
  const phase = reportPhase(report, Date.now(), config().analyticsReadyAfterMs, config().analyticsExpireAfterMs);
  if (phase !== 'ready') return c.body(null, 404);
  const conversations = [...data().conversations.values()].filter(
    (cv) =>
      cv.organization === report.organization &&
      cv.last_activity_at >= report.start &&
      cv.last_activity_at <= report.end,
  );
  const messages = [...data().messages.values()].filter(
    (m) => m.delivered_at >= report.start && m.delivered_at <= report.end,
  );
  return c.json({
    reports: {
      id: report.id,
      organization: report.organization,
      start: report.start,
      end: report.end,
      time_zone: report.time_zone,
      selected_period: {
        conversations: {
          total: conversations.length,
          closed: conversations.filter((cv) => cv.mailbox === 'closed').length,
        },
        messages: {
          received: messages.filter(
            (m) =>
              conversations.some((cv) => cv.id === m.conversation) &&
              m.from_field.address &&
              !m.from_field.address.endsWith('acme-support.test'),
          ).length,
          sent: messages.filter(
            (m) =>
              conversations.some((cv) => cv.id === m.conversation) &&
              m.from_field.address?.endsWith('acme-support.test'),
          ).length,
        },
        average_first_response_time: 5_400,
      },
    },
  });
});
