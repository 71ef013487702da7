import { z } from 'zod'
import { ROLES } from '../auth/roles'
import { email } from '../auth/auth.schema'

/** NPWP: 15 digits (old form, often dotted `01.234.567.8-901.000`) or 16 digits (NIK-based). */
export function normaliseNpwpInput(raw: string): string | null {
  const trimmed = raw.trim()
  if (!/^[0-9.\-\s]+$/.test(trimmed)) return null
  const digits = trimmed.replace(/\D/g, '')
  return digits.length === 15 || digits.length === 16 ? digits : null
}

export function formatNpwp(digits: string | null | undefined): string {
  if (!digits) return ''
  if (digits.length !== 15) return digits
  return `${digits.slice(0, 2)}.${digits.slice(2, 5)}.${digits.slice(5, 8)}.${digits.slice(8, 9)}-${digits.slice(9, 12)}.${digits.slice(12)}`
}

export const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { message: 'errors.tooLong' })
    .optional()
    .transform((v) => (v ? v : null))

export const requiredText = (max: number) =>
  z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(max, { message: 'errors.tooLong' })

export const npwpField = z
  .string()
  .optional()
  .transform((v, ctx) => {
    if (!v || !v.trim()) return null
    const digits = normaliseNpwpInput(v)
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: 'errors.npwp' })
      return z.NEVER
    }
    return digits
  })

export const websiteField = z
  .string()
  .trim()
  .max(300, { message: 'errors.tooLong' })
  .optional()
  .transform((v, ctx) => {
    if (!v) return null
    const withScheme = /^https?:\/\//i.test(v) ? v : `https://${v}`
    try {
      const url = new URL(withScheme)
      if (!url.hostname.includes('.')) throw new Error('no dot')
      return url.toString().replace(/\/$/, '')
    } catch {
      ctx.addIssue({ code: 'custom', message: 'errors.website' })
      return z.NEVER
    }
  })

export const phoneField = z
  .string()
  .trim()
  .max(30, { message: 'errors.tooLong' })
  .optional()
  .refine((v) => !v || /^[+0-9 ()-]{6,30}$/.test(v), { message: 'errors.phone' })
  .transform((v) => v || null)

/** A yyyy-mm-dd calendar date that really exists. */
export const isValidIsoDate = (v: string) => /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`))

export const ORG_STATUSES = ['active', 'on_hold', 'inactive'] as const
export const TIERS = ['registered', 'silver', 'gold', 'platinum'] as const

export const OrganisationSchema = z.object({
  kind: z.enum(['partner', 'supplier'], { message: 'errors.required' }),
  name: requiredText(200),
  legalName: optionalText(200),
  npwp: npwpField,
  country: z.string().trim().regex(/^[A-Z]{2}$/, { message: 'errors.country' }).default('ID'),
  region: optionalText(100),
  city: optionalText(100),
  website: websiteField,
  tier: z.enum(TIERS).optional(),
  status: z.enum(ORG_STATUSES).default('active'),
})
export type OrganisationInput = z.infer<typeof OrganisationSchema>

export const InviteUserSchema = z.object({
  email,
  name: requiredText(120),
  role: z.enum(ROLES, { message: 'errors.required' }),
  /** the invitee's language: the email, the invitation page and their account start in it */
  locale: z.enum(['id', 'en']).optional(),
})
export type InviteUserInput = z.infer<typeof InviteUserSchema>

export const ProfileSchema = z.object({
  name: requiredText(120),
  locale: z.enum(['id', 'en']),
  timeZone: z.string().trim().min(1, { message: 'errors.required' }).max(64),
})
