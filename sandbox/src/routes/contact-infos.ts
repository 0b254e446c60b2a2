/**
 * Contact `infos` as Missive validates them: `label` is required and comes from a fixed set per
 * kind; `custom_label` is allowed only with `label: "other"`; the `facebook` kind carries `name`
 * instead of `value`; a `physical_address` carries address parts instead of `value`.
 */
import { z } from 'zod';

export const INFO_LABELS = {
  email: ['home', 'work', 'personal', 'other'],
  phone_number: ['main', 'mobile', 'home', 'work', 'home_fax', 'work_fax', 'other_fax', 'pager', 'other'],
  physical_address: ['home', 'work', 'other'],
  url: ['homepage', 'profile', 'blog', 'work', 'other'],
  twitter: ['work', 'personal', 'other'],
  facebook: ['work', 'personal', 'other'],
  custom: ['other'],
} as const satisfies Record<string, readonly string[]>;

export const InfoSchema = z
  .object({
    kind: z.enum(Object.keys(INFO_LABELS) as [keyof typeof INFO_LABELS, ...(keyof typeof INFO_LABELS)[]]),
    label: z.string().min(1),
    custom_label: z.string().optional(),
    value: z.string().optional(),
    name: z.string().optional(),
    street: z.string().optional(),
    extended_address: z.string().optional(),
    city: z.string().optional(),
    region: z.string().optional(),
    postal_code: z.string().optional(),
    po_box: z.string().optional(),
    country: z.string().optional(),
  })
  .strict()
  .superRefine((info, ctx) => {
    const labels: readonly string[] = INFO_LABELS[info.kind];
    if (!labels.includes(info.label)) {
      ctx.addIssue({
        code: 'custom',
        path: ['label'],
        message: `must be one of ${labels.join(', ')} for ${info.kind}`,
      });
    }
    if (info.custom_label !== undefined && info.label !== 'other') {
      ctx.addIssue({ code: 'custom', path: ['custom_label'], message: 'only with label "other"' });
    }
    if (info.kind === 'facebook') {
      if (info.name === undefined || info.value !== undefined) {
        ctx.addIssue({ code: 'custom', path: ['name'], message: 'facebook infos carry name, not value' });
      }
    } else if (info.kind !== 'physical_address' && info.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `required for ${info.kind}` });
    }
  });
