import { scopeOf, type Actor } from '../auth/actor'
import { objectivesOfPlans, plansOfYear } from './plan.server'
import type { Measure } from './plans.machine'
import { MEASURE_PROVIDERS } from './plans.measures.server'
import { quarterBounds, quarterOf } from './plans.progress'
import type { PartnerHome, VendorHome } from './plans-home'
import { quarterActualOf } from './view.server'

const HEADLINE: Measure[] = ['revenue_won', 'pipeline_created', 'registrations_approved']

/**
 * The home page's plan section. A partner sees their organisation's plan for this year and how
 * this quarter goes; vendor staff see this quarter's targets of every plan against the actuals.
 */
export async function plansHome(actor: Actor, now = Date.now()): Promise<PartnerHome | VendorHome | null> {
  const scope = scopeOf(actor, 'read:plan')
  if (!scope) return null
  const { year, quarter } = quarterOf(now)
  const plans = plansOfYear(actor, year)
  if (scope !== 'any') {
    const plan = plans[0]
    if (!plan) return { kind: 'partner', year, quarter, plan: null, objectives: [] }
    const objectives = objectivesOfPlans([plan.id]).filter((o) => o.measure !== 'free_text')
    const rows = await Promise.all(objectives.map(async (o) => ({ id: o.id, title: o.title, measure: o.measure, ...(await quarterActualOf(plan, o, quarter, now)) })))
    return { kind: 'partner' as const, year, quarter, plan: { id: plan.id, title: plan.title, status: plan.status }, objectives: rows }
  }
  const bounds = quarterBounds(year, quarter)
  const objectives = objectivesOfPlans(plans.map((p) => p.id))
  const partnerOf = new Map(plans.map((p) => [p.id, p.partnerOrgId]))
  const totals = await Promise.all(
    HEADLINE.map(async (measure) => {
      const mine = objectives.filter((o) => o.measure === measure)
      const target = mine.reduce((s, o) => s + o[`q${quarter}`], 0)
      // each partner with a target on this measure counted once, whatever the number of objectives
      const partners = [...new Set(mine.map((o) => partnerOf.get(o.planId)!))]
      const provider = MEASURE_PROVIDERS[measure]!
      const actual = (await Promise.all(partners.map((org) => provider(org, bounds.from, Math.min(bounds.to, now + 1))))).reduce((s, n) => s + n, 0)
      return { measure, target, actual, money: measure !== 'registrations_approved' }
    }),
  )
  return { kind: 'vendor' as const, year, quarter, total: plans.length, signed: plans.filter((p) => p.status === 'signed').length, totals }
}
