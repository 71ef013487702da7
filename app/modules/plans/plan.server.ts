import { and, asc, count, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { businessPlans, planComments, planInitiatives, planObjectives, planReviews, planVersions } from '../../../db/schema/plans'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate, scopeToActor } from '../../kit/paginate'
import { assertSaneAmount } from '../../utils/amount-limits.server'
import { db, preparedQuery, type DbOrTx } from '../../utils/db.server'
import { formatDateTime } from '../../utils/dates'
import { InvalidTransition, NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { contains, inJsonList } from '../../utils/sql'
import { translate } from '../../utils/i18n'
import { parseAmountToMinor } from '../../utils/money'
import { assertCan, can, scopeOf, type Actor } from '../auth/actor'
import { notify } from '../notify/notify.server'
import { activeMembersOf, getOrganisation, organisationNames, userNames, usersHolding } from '../orgs/orgs.server'
import { cancelLinkedEvent, daySpan, upsertLinkedEvent } from '../schedules/schedules.server'
import { MONEY_MEASURES, planMachine, signEventFor, type Measure, type PlanPart, type PlanStatus } from './plans.machine'
import type { InitiativeInput, NewPlanInput, ObjectiveInput, PlanDetailsInput, ReviewInput } from './plans.schema'

export type Plan = typeof businessPlans.$inferSelect
type Objective = typeof planObjectives.$inferSelect
type Initiative = typeof planInitiatives.$inferSelect

/** What a signed version froze: compared with the plan as it is now to show the differences. */
export type PlanSnapshot = {
  title: string
  strengths: string
  weaknesses: string
  opportunities: string
  threats: string
  notes: string
  objectives: Pick<Objective, 'id' | 'measure' | 'title' | 'q1' | 'q2' | 'q3' | 'q4'>[]
  initiatives: Pick<Initiative, 'id' | 'title' | 'owner' | 'startDate' | 'endDate' | 'budgetMinor'>[]
}

export function planLink(id: string) {
  return `/plans/${id}`
}

/** A plan the actor may see: their own organisation's, or any for vendor staff. Else NotFound. */
export function findPlanFor(tx: DbOrTx, actor: Actor, id: string): Plan {
  const row = tx.select().from(businessPlans).where(eq(businessPlans.id, id)).get()
  if (!row) throw new NotFound()
  assertCan(actor, 'read:plan', { orgId: row.partnerOrgId })
  return row
}

/** The side the actor signs and edits for on this plan: the vendor's, the partner's, or none (read only). */
export function partOf(actor: Actor, plan: Pick<Plan, 'partnerOrgId'>): PlanPart | null {
  const scope = scopeOf(actor, 'manage:plan')
  if (scope === 'any') return 'vendor'
  if (scope === 'own_org' && plan.partnerOrgId === actor.orgId) return 'partner'
  return null
}

function planForEditing(ctx: Ctx, actor: Actor, id: string): Plan {
  const plan = findPlanFor(ctx.tx, actor, id)
  if (!partOf(actor, plan)) throw new NotFound()
  assertCan(actor, 'manage:plan', { orgId: plan.partnerOrgId })
  return plan
}

/**
 * Every change to a plan's content goes through here first. A signature given to the earlier text
 * no longer holds: with one signature the plan goes back to draft; a plan both sides signed opens
 * its next version (the signed one stays frozen in plan_versions).
 */
function reopenForEdit(ctx: Ctx, plan: Plan): Plan {
  if (plan.status === 'draft') {
    ctx.tx.update(businessPlans).set({ updatedAt: ctx.now }).where(eq(businessPlans.id, plan.id)).run()
    return plan
  }
  const version = plan.status === 'signed' ? plan.version + 1 : plan.version
  const changes = { status: 'draft' as PlanStatus, version, vendorSignedBy: null, vendorSignedAt: null, partnerSignedBy: null, partnerSignedAt: null, updatedAt: ctx.now }
  ctx.tx.update(businessPlans).set(changes).where(eq(businessPlans.id, plan.id)).run()
  ctx.audit('business_plan', plan.id, plan.status === 'signed' ? 'revised' : 'signature_cleared', { status: plan.status, version: plan.version }, { status: 'draft', version })
  return { ...plan, ...changes }
}

// ---- reading -----------------------------------------------------------------------------

export const PLAN_SORTS = ['year', 'partner', 'status', 'updated'] as const
export type PlanSort = (typeof PLAN_SORTS)[number]

export async function listPlans(actor: Actor, opts: { q?: string; year?: number; partnerOrgId?: string; status?: PlanStatus; sort?: PlanSort; dir?: 'asc' | 'desc'; page?: number } = {}) {
  const tenant = scopeToActor(scopeOf(actor, 'read:plan'), actor)
  const conditions: SQL[] = []
  if (tenant) conditions.push(eq(businessPlans.partnerOrgId, tenant.orgId))
  else if (opts.partnerOrgId) conditions.push(eq(businessPlans.partnerOrgId, opts.partnerOrgId))
  if (opts.year) conditions.push(eq(businessPlans.year, opts.year))
  if (opts.q) conditions.push(contains(businessPlans.title, opts.q))
  if (opts.status) conditions.push(eq(businessPlans.status, opts.status))
  const where = conditions.length ? and(...conditions) : undefined
  const column = { year: businessPlans.year, partner: businessPlans.partnerOrgId, status: businessPlans.status, updated: businessPlans.updatedAt }[opts.sort ?? 'year']
  const page = paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({ id: businessPlans.id, title: businessPlans.title, year: businessPlans.year, status: businessPlans.status, version: businessPlans.version, partnerOrgId: businessPlans.partnerOrgId, updatedAt: businessPlans.updatedAt })
        .from(businessPlans)
        .where(where)
        .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(businessPlans.id))
        .limit(limit)
        .offset(offset)
        .all(),
    count: () => db.select({ n: count() }).from(businessPlans).where(where).get()?.n ?? 0,
  })
  const partners = organisationNames(page.rows.map((r) => r.partnerOrgId))
  return { ...page, rows: page.rows.map((r) => ({ ...r, partnerName: partners.get(r.partnerOrgId)?.name ?? '' })) }
}

