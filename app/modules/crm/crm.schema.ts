import { z } from 'zod'
import { email } from '../auth/auth.schema'
import { isValidIsoDate, npwpField, optionalText, phoneField, requiredText, websiteField } from '../orgs/orgs.schema'

export const LEAD_STATUSES = ['new', 'working', 'qualified', 'disqualified', 'converted'] as const
export const LEAD_SOURCES = ['web', 'event', 'referral', 'partner', 'campaign', 'other'] as const
export const ACTIVITY_KINDS = ['note', 'call', 'email', 'meeting', 'task'] as const
export const CRM_ENTITIES = ['account', 'contact', 'lead', 'opportunity'] as const

/** Lead score bands shown to sales: 0–39 junk, 40–69 warm, 70–100 hot. */
export function scoreBand(score: number): 'junk' | 'warm' | 'hot' {
  if (score >= 70) return 'hot'
  if (score >= 40) return 'warm'
  return 'junk'
}

const optionalEmail = z
  .string()
  .trim()
  .optional()
  .transform((v) => v || undefined)
  .pipe(email.optional())
  .transform((v) => v ?? null)

const phone = phoneField

export const AccountSchema = z.object({
  name: requiredText(200),
  website: websiteField,
  npwp: npwpField,
  industry: optionalText(100),
  address: optionalText(300),
  city: optionalText(100),
  region: optionalText(100),
  phone,
})
export type AccountInput = z.infer<typeof AccountSchema>

export const ContactSchema = z.object({
  accountId: z.string().trim().optional().transform((v) => v || null),
  firstName: requiredText(80),
  lastName: optionalText(80),
  email: optionalEmail,
  phone,
  title: optionalText(120),
})
export type ContactInput = z.infer<typeof ContactSchema>

export const LeadSchema = z.object({
  company: requiredText(200),
  contactName: requiredText(120),
  email: optionalEmail,
  phone,
  source: z.enum(LEAD_SOURCES, { message: 'errors.required' }),
  status: z.enum(LEAD_STATUSES, { message: 'errors.required' }),
  score: z.coerce.number({ message: 'errors.number' }).int({ message: 'errors.integer' }).min(0, { message: 'errors.score' }).max(100, { message: 'errors.score' }),
})
export type LeadInput = z.infer<typeof LeadSchema>

export const OpportunitySchema = z.object({
  name: requiredText(200),
  accountId: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }),
  pipelineId: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }),
  stageId: z.string().trim().optional(),
  amount: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(30, { message: 'errors.tooLong' }),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'errors.currency' }).default('IDR'),
  expectedCloseDate: z
    .string()
    .trim()
    .optional()
    .refine((v) => !v || isValidIsoDate(v), { message: 'errors.date' })
    .transform((v) => v || null),
})
export type OpportunityInput = z.infer<typeof OpportunitySchema>

export const MoveStageSchema = z.object({ stageId: z.string().min(1) })

export const ActivitySchema = z.object({
  kind: z.enum(ACTIVITY_KINDS),
  subject: requiredText(200),
  body: optionalText(5000),
})
export type ActivityInput = z.infer<typeof ActivitySchema>
