import { z } from 'zod'
import { email } from '../auth/auth.schema'
import { isValidIsoDate, npwpField, optionalText, phoneField, requiredText } from '../orgs/orgs.schema'

// Client-safe: the registration form validates with the same schema in the browser.
const phone = phoneField

const isoDate = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { message: 'errors.required' })
  .refine(isValidIsoDate, { message: 'errors.date' })

/** "example.co.id", "https://www.example.co.id/kontak?x=1" or "budi@example.co.id": a host name with a dot. */
export function looksLikeWebsiteOrEmail(value: string): boolean {
  const host = value
    .replace(/^[a-z][a-z0-9+.-]*:\/\//i, '')
    .replace(/^[^@/]*@/, '')
    .split(/[/?#:]/)[0]
  return /^(?=.{3,253}$)([\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.)+[\p{L}]{2,63}$/u.test(host)
}

export const DealFormSchema = z.object({
  intent: z.enum(['draft', 'submit']).default('draft'),
  customerName: requiredText(200),
  // a website, a web address or an email address: the company's domain is taken from it
  customerWebsite: z
    .string()
    .trim()
    .max(300, { message: 'errors.tooLong' })
    .optional()
    .refine((v) => !v || looksLikeWebsiteOrEmail(v), { message: 'errors.websiteOrEmail' })
    .transform((v) => v || null),
  customerNpwp: npwpField,
  customerCity: optionalText(100),
  customerRegion: optionalText(100),
  contactName: requiredText(120),
  contactEmail: email,
  contactPhone: phone,
  products: requiredText(500),
  value: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(30, { message: 'errors.tooLong' }),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'errors.currency' }).default('IDR'),
  expectedCloseDate: isoDate,
  competitors: optionalText(300),
  notes: optionalText(2000),
  acceptRules: z.string().optional(),
})
export type DealFormInput = z.infer<typeof DealFormSchema>

export const RejectSchema = z.object({ reason: requiredText(1000) })
export const ReturnSchema = z.object({ question: requiredText(2000) })
export const AnswerSchema = z.object({ answer: requiredText(2000) })
export const ExtensionRequestSchema = z.object({ justification: requiredText(1000) })
export const ExtensionDecisionSchema = z.object({ extensionId: z.string().min(1), decision: z.enum(['approve', 'decline']), reason: optionalText(1000) })
export const ConvertSchema = z.object({
  target: z.string({ error: 'errors.required' }).min(1, { message: 'errors.required' }), // an account id, or "new"
  pipelineId: z.string({ error: 'errors.required' }).min(1, { message: 'errors.required' }),
})

export const DealRulesSchema = z.object({
  protectionDays: z.coerce.number({ message: 'errors.number' }).int({ message: 'errors.integer' }).min(1, { message: 'errors.range' }).max(730, { message: 'errors.range' }),
  extensionDays: z.coerce.number({ message: 'errors.number' }).int({ message: 'errors.integer' }).min(1, { message: 'errors.range' }).max(365, { message: 'errors.range' }),
  maxExtensions: z.coerce.number({ message: 'errors.number' }).int({ message: 'errors.integer' }).min(0, { message: 'errors.range' }).max(10, { message: 'errors.range' }),
  autoFlagApprovedMatch: z
    .string()
    .optional()
    .transform((v) => v === 'on' || v === 'true'),
  rulesTextId: requiredText(10_000),
  rulesTextEn: requiredText(10_000),
})
export type DealRulesInput = z.infer<typeof DealRulesSchema>

export const ConflictQuerySchema = z.object({
  name: z.string().trim().max(200).default(''),
  website: z.string().trim().max(300).optional(),
  npwp: z.string().trim().max(30).optional(),
  exclude: z.string().max(64).optional(),
})
