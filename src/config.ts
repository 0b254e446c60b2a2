/**
 * Secrets and vars parsed with zod once per isolate (re-parsed only if the raw values change).
 * A missing or weak secret is a deployment error: it becomes a 500 whose log line names the
 * variable, never its value.
 */
import { z } from 'zod';
import type { Bindings } from './env';
import { GatewayError } from './errors';
import { registerSecret } from './log';
import { base64urlDecode } from './security/encoding';

/** Optional secrets used only while a key is being rotated; not in .dev.vars.example on purpose. */
export interface RotationSecrets {
  JWT_PREVIOUS_SIGNING_KEY?: string;
  JWT_PREVIOUS_SIGNING_KEY_ID?: string;
  ENCRYPTION_PREVIOUS_KEY?: string;
  ENCRYPTION_PREVIOUS_KEY_VERSION?: string;
  TOKEN_HMAC_PREVIOUS_KEY?: string;
  TOKEN_HMAC_PREVIOUS_KEY_VERSION?: string;
}

export const SECRET_NAMES = [
  'ADMIN_API_KEY',
  'JWT_SIGNING_KEY',
  'JWT_SIGNING_KEY_ID',
  'ENCRYPTION_KEY',
  'ENCRYPTION_KEY_VERSION',
  'TOKEN_HMAC_KEY',
  'TOKEN_HMAC_KEY_VERSION',
  'JWT_PREVIOUS_SIGNING_KEY',
  'JWT_PREVIOUS_SIGNING_KEY_ID',
  'ENCRYPTION_PREVIOUS_KEY',
  'ENCRYPTION_PREVIOUS_KEY_VERSION',
  'TOKEN_HMAC_PREVIOUS_KEY',
  'TOKEN_HMAC_PREVIOUS_KEY_VERSION',
] as const;

/** base64url text that decodes to at least `min` (and at most `max`) bytes. */
const keyBytes = (min: number, max = 1024) =>
  z
    .string()
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, 'must be base64url')
    .transform((value, ctx) => {
      const bytes = base64urlDecode(value.replace(/=+$/, ''));
      if (!bytes || bytes.length < min || bytes.length > max) {
        ctx.addIssue({
          code: 'custom',
          message: min === max ? `must decode to ${min} bytes` : `must decode to at least ${min} bytes`,
        });
        return z.NEVER;
      }
      return bytes;
    });

const keyVersion = z
  .string()
  .regex(/^[1-9][0-9]{0,8}$/, 'must be a positive integer')
  .transform((v) => Number(v));

const keyId = z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'must be 1-64 characters of [A-Za-z0-9._-]');

/**
 * The admin key must look random: 32-512 characters of a key alphabet (base64, base64url, hex) with
 * at least 16 distinct characters, so a word, a phrase or a repeated pattern is refused at start.
 */
const adminKey = z
  .string()
  .min(32, 'must be at least 32 characters')
  .max(512, 'must be at most 512 characters')
  .regex(/^[A-Za-z0-9._~+/=-]+$/, 'must use only the characters of base64, base64url or hex')
  .refine((v) => new Set(v).size >= 16, 'must look random (at least 16 distinct characters)');

const RawConfigSchema = z.object({
  ADMIN_API_KEY: adminKey,
  JWT_SIGNING_KEY: keyBytes(32),
  JWT_SIGNING_KEY_ID: keyId,
  ENCRYPTION_KEY: keyBytes(32, 32),
  ENCRYPTION_KEY_VERSION: keyVersion,
  TOKEN_HMAC_KEY: keyBytes(32),
  TOKEN_HMAC_KEY_VERSION: keyVersion,
  JWT_PREVIOUS_SIGNING_KEY: keyBytes(32).optional(),
  JWT_PREVIOUS_SIGNING_KEY_ID: keyId.optional(),
  ENCRYPTION_PREVIOUS_KEY: keyBytes(32, 32).optional(),
  ENCRYPTION_PREVIOUS_KEY_VERSION: keyVersion.optional(),
  TOKEN_HMAC_PREVIOUS_KEY: keyBytes(32).optional(),
  TOKEN_HMAC_PREVIOUS_KEY_VERSION: keyVersion.optional(),
});

export interface VersionedKey {
  version: number;
  key: Uint8Array;
}

export interface SigningKey {
  kid: string;
  key: Uint8Array;
}

export interface GatewayConfig {
  adminApiKey: string;
  jwt: { current: SigningKey; previous: SigningKey | null };
  encryption: { current: VersionedKey; previous: VersionedKey | null };
  tokenHmac: { current: VersionedKey; previous: VersionedKey | null };
}

type RawEnv = Partial<Record<(typeof SECRET_NAMES)[number], string>>;