export function snapshotOf(tx: DbOrTx, plan: Plan): PlanSnapshot {
  const objectives = tx.select().from(planObjectives).where(eq(planObjectives.planId, plan.id)).orderBy(asc(planObjectives.createdAt), asc(planObjectives.id)).all()
  const initiatives = tx.select().from(planInitiatives).where(eq(planInitiatives.planId, plan.id)).orderBy(asc(planInitiatives.startDate), asc(planInitiatives.id)).all()
  return {
    title: plan.title,
    strengths: plan.strengths,
    weaknesses: plan.weaknesses,
    opportunities: plan.opportunities,
    threats: plan.threats,
    notes: plan.notes,
    objectives: objectives.map(({ id, measure, title, q1, q2, q3, q4 }) => ({ id, measure, title, q1, q2, q3, q4 })),
    initiatives: initiatives.map(({ id, title, owner, startDate, endDate, budgetMinor }) => ({ id, title, owner, startDate, endDate, budgetMinor })),
  }
}

/** The plan's parts for its page, without actuals (plans.actuals.server.ts adds them). */
export function planParts(plan: Plan) {
  const snapshot = snapshotOf(db, plan)
  const objectives = db.select().from(planObjectives).where(eq(planObjectives.planId, plan.id)).orderBy(asc(planObjectives.createdAt), asc(planObjectives.id)).all()
  const initiatives = db.select().from(planInitiatives).where(eq(planInitiatives.planId, plan.id)).orderBy(asc(planInitiatives.startDate), asc(planInitiatives.id)).all()
  const comments = db.select().from(planComments).where(eq(planComments.planId, plan.id)).orderBy(asc(planComments.createdAt)).all()
  const reviews = db.select().from(planReviews).where(eq(planReviews.planId, plan.id)).orderBy(desc(planReviews.heldOn)).all()
  const versions = db.select().from(planVersions).where(eq(planVersions.planId, plan.id)).orderBy(desc(planVersions.version)).all()
  const names = userNames([plan.vendorSignedBy, plan.partnerSignedBy, ...comments.map((c) => c.authorId), ...reviews.map((r) => r.authorId), ...versions.flatMap((v) => [v.vendorSignedBy, v.partnerSignedBy])])
  return { snapshot, objectives, initiatives, comments, reviews, versions, names }
}

// ---- writing -----------------------------------------------------------------------------

