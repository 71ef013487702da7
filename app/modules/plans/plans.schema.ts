import { z } from 'zod'
import { isValidIsoDate, requiredText } from '../orgs/orgs.schema'
import { MEASURES, QUARTERS } from './plans.machine'

// Client-safe: the plan's forms validate with the same schemas in the browser.
const isoDate = z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).refine(isValidIsoDate, { message: 'errors.date' })
/** A target as typed: an amount ("1.500.000.000") for money measures, a whole number otherwise; parsed by the service per measure. */
const target = z.string().trim().max(30, { message: 'errors.tooLong' }).default('0').transform((v) => v || '0')
const text = (max: number) => z.string().trim().max(max, { message: 'errors.tooLong' }).default('')

export const NewPlanSchema = z.object({
  partnerOrgId: z.string().trim().max(64).optional(),
  year: z.coerce.number({ error: 'errors.required' }).int({ message: 'errors.number' }).min(2000, { message: 'errors.number' }).max(2100, { message: 'errors.number' }),
  title: requiredText(200),
})
export type NewPlanInput = z.infer<typeof NewPlanSchema>

export const PlanDetailsSchema = z.object({
  title: requiredText(200),
  strengths: text(4000),
  weaknesses: text(4000),
  opportunities: text(4000),
  threats: text(4000),
  notes: text(8000),
})
export type PlanDetailsInput = z.infer<typeof PlanDetailsSchema>

export const ObjectiveSchema = z.object({
  measure: z.enum(MEASURES, { error: 'errors.required' }),
  title: requiredText(300),
  q1: target,
  q2: target,
  q3: target,
  q4: target,
})
export type ObjectiveInput = z.infer<typeof ObjectiveSchema>

export const ObjectiveEditSchema = z.object({ itemId: z.string().trim().min(1).max(64), title: requiredText(300), q1: target, q2: target, q3: target, q4: target })

export const InitiativeSchema = z
  .object({
    title: requiredText(300),
    owner: requiredText(120),
    startDate: isoDate,
    endDate: isoDate,
    budget: z.string().trim().max(30, { message: 'errors.tooLong' }).default('0').transform((v) => v || '0'),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ['endDate'], message: 'plans.errors.endBeforeStart' })
export type InitiativeInput = z.infer<typeof InitiativeSchema>

export const CommentSchema = z.object({ body: requiredText(4000) })
export const RemoveSchema = z.object({ itemId: z.string().trim().min(1).max(64) })

export const ReviewSchema = z.object({
  quarter: z.coerce.number().int().refine((q) => (QUARTERS as readonly number[]).includes(q), { message: 'errors.required' }),
  heldOn: isoDate,
  discussed: requiredText(8000),
  decisions: requiredText(8000),
})
export type ReviewInput = z.infer<typeof ReviewSchema>
