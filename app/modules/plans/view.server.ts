import type { Sentence } from '../../kit/history.server'
import { db } from '../../utils/db.server'
import { formatMoney } from '../../utils/money'
import { translate } from '../../utils/i18n'
import type { Actor } from '../auth/actor'
import { organisationNames } from '../orgs/orgs.server'
import { canEditPlan, findPlanFor, partOf, planParts, type Plan, type PlanSnapshot } from './plan.server'
import { MONEY_MEASURES, QUARTERS, signEventFor, type Measure, type Progress } from './plans.machine'
import { MEASURE_PROVIDERS } from './plans.measures.server'
import { progressOf, quarterBounds } from './plans.progress'

export type QuarterActual = { quarter: number; target: number; actual: number | null; progress: Progress }

/** Live actuals of one objective, per quarter, from the records themselves (never stored). */
export async function actualsOf(plan: Pick<Plan, 'partnerOrgId' | 'year'>, objective: { measure: Measure; q1: number; q2: number; q3: number; q4: number }, now: number): Promise<QuarterActual[]> {
  return Promise.all(QUARTERS.map((q) => quarterActualOf(plan, objective, q, now)))
}

/** One quarter's actual of one objective (the home page shows only the current quarter's). */
export async function quarterActualOf(plan: Pick<Plan, 'partnerOrgId' | 'year'>, objective: { measure: Measure; q1: number; q2: number; q3: number; q4: number }, q: (typeof QUARTERS)[number], now: number): Promise<QuarterActual> {
  const provider = MEASURE_PROVIDERS[objective.measure]
  const bounds = quarterBounds(plan.year, q)
  const target = objective[`q${q}`]
  // quarters not begun have no actual yet; a measure without a provider is "not available yet"
  const actual = provider ? (now < bounds.from ? 0 : await provider(plan.partnerOrgId, bounds.from, Math.min(bounds.to, now + 1))) : null
  return { quarter: q, target, actual, progress: objective.measure === 'free_text' ? ('no_target' as const) : progressOf(target, actual, bounds, now) }
}

/** One plan's page: its parts, live actuals per objective and quarter, the differences from the last signed version, and what the reader may do. */
export async function getPlan(actor: Actor, id: string, now = Date.now()) {
  const plan = findPlanFor(db, actor, id)
  const parts = planParts(plan)
  const part = partOf(actor, plan)
  const objectives = await Promise.all(parts.objectives.map(async (o) => ({ ...o, money: (MONEY_MEASURES as readonly string[]).includes(o.measure), available: MEASURE_PROVIDERS[o.measure] !== null, quarters: await actualsOf(plan, o, now) })))
  const lastSigned = parts.versions[0]
  const changes = lastSigned && lastSigned.version !== plan.version ? differences(lastSigned.snapshot as PlanSnapshot, parts.snapshot, actor.locale).map((s) => translate(actor.locale, s.key, s.params)) : []
  const editable = canEditPlan(actor, plan)
  const signEvent = part ? signEventFor(plan.status, part) : null
  const n = parts.names
  return {
    plan,
    partnerName: organisationNames([plan.partnerOrgId]).get(plan.partnerOrgId)?.name ?? '',
    vendorSignedByName: plan.vendorSignedBy ? (n.get(plan.vendorSignedBy) ?? null) : null,
    partnerSignedByName: plan.partnerSignedBy ? (n.get(plan.partnerSignedBy) ?? null) : null,
    objectives,
    initiatives: parts.initiatives,
    comments: parts.comments.map((c) => ({ id: c.id, body: c.body, createdAt: c.createdAt, authorName: n.get(c.authorId) ?? null })),
    reviews: parts.reviews.map((r) => ({ ...r, authorName: n.get(r.authorId) ?? null })),
    versions: parts.versions.map((v) => ({ id: v.id, version: v.version, signedAt: v.signedAt, vendorSignedByName: v.vendorSignedBy ? (n.get(v.vendorSignedBy) ?? null) : null, partnerSignedByName: v.partnerSignedBy ? (n.get(v.partnerSignedBy) ?? null) : null })),
    changesSinceSigned: changes,
    lastSignedVersion: lastSigned?.version ?? null,
    permissions: { edit: editable, sign: editable && signEvent !== null, comment: true, review: editable, side: part },
  }
}

/** What changed between a signed version and the plan now, as sentences (content only; actuals are live anyway). */
export function differences(before: PlanSnapshot, after: PlanSnapshot, locale: 'id' | 'en' = 'en'): Sentence[] {
  const out: Sentence[] = []
  for (const field of ['title', 'strengths', 'weaknesses', 'opportunities', 'threats', 'notes'] as const) {
    if (before[field] !== after[field]) out.push({ key: 'plans.diff.text', params: { field: translate(locale, `plans.fields.${field}`) } })
  }
  const money = (m: Measure, v: number) => ((MONEY_MEASURES as readonly string[]).includes(m) ? formatMoney(v, 'IDR', locale) : String(v))
  const old = new Map(before.objectives.map((o) => [o.id, o]))
  const now = new Map(after.objectives.map((o) => [o.id, o]))
  for (const o of after.objectives) {
    const was = old.get(o.id)
    if (!was) {
      out.push({ key: 'plans.diff.objectiveAdded', params: { title: o.title } })
      continue
    }
    if (was.title !== o.title) out.push({ key: 'plans.diff.objectiveRenamed', params: { from: was.title, to: o.title } })
    for (const q of QUARTERS) {
      const k = `q${q}` as const
      if (was[k] !== o[k]) out.push({ key: 'plans.diff.target', params: { title: o.title, quarter: q, from: money(o.measure, was[k]), to: money(o.measure, o[k]) } })
    }
  }
  for (const o of before.objectives) if (!now.has(o.id)) out.push({ key: 'plans.diff.objectiveRemoved', params: { title: o.title } })
  const oldI = new Map(before.initiatives.map((i) => [i.id, i]))
  const nowI = new Set(after.initiatives.map((i) => i.id))
  for (const i of after.initiatives) {
    const was = oldI.get(i.id)
    if (!was) out.push({ key: 'plans.diff.initiativeAdded', params: { title: i.title } })
    else if (was.title !== i.title || was.owner !== i.owner || was.startDate !== i.startDate || was.endDate !== i.endDate || was.budgetMinor !== i.budgetMinor) out.push({ key: 'plans.diff.initiativeChanged', params: { title: i.title } })
  }
  for (const i of before.initiatives) if (!nowI.has(i.id)) out.push({ key: 'plans.diff.initiativeRemoved', params: { title: i.title } })
  return out
}
