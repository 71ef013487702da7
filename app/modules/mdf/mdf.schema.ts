import { z } from 'zod'
import { isValidIsoDate, requiredText } from '../orgs/orgs.schema'
import { ACTIVITY_TYPES, PERIOD_TYPES } from './mdf.machine'

// Client-safe: the MDF forms validate with the same schemas in the browser. Amounts stay text here
// ("12.500.000"): the service reads them in the fund's currency.
const isoDate = z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).refine(isValidIsoDate, { message: 'errors.date' })
const amountText = z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(30, { message: 'errors.tooLong' })
const optionalAmount = z.string().trim().max(30, { message: 'errors.tooLong' }).default('')
const count = z.coerce.number({ error: 'errors.number' }).int({ message: 'errors.number' }).min(0, { message: 'errors.number' }).max(10_000_000, { message: 'errors.number' }).default(0)
const id = z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(64)

export const RequestSchema = z
  .object({
    fundId: id,
    activityType: z.enum(ACTIVITY_TYPES, { error: 'errors.required' }),
    title: requiredText(200),
    description: requiredText(4000),
    startsOn: isoDate,
    endsOn: isoDate,
    expectedLeads: count,
    expectedPipeline: optionalAmount,
    cost: amountText,
    requested: amountText,
    intent: z.enum(['draft', 'submit']).default('submit'),
  })
  .refine((v) => v.endsOn >= v.startsOn, { path: ['endsOn'], message: 'mdf.errors.endBeforeStart' })
export type RequestForm = z.infer<typeof RequestSchema>

export const ClaimSchema = z.object({
  actualCost: amountText,
  claimed: amountText,
  leads: count,
  attendees: count,
  pipeline: optionalAmount,
  notes: z.string().trim().max(4000, { message: 'errors.tooLong' }).default(''),
})

export const ReasonSchema = z.object({ reason: requiredText(2000) })
export const ApproveSchema = z.object({ amount: optionalAmount })
export const ReferenceSchema = z.object({ reference: requiredText(120) })
export const EmptySchema = z.object({})

export const FundSchema = z.object({
  name: requiredText(120),
  periodType: z.enum(PERIOD_TYPES, { error: 'errors.required' }),
  year: z.coerce.number({ error: 'errors.required' }).int({ message: 'errors.number' }).min(2000, { message: 'errors.number' }).max(2100, { message: 'errors.number' }),
  part: z.coerce.number({ error: 'errors.number' }).int().min(1, { message: 'errors.number' }).max(4, { message: 'errors.number' }).default(1),
  currency: z.string().trim().toUpperCase().regex(/^[A-Z]{3}$/, { message: 'errors.currency' }).default('IDR'),
  budget: amountText,
  maxSharePct: z.coerce.number({ error: 'errors.number' }).int({ message: 'errors.number' }).min(1, { message: 'mdf.errors.sharePct' }).max(100, { message: 'mdf.errors.sharePct' }).default(50),
  claimDeadlineDays: z.coerce.number({ error: 'errors.number' }).int({ message: 'errors.number' }).min(1, { message: 'errors.number' }).max(365, { message: 'errors.number' }).default(60),
  accrualPct: z.string().trim().max(8).default('').refine((v) => v === '' || /^\d{1,2}([.,]\d{1,2})?$/.test(v), { message: 'mdf.errors.accrualPct' }),
  tierRegistered: optionalAmount,
  tierSilver: optionalAmount,
  tierGold: optionalAmount,
  tierPlatinum: optionalAmount,
})
export type FundForm = z.infer<typeof FundSchema>

export const AllocateSchema = z.object({ orgId: id, amount: amountText })
export const PayoutAccountSchema = z.object({ stripeAccountId: z.string().trim().max(80).default('') })