export async function createPlan(actor: Actor, input: NewPlanInput, now = Date.now()) {
  const scope = scopeOf(actor, 'manage:plan')
  assertCan(actor, 'manage:plan')
  // a partner admin writes their own organisation's plan; vendor staff choose the partner
  const partnerOrgId = scope === 'any' ? input.partnerOrgId : actor.orgId
  if (!partnerOrgId) throw new ValidationFailed('partnerOrgId', 'errors.required')
  const partner = await getOrganisation(actor, partnerOrgId).catch(() => null)
  if (!partner || partner.kind !== 'partner') throw new ValidationFailed('partnerOrgId', 'plans.errors.notAPartner')
  return mutate(
    actor,
    (ctx) => {
      const taken = ctx.tx.select({ id: businessPlans.id }).from(businessPlans).where(and(eq(businessPlans.partnerOrgId, partnerOrgId), eq(businessPlans.year, input.year))).get()
      if (taken) throw new ValidationFailed('year', 'plans.errors.yearTaken', { year: input.year })
      const row = { id: newId(), partnerOrgId, year: input.year, title: input.title, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
      ctx.tx.insert(businessPlans).values(row).run()
      ctx.audit('business_plan', row.id, 'created', null, { title: row.title, year: row.year })
      notifyOtherSide(ctx, actor, row, 'plan_created', { plan: row.title, partner: partner.name })
      return row
    },
    { now },
  )
}

export async function updatePlanDetails(actor: Actor, id: string, input: PlanDetailsInput, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const fields = ['title', 'strengths', 'weaknesses', 'opportunities', 'threats', 'notes'] as const
      const changed = fields.filter((f) => plan[f] !== input[f])
      if (!changed.length) return
      reopenForEdit(ctx, plan)
      ctx.tx.update(businessPlans).set({ ...input, updatedAt: ctx.now }).where(eq(businessPlans.id, id)).run()
      ctx.audit('business_plan', id, 'details_changed', null, { fields: changed })
    },
    { now },
  )
}

/** A target as typed → integer: minor units for money measures, a whole count otherwise. */
function parseTarget(measure: Measure, raw: string, field: string, currency: string, actor: Actor): number {
  if (measure === 'free_text') return 0
  if ((MONEY_MEASURES as readonly string[]).includes(measure)) {
    const minor = parseAmountToMinor(raw, currency, actor.locale)
    if (minor === null || minor < 0) throw new ValidationFailed(field, 'errors.amount')
    assertSaneAmount(field, minor, currency, actor.locale)
    return minor
  }
  const n = Number(raw.replace(/[.,\s]/g, ''))
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000) throw new ValidationFailed(field, 'errors.number')
  return n
}

export async function addObjective(actor: Actor, id: string, input: ObjectiveInput, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const targets = { q1: parseTarget(input.measure, input.q1, 'q1', plan.currency, actor), q2: parseTarget(input.measure, input.q2, 'q2', plan.currency, actor), q3: parseTarget(input.measure, input.q3, 'q3', plan.currency, actor), q4: parseTarget(input.measure, input.q4, 'q4', plan.currency, actor) }
      reopenForEdit(ctx, plan)
      const row = { id: newId(), planId: id, measure: input.measure, title: input.title, ...targets, createdAt: ctx.now }
      ctx.tx.insert(planObjectives).values(row).run()
      ctx.audit('business_plan', id, 'objective_added', null, { title: row.title, measure: row.measure })
    },
    { now },
  )
}

/** Changes an objective's title and targets (its measure stays: a different measure is a different objective). */
export async function updateObjective(actor: Actor, id: string, objectiveId: string, input: Omit<ObjectiveInput, 'measure'>, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const row = ctx.tx.select().from(planObjectives).where(and(eq(planObjectives.id, objectiveId), eq(planObjectives.planId, id))).get()
      if (!row) throw new NotFound()
      const next = { title: input.title, q1: parseTarget(row.measure, input.q1, 'q1', plan.currency, actor), q2: parseTarget(row.measure, input.q2, 'q2', plan.currency, actor), q3: parseTarget(row.measure, input.q3, 'q3', plan.currency, actor), q4: parseTarget(row.measure, input.q4, 'q4', plan.currency, actor) }
      if (next.title === row.title && next.q1 === row.q1 && next.q2 === row.q2 && next.q3 === row.q3 && next.q4 === row.q4) return
      reopenForEdit(ctx, plan)
      ctx.tx.update(planObjectives).set(next).where(eq(planObjectives.id, objectiveId)).run()
      ctx.audit('business_plan', id, 'objective_changed', { title: row.title, q1: row.q1, q2: row.q2, q3: row.q3, q4: row.q4 }, next)
    },
    { now },
  )
}

