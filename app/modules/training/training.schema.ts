import { z } from 'zod'
import { parseAmountToMinor } from '../../utils/money'
import { email } from '../auth/auth.schema'
import { requiredText } from '../orgs/orgs.schema'

// Client-safe: forms validate with the same schemas in the browser.

export const ReasonSchema = z.object({ reason: requiredText(500) })

export const GrantCertificateSchema = z.object({
  email,
  certificationId: z.string({ error: 'errors.required' }).trim().min(1, { message: 'errors.required' }).max(64),
  reason: requiredText(500),
})
export type GrantCertificateInput = z.output<typeof GrantCertificateSchema>

export type Criterion = { kind: 'certified'; certificationId: string | null; count: number } | { kind: 'revenue'; amountMinor: number }
export type TierRulesInput = { graceDays: number; rules: Record<'silver' | 'gold' | 'platinum', Criterion[]> }

export const RULE_TIERS = ['silver', 'gold', 'platinum'] as const

const count = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return 0
    const n = Number(v)
    if (!Number.isInteger(n) || n < 0 || n > 10_000) {
      ctx.addIssue({ code: 'custom', message: 'training.errors.count' })
      return z.NEVER
    }
    return n
  })

const revenue = z
  .string()
  .trim()
  .optional()
  .transform((v, ctx) => {
    if (!v) return 0
    const minor = parseAmountToMinor(v, 'IDR')
    if (minor === null) {
      ctx.addIssue({ code: 'custom', message: 'errors.amount' })
      return z.NEVER
    }
    return minor
  })

/**
 * The tier settings form for the certifications that exist: per tier, the revenue, the number of
 * people holding any certification, and the number holding each one. An empty field asks nothing.
 */
export function tierRulesFormSchema(certificationIds: readonly string[]) {
  const tier = z.object({ revenue, people: count, certs: z.object(Object.fromEntries(certificationIds.map((id) => [id, count]))).optional() })
  return z
    .object({
      graceDays: z.coerce.number({ error: 'errors.required' }).int({ message: 'training.errors.count' }).min(0, { message: 'training.errors.count' }).max(365, { message: 'training.errors.count' }),
      silver: tier,
      gold: tier,
      platinum: tier,
    })
    .transform((v): TierRulesInput => {
      const rules = {} as TierRulesInput['rules']
      for (const t of RULE_TIERS) {
        const f = v[t]
        const list: Criterion[] = []
        if (f.people > 0) list.push({ kind: 'certified', certificationId: null, count: f.people })
        for (const id of certificationIds) {
          const n = (f.certs as Record<string, number> | undefined)?.[id] ?? 0
          if (n > 0) list.push({ kind: 'certified', certificationId: id, count: n })
        }
        if (f.revenue > 0) list.push({ kind: 'revenue', amountMinor: f.revenue })
        rules[t] = list
      }
      return { graceDays: v.graceDays, rules }
    })
}
