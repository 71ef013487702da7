// The plans module's public verbs: joint business plans, objectives with live actuals, sign-off.
export { addComment, addInitiative, addObjective, addReview, createPlan, listPlans, PLAN_SORTS, removeInitiative, removeObjective, signPlan, updateObjective, updatePlanDetails, type PlanSort } from './plan.server'
export { actualsOf, differences, getPlan } from './view.server'
export { planPdf } from './pdf.server'
export { plansHome } from './home.server'
export { MEASURE_PROVIDERS, type MeasureProvider } from './plans.measures.server'

import { scopeOf, type Actor } from '../auth/actor'
import { plansOfYear } from './plan.server'

/** A partner's plans of a year with their status (partner 360°, partners list). Vendor staff; [] for others. */
export async function planSummariesFor(actor: Actor, year: number, partnerOrgIds: string[]) {
  if (scopeOf(actor, 'read:plan') !== 'any') return []
  return plansOfYear(actor, year, partnerOrgIds).map((p) => ({ id: p.id, partnerOrgId: p.partnerOrgId, title: p.title, year: p.year, status: p.status, version: p.version }))
}