/** Parses the raw strings; throws GatewayError(500) naming the offending variables. */
export function parseConfig(raw: RawEnv): GatewayConfig {
  // Empty strings count as "not set" so an unset optional secret in .dev.vars is harmless.
  const cleaned: Record<string, string> = {};
  for (const name of SECRET_NAMES) {
    const value = raw[name];
    if (typeof value === 'string' && value.trim() !== '') cleaned[name] = value.trim();
  }
  const parsed = RawConfigSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      problems.push(`${issue.path.join('.')}: ${issue.code === 'invalid_type' ? 'is missing' : issue.message}`);
    }
  } else {
    const c = parsed.data;
    const pairs: [string, unknown, string, unknown][] = [
      [
        'JWT_PREVIOUS_SIGNING_KEY',
        c.JWT_PREVIOUS_SIGNING_KEY,
        'JWT_PREVIOUS_SIGNING_KEY_ID',
        c.JWT_PREVIOUS_SIGNING_KEY_ID,
      ],
      [
        'ENCRYPTION_PREVIOUS_KEY',
        c.ENCRYPTION_PREVIOUS_KEY,
        'ENCRYPTION_PREVIOUS_KEY_VERSION',
        c.ENCRYPTION_PREVIOUS_KEY_VERSION,
      ],
      [
        'TOKEN_HMAC_PREVIOUS_KEY',
        c.TOKEN_HMAC_PREVIOUS_KEY,
        'TOKEN_HMAC_PREVIOUS_KEY_VERSION',
        c.TOKEN_HMAC_PREVIOUS_KEY_VERSION,
      ],
    ];
    for (const [a, av, b, bv] of pairs) {
      if ((av === undefined) !== (bv === undefined)) problems.push(`${a} and ${b} must be set together`);
    }
    if (c.JWT_PREVIOUS_SIGNING_KEY_ID !== undefined && c.JWT_PREVIOUS_SIGNING_KEY_ID === c.JWT_SIGNING_KEY_ID) {
      problems.push('JWT_PREVIOUS_SIGNING_KEY_ID must differ from JWT_SIGNING_KEY_ID');
    }
    if (
      c.ENCRYPTION_PREVIOUS_KEY_VERSION !== undefined &&
      c.ENCRYPTION_PREVIOUS_KEY_VERSION === c.ENCRYPTION_KEY_VERSION
    ) {
      problems.push('ENCRYPTION_PREVIOUS_KEY_VERSION must differ from ENCRYPTION_KEY_VERSION');
    }
    if (
      c.TOKEN_HMAC_PREVIOUS_KEY_VERSION !== undefined &&
      c.TOKEN_HMAC_PREVIOUS_KEY_VERSION === c.TOKEN_HMAC_KEY_VERSION
    ) {
      problems.push('TOKEN_HMAC_PREVIOUS_KEY_VERSION must differ from TOKEN_HMAC_KEY_VERSION');
    }
    if (problems.length === 0) {
      return {
        adminApiKey: c.ADMIN_API_KEY,
        jwt: {
          current: { kid: c.JWT_SIGNING_KEY_ID, key: c.JWT_SIGNING_KEY },
          previous:
            c.JWT_PREVIOUS_SIGNING_KEY && c.JWT_PREVIOUS_SIGNING_KEY_ID
              ? { kid: c.JWT_PREVIOUS_SIGNING_KEY_ID, key: c.JWT_PREVIOUS_SIGNING_KEY }
              : null,
        },
        encryption: {
          current: { version: c.ENCRYPTION_KEY_VERSION, key: c.ENCRYPTION_KEY },
          previous:
            c.ENCRYPTION_PREVIOUS_KEY && c.ENCRYPTION_PREVIOUS_KEY_VERSION
              ? { version: c.ENCRYPTION_PREVIOUS_KEY_VERSION, key: c.ENCRYPTION_PREVIOUS_KEY }
              : null,
        },
        tokenHmac: {
          current: { version: c.TOKEN_HMAC_KEY_VERSION, key: c.TOKEN_HMAC_KEY },
          previous:
            c.TOKEN_HMAC_PREVIOUS_KEY && c.TOKEN_HMAC_PREVIOUS_KEY_VERSION
              ? { version: c.TOKEN_HMAC_PREVIOUS_KEY_VERSION, key: c.TOKEN_HMAC_PREVIOUS_KEY }
              : null,
        },
      };
    }
  }
  // The issue messages above never contain a value: only the variable name and the rule it broke.
  throw new GatewayError(500, 'internal_error', 'Internal error', {
    internal: `invalid configuration: ${problems.join('; ')}`,
  });
}

let cache: { fingerprint: string; config: GatewayConfig } | null = null;

/** The parsed configuration for this env; cached for the isolate's lifetime. */
export function getConfig(env: Bindings): GatewayConfig {
  const raw = env as Bindings & RotationSecrets;
  const values: RawEnv = {};
  for (const name of SECRET_NAMES) values[name] = raw[name];
  // The fingerprint stays in memory only; it lets tests and rotations swap secrets without a restart.
  const fingerprint = SECRET_NAMES.map((n) => values[n] ?? '').join('\u0000');
  if (cache && cache.fingerprint === fingerprint) return cache.config;
  const config = parseConfig(values);
  // Log lines and audit rows redact the admin key wherever it appears, whatever its shape.
  registerSecret(config.adminApiKey);
  cache = { fingerprint, config };
  return config;
}
