/**
 * A contact's `infos` entry as Missive validates it: `label` is required and comes from a fixed
 * set per kind; `custom_label` only with `label: "other"`; the `facebook` kind carries `name`
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

type InfoKind = keyof typeof INFO_LABELS;
const KINDS = Object.keys(INFO_LABELS) as [InfoKind, ...InfoKind[]];
const LABEL_HELP = KINDS.map((kind) => `${kind}: ${INFO_LABELS[kind].join('/')}`).join('; ');
const part = (what: string) => z.string().max(300).optional().describe(`physical_address: ${what}`);

export const ContactInfoInput = z
  .object({
    kind: z.enum(KINDS).describe('What the entry is'),
    label: z.string().max(20).describe(`Required, per kind: ${LABEL_HELP}`),
    custom_label: z.string().max(100).optional().describe('Own label text; only with label "other"'),
    value: z.string().max(2000).optional().describe('The email, number, handle or URL (not for facebook)'),
    name: z.string().max(200).optional().describe('facebook: the profile name (instead of value)'),
    street: part('street'),
    extended_address: part('apartment, suite'),
    city: part('city'),
    region: part('state or region'),
    postal_code: part('postal code'),
    po_box: part('PO box'),
    country: part('country'),
  })
  .strict()
  .superRefine((info, ctx) => {
    const labels: readonly string[] = INFO_LABELS[info.kind];
    if (!labels.includes(info.label)) {
      ctx.addIssue({ code: 'custom', path: ['label'], message: `for ${info.kind} use one of ${labels.join(', ')}` });
    }
    if (info.custom_label !== undefined && info.label !== 'other') {
      ctx.addIssue({ code: 'custom', path: ['custom_label'], message: 'only with label "other"' });
    }
    if (info.kind === 'facebook' && (info.name === undefined || info.value !== undefined)) {
      ctx.addIssue({ code: 'custom', path: ['name'], message: 'facebook entries carry name, not value' });
    }
    if (info.kind !== 'facebook' && info.kind !== 'physical_address' && info.value === undefined) {
      ctx.addIssue({ code: 'custom', path: ['value'], message: `required for ${info.kind}` });
    }
  });

export const INFO_FIELDS = [
  'kind',
  'label',
  'custom_label',
  'value',
  'name',
  'street',
  'extended_address',
  'city',
  'region',
  'postal_code',
  'po_box',
  'country',
] as const;
