/**
 * The mint form's fields → the admin API's `POST /integrated-account/:id/mcp` body. Pure: no
 * runtime imports. The admin API validates the body again (it is the authority); this parse
 * only turns checkboxes and presets into that shape and catches what a form can get wrong
 * before a round trip.
 */
import { z } from 'zod';
import {
  METHOD_CATEGORIES,
  METHOD_GROUPS,
  TOOL_TAGS,
  type McpServerConfig,
  type ToolTag,
} from '../missive/server-config';

/** Method choices offered as checkboxes: the two shorthands, then every category. */
export const METHOD_CHOICES: readonly { value: string; label: string; hint: string }[] = [
  { value: 'read', label: 'read', hint: `all ${METHOD_GROUPS.read.join(' + ')} tools` },
  { value: 'write', label: 'write', hint: `all ${METHOD_GROUPS.write.join(' + ')} tools` },
  ...METHOD_CATEGORIES.map((m) => ({ value: m, label: m, hint: '' })),
];

export const EXPIRY_PRESETS = [
  { value: 'never', label: 'Never', seconds: null },
  { value: '1h', label: 'In 1 hour', seconds: 3600 },
  { value: '1d', label: 'In 1 day', seconds: 86_400 },
  { value: '7d', label: 'In 7 days', seconds: 7 * 86_400 },
  { value: '30d', label: 'In 30 days', seconds: 30 * 86_400 },
  { value: '90d', label: 'In 90 days', seconds: 90 * 86_400 },
  { value: 'custom', label: 'At a date and time (UTC)', seconds: null },
] as const;
export type ExpiryPreset = (typeof EXPIRY_PRESETS)[number]['value'];

const KNOWN_METHODS = new Set(METHOD_CHOICES.map((m) => m.value));
const TOOL_NAME = /^[a-z0-9_]{1,100}$/;

/** What the form holds, as strings and string lists (also re-rendered into the form). */
export interface MintFormValues {
  name: string;
  methods: string[];
  toolNames: string;
  tags: string[];
  requireBearer: boolean;
  expiry: ExpiryPreset;
  expiresAtCustom: string;
}

export const DEFAULT_MINT_FORM: MintFormValues = {
  name: '',
  methods: ['read'],
  toolNames: '',
  tags: [],
  requireBearer: false,
  expiry: 'never',
  expiresAtCustom: '',
};

export type FieldErrors = Partial<Record<'name' | 'methods' | 'tags' | 'expiry', string>>;

export interface MintRequest {
  name: string;
  config: McpServerConfig;
  expires_at: string | null;
}

const FormRecordSchema = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const one = (v: string | string[] | undefined): string => (Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));

/** Reads the raw form record (from `parseBody({ all: true })`) into form values. */
export function readMintForm(raw: unknown): MintFormValues {
  const record = FormRecordSchema.catch({}).parse(raw);
  const expiry = one(record.expiry);
  return {
    name: one(record.name).trim(),
    methods: [...new Set(list(record.methods))],
    toolNames: one(record.tool_names),
    tags: [...new Set(list(record.tags))],
    requireBearer: one(record.require_api_token_auth) === 'on',
    expiry: EXPIRY_PRESETS.some((p) => p.value === expiry) ? (expiry as ExpiryPreset) : 'never',
    expiresAtCustom: one(record.expires_at).trim(),
  };
}

/** Exact tool names typed by the user: split on commas and whitespace. */
export function splitToolNames(text: string): string[] {
  return [
    ...new Set(
      text
        .split(/[\s,]+/)
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** The `config` the choice describes (methods and tags only; used for the tool count too). */
export function configFromForm(values: Pick<MintFormValues, 'methods' | 'toolNames' | 'tags' | 'requireBearer'>): {
  config: McpServerConfig;
  errors: FieldErrors;
} {
  const errors: FieldErrors = {};
  const methods = values.methods.filter((m) => KNOWN_METHODS.has(m));
  const names = splitToolNames(values.toolNames);
  const badName = names.find((n) => !TOOL_NAME.test(n));
  if (badName !== undefined)
    errors.methods = `"${badName.slice(0, 40)}" is not a tool name (lowercase letters, digits, _)`;
  const allMethods = [...methods, ...names.filter((n) => TOOL_NAME.test(n))];
  if (allMethods.length === 0 && !errors.methods) errors.methods = 'Choose at least one method or tool name';
  if (allMethods.length > 100) errors.methods = 'At most 100 methods and tool names';
  const tags = values.tags.filter((t): t is ToolTag => (TOOL_TAGS as readonly string[]).includes(t));
  if (tags.length !== values.tags.length) errors.tags = 'Unknown tag';
  const config: McpServerConfig = {
    methods: allMethods.length > 0 ? allMethods : undefined,
    ...(tags.length > 0 ? { tags } : {}),
    require_api_token_auth: values.requireBearer,
  };
  return { config, errors };
}

/** `YYYY-MM-DDTHH:MM` (a datetime-local value, read as UTC) → ISO, or null when malformed. */
export function parseUtcLocal(text: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(text)) return null;
  const d = new Date(`${text}Z`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}

/** The whole request body, or the errors to show next to the fields. */
export function mintRequestFromForm(
  values: MintFormValues,
  now: Date = new Date(),
): { ok: true; request: MintRequest } | { ok: false; errors: FieldErrors } {
  const { config, errors } = configFromForm(values);
  if (values.name.length === 0) errors.name = 'Give the server a name';
  else if (values.name.length > 200) errors.name = 'At most 200 characters';
  let expiresAt: string | null = null;
  const preset = EXPIRY_PRESETS.find((p) => p.value === values.expiry);
  if (values.expiry === 'custom') {
    expiresAt = parseUtcLocal(values.expiresAtCustom);
    if (!expiresAt) errors.expiry = 'Enter a date and time';
    else if (Date.parse(expiresAt) < now.getTime() + 60_000) errors.expiry = 'Must be at least a minute from now';
  } else if (preset?.seconds) {
    expiresAt = new Date(now.getTime() + preset.seconds * 1000).toISOString();
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, request: { name: values.name, config, expires_at: expiresAt } };
}