export async function removeObjective(actor: Actor, id: string, objectiveId: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const row = ctx.tx.select().from(planObjectives).where(and(eq(planObjectives.id, objectiveId), eq(planObjectives.planId, id))).get()
      if (!row) throw new NotFound()
      reopenForEdit(ctx, plan)
      ctx.tx.delete(planObjectives).where(eq(planObjectives.id, objectiveId)).run()
      ctx.audit('business_plan', id, 'objective_removed', { title: row.title }, null)
    },
    { now },
  )
}

export async function addInitiative(actor: Actor, id: string, input: InitiativeInput, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const budgetMinor = parseAmountToMinor(input.budget, plan.currency, actor.locale)
      if (budgetMinor === null || budgetMinor < 0) throw new ValidationFailed('budget', 'errors.amount')
      assertSaneAmount('budget', budgetMinor, plan.currency, actor.locale)
      reopenForEdit(ctx, plan)
      const row = { id: newId(), planId: id, title: input.title, owner: input.owner, startDate: input.startDate, endDate: input.endDate, budgetMinor, createdAt: ctx.now }
      ctx.tx.insert(planInitiatives).values(row).run()
      ctx.audit('business_plan', id, 'initiative_added', null, { title: row.title })
      // on the calendars of the people involved: the partner's team and the plan's vendor owner
      upsertLinkedEvent(ctx, {
        source: 'plan_initiative',
        sourceId: row.id,
        orgId: plan.partnerOrgId,
        title: { en: translate('en', 'plans.initiative.calendarTitle', { title: row.title }), id: translate('id', 'plans.initiative.calendarTitle', { title: row.title }) },
        ...daySpan(row.startDate, row.endDate),
        timeZone: 'Asia/Jakarta',
        userIds: [...activeMembersOf(plan.partnerOrgId), plan.createdBy],
      })
    },
    { now },
  )
}

export async function removeInitiative(actor: Actor, id: string, initiativeId: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const row = ctx.tx.select().from(planInitiatives).where(and(eq(planInitiatives.id, initiativeId), eq(planInitiatives.planId, id))).get()
      if (!row) throw new NotFound()
      reopenForEdit(ctx, plan)
      ctx.tx.delete(planInitiatives).where(eq(planInitiatives.id, initiativeId)).run()
      ctx.audit('business_plan', id, 'initiative_removed', { title: row.title }, null)
      cancelLinkedEvent(ctx, 'plan_initiative', initiativeId)
    },
    { now },
  )
}

/**
 * One side signs. The second signature freezes the version: its content is stored as it was
 * signed, and later edits open the next version. Signing twice, or a plan that changed to a
 * state where this side has nothing to sign, answers with words.
 */
export async function signPlan(actor: Actor, id: string, now = Date.now()) {
  return mutate(
    actor,
    (ctx) => {
      const plan = planForEditing(ctx, actor, id)
      const part = partOf(actor, plan)!
      const event = signEventFor(plan.status, part)
      if (!event) throw alreadySigned(actor, plan, part)
      const status = planMachine.next(plan.status, event)
      const signature = part === 'vendor' ? { vendorSignedBy: actor.userId, vendorSignedAt: ctx.now } : { partnerSignedBy: actor.userId, partnerSignedAt: ctx.now }
      ctx.tx.update(businessPlans).set({ status, ...signature, updatedAt: ctx.now }).where(eq(businessPlans.id, id)).run()
      const signed = { ...plan, status, ...signature }
      if (status === 'signed') {
        ctx.tx.insert(planVersions).values({ id: newId(), planId: id, version: plan.version, snapshot: snapshotOf(ctx.tx, signed), vendorSignedBy: signed.vendorSignedBy, partnerSignedBy: signed.partnerSignedBy, signedAt: ctx.now }).run()
      }
      ctx.audit('business_plan', id, status === 'signed' ? 'signed' : 'signed_one_side', { status: plan.status }, { status, version: plan.version, side: part })
      notifyOtherSide(ctx, actor, signed, status === 'signed' ? 'plan_signed' : 'plan_awaiting_signature', { plan: plan.title, version: plan.version, by: actor.name })
      return { status, version: plan.version }
    },
    { now },
  )
}

