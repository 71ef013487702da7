import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { contrastOnWhite, DEFAULT_BRAND } from './brand'

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    HOST: z.string().default('0.0.0.0'),
    APP_URL: z.url().optional(),
    DATABASE_URL: z.string().min(1).default('./data/mitra.db'),
    DATA_DIR: z.string().min(1).default('./data'),
    SESSION_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    SESSION_COOKIE_SECURE: z.enum(['auto', 'always', 'never']).default('auto'),
    TRUST_PROXY: bool.default(false),
    SMTP_HOST: z.string().optional(),
    SMTP_PORT: z.coerce.number().int().min(1).max(65535).default(587),
    SMTP_SECURE: bool.default(false),
    SMTP_USER: z.string().optional(),
    SMTP_PASS: z.string().optional(),
    MAIL_FROM: z.string().default('Mitra <no-reply@mitra.test>'),
    STRIPE_SECRET_KEY: z.string().startsWith('sk_', 'must start with sk_').optional(),
    STRIPE_WEBHOOK_SECRET: z.string().startsWith('whsec_', 'must start with whsec_').optional(),
    // where the Stripe client sends API calls (tests point it at a local fake; unset: Stripe itself)
    STRIPE_API_URL: z.url().optional(),
    // the size cap of one MDF proof-of-performance file, in megabytes
    MDF_UPLOAD_MAX_MB: z.coerce.number().int().min(1).max(100).default(10),
    // the vendor's name and colour in the portal (the colour must keep 4.5:1 contrast on white)
    BRAND_NAME: z.string().trim().min(1).max(40).default(DEFAULT_BRAND.name),
    BRAND_COLOR: z
      .string()
      .regex(/^#[0-9a-fA-F]{6}$/, 'must be a colour like #0f766e')
      .refine((c) => contrastOnWhite(c) >= 4.5, 'is too light: text in this colour on white must reach a 4.5:1 contrast ratio')
      .default(DEFAULT_BRAND.color),
    JOBS_ENABLED: bool.default(true),
    JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(5).default(60),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    // who may read /metrics without a token: IPs or CIDRs, comma-separated
    METRICS_ALLOW: z
      .string()
      .default('127.0.0.1/32,::1/128')
      .refine((v) => v.split(',').every((p) => /^[0-9a-fA-F:.]+(\/\d{1,3})?$/.test(p.trim()) || p.trim() === ''), 'must be a comma-separated list of IPs or CIDRs'),
    METRICS_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(600_000).default(10_000),
    BACKUP_INTERVAL_HOURS: z.coerce.number().min(0).default(24),
    BACKUP_KEEP: z.coerce.number().int().min(1).default(7),
    BACKUP_DIR: z.string().min(1).optional(),
    // the largest amount a form accepts, in whole units per currency ("IDR=100000000000000,USD=10000000000");
    // a currency not listed takes DEFAULT
    AMOUNT_CEILINGS: z
      .string()
      .default('IDR=100000000000000,DEFAULT=10000000000')
      .refine((v) => v.split(',').every((p) => /^([A-Z]{3}|DEFAULT)=\d{1,18}$/.test(p.trim())), 'must look like IDR=100000000000000,DEFAULT=10000000000'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && !env.SESSION_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['SESSION_SECRET'], message: 'is required in production' })
    }
  })

export type Env = z.infer<typeof EnvSchema> & { SESSION_SECRET: string; APP_URL: string; BACKUP_DIR: string }

let cached: Env | undefined

export class ConfigError extends Error {}

/** Reads and validates the environment once. A bad value stops start-up with a message naming it. */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  if (cached && source === process.env) return cached
  const parsed = EnvSchema.safeParse(source)
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`)
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`)
  }
  const env = parsed.data
  const result: Env = {
    ...env,
    SESSION_SECRET: env.SESSION_SECRET ?? developmentSecret(env.DATA_DIR),
    APP_URL: (env.APP_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
    BACKUP_DIR: env.BACKUP_DIR ?? path.join(env.DATA_DIR, 'backups'),
  }
  if (source === process.env) cached = result
  return result
}

/** Outside production a missing secret is generated once and kept under data/, so restarts keep cookies valid. */
export function developmentSecret(dataDir: string): string {
  const file = path.join(dataDir, 'session-secret')
  try {
    return fs.readFileSync(file, 'utf8').trim()
  } catch {
    fs.mkdirSync(dataDir, { recursive: true })
    const secret = Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url')
    fs.writeFileSync(file, secret, { mode: 0o600 })
    return secret
  }
}

/** Forget the validated environment (tests that change variables). */
export function resetEnvCache() {
  cached = undefined
}
