import { z } from 'zod'
import { email } from '../auth/auth.schema'
import { normaliseNpwpInput, optionalText, phoneField, requiredText } from '../orgs/orgs.schema'

// Client-safe schemas of the supplier portal's forms.

export const RejectSchema = z.object({ reason: requiredText(1000) })
export const QuestionSchema = z.object({ question: requiredText(2000) })
export const AnswerSchema = z.object({ answer: requiredText(4000) })
export const LineDecisionSchema = z.object({ sku: requiredText(64), comment: optionalText(500) })

/** A required NPWP: 15 or 16 digits, dots and dashes allowed; stored as digits. */
export const requiredNpwp = z
  .string({ error: 'errors.required' })
  .trim()
  .min(1, { message: 'errors.required' })
  .transform((v, ctx) => {
    const digits = normaliseNpwpInput(v)
    if (!digits) {
      ctx.addIssue({ code: 'custom', message: 'suppliers.apply.npwpInvalid' })
      return z.NEVER
    }
    return digits
  })

const categories = requiredText(500).transform((v) =>
  v
    .split(/[,;\n]/)
    .map((c) => c.trim())
    .filter(Boolean)
    .slice(0, 20),
)

export const ApplicationSchema = z.object({
  legalName: requiredText(200),
  npwp: requiredNpwp,
  address: requiredText(500),
  city: requiredText(100),
  categories,
  contactName: requiredText(200),
  contactEmail: email,
  contactPhone: phoneField,
  terms: z.literal('on', { error: 'suppliers.apply.termsRequired' }),
  // the honeypot: people never see it (hidden from them), bots fill it in
  website: z.string().max(500).optional(),
})
export type ApplicationInput = z.output<typeof ApplicationSchema>

export const ApiKeySchema = z.object({ name: requiredText(100) })
export const RevokeKeySchema = z.object({ keyId: requiredText(64) })

const categoryList = z
  .string()
  .max(500, { message: 'errors.tooLong' })
  .optional()
  .transform((v) =>
    (v ?? '')
      .split(/[,;\n]/)
      .map((c) => c.trim())
      .filter(Boolean)
      .slice(0, 20),
  )

export const ProfileSchema = z.object({
  legalName: requiredText(200),
  npwp: requiredNpwp,
  address: optionalText(500),
  categories: categoryList,
  contactName: optionalText(200),
  contactEmail: z
    .string()
    .trim()
    .optional()
    .transform((v) => v || null)
    .pipe(z.email({ message: 'errors.email' }).nullable()),
  contactPhone: phoneField,
  bankName: optionalText(100),
  bankAccount: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.replace(/[\s-]/g, '') : null))
    .refine((v) => v === null || /^\d{6,20}$/.test(v), { message: 'suppliers.profile.bankAccountInvalid' }),
  bankHolder: optionalText(200),
})

export const InviteSupplierSchema = z.object({
  legalName: requiredText(200),
  npwp: requiredNpwp,
  city: requiredText(100),
  contactName: requiredText(200),
  contactEmail: email,
})