function alreadySigned(actor: Actor, plan: Plan, part: PlanPart) {
  const by = part === 'vendor' ? plan.vendorSignedBy : plan.partnerSignedBy
  const at = part === 'vendor' ? plan.vendorSignedAt : plan.partnerSignedAt
  if (by && at) {
    const who = userNames([by]).get(by) ?? ''
    return new InvalidTransition(plan.status, 'sign', { key: 'plans.errors.alreadySigned', params: { who, at: formatDateTime(at, actor.locale, actor.timeZone) } })
  }
  return new InvalidTransition(plan.status, 'sign', { key: 'plans.errors.cannotSign', params: { status: translate(actor.locale, `plans.status.${plan.status}`) } })
}

export async function addComment(actor: Actor, id: string, body: string, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      const plan = findPlanFor(ctx.tx, actor, id)
      ctx.tx.insert(planComments).values({ id: newId(), planId: id, authorId: actor.userId, body, createdAt: ctx.now }).run()
      ctx.audit('business_plan', id, 'commented', null, null)
      notifyOtherSide(ctx, actor, plan, 'plan_comment', { plan: plan.title, by: actor.name, comment: body.slice(0, 300) })
    },
    { now },
  )
}

/** A quarterly business review: what was discussed and decided. It records a meeting, so it does not reopen the plan. */
export async function addReview(actor: Actor, id: string, input: ReviewInput, now = Date.now()) {
  await mutate(
    actor,
    (ctx) => {
      planForEditing(ctx, actor, id)
      ctx.tx.insert(planReviews).values({ id: newId(), planId: id, quarter: input.quarter, heldOn: input.heldOn, discussed: input.discussed, decisions: input.decisions, authorId: actor.userId, createdAt: ctx.now }).run()
      ctx.audit('business_plan', id, 'review_recorded', null, { quarter: input.quarter, heldOn: input.heldOn })
    },
    { now },
  )
}

/** Tells the other side of the plan: the partner organisation's admins, or the vendor's plan owners. */
function notifyOtherSide(ctx: Ctx, actor: Actor, plan: Pick<Plan, 'id' | 'partnerOrgId'>, kind: string, params: Record<string, string | number>) {
  const vendorSide = scopeOf(actor, 'manage:plan') === 'any'
  const recipients = vendorSide ? usersHolding('manage:plan:own_org', plan.partnerOrgId) : usersHolding('manage:plan:any')
  for (const userId of recipients) if (userId !== actor.userId) notify(ctx, userId, kind, params, planLink(plan.id))
}

/** Plans of the given year for these partners (partners list, 360°, dashboard). Vendor staff. */
export function plansOfYear(actor: Actor, year: number, partnerOrgIds?: string[]) {
  assertCan(actor, 'read:plan')
  const tenant = scopeToActor(scopeOf(actor, 'read:plan'), actor)
  // a partner's own plan (its home page) is one prepared read
  if (tenant && !partnerOrgIds) return ownPlanQuery().all({ orgId: tenant.orgId, year })
  // every plan of the year (the vendor dashboard): prepared as well
  if (!tenant && !partnerOrgIds) return plansOfYearQuery().all({ year })
  const conditions: SQL[] = [eq(businessPlans.year, year)]
  if (tenant) conditions.push(eq(businessPlans.partnerOrgId, tenant.orgId))
  if (partnerOrgIds) conditions.push(inArray(businessPlans.partnerOrgId, partnerOrgIds.length ? partnerOrgIds.slice(0, 500) : ['']))
  return db.select().from(businessPlans).where(and(...conditions)).all()
}

const plansOfYearQuery = preparedQuery((db) => db.select().from(businessPlans).where(eq(businessPlans.year, sql.placeholder('year'))).prepare())
const ownPlanQuery = preparedQuery((db) =>
  db
    .select()
    .from(businessPlans)
    .where(and(eq(businessPlans.year, sql.placeholder('year')), eq(businessPlans.partnerOrgId, sql.placeholder('orgId'))))
    .prepare(),
)
const objectivesOfPlanQuery = preparedQuery((db) => db.select().from(planObjectives).where(eq(planObjectives.planId, sql.placeholder('planId'))).prepare())

const objectivesOfPlansQuery = preparedQuery((db) => db.select().from(planObjectives).where(inJsonList(planObjectives.planId)).prepare())
export function objectivesOfPlans(planIds: string[]) {
  if (!planIds.length) return []
  if (planIds.length === 1) return objectivesOfPlanQuery().all({ planId: planIds[0] })
  return objectivesOfPlansQuery().all({ ids: JSON.stringify(planIds.slice(0, 500)) })
}

export function canEditPlan(actor: Actor, plan: Plan) {
  return partOf(actor, plan) !== null && can(actor, 'manage:plan', { orgId: plan.partnerOrgId })
}
