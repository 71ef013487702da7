import { and, asc, count, desc, eq, gte, inArray, isNotNull, lt, sql, sum, type AnyColumn, type SQL } from 'drizzle-orm'
import { accounts, activities, opportunities, opportunityMonthTotals, opportunityPartnerTotals, opportunityStageTotals, pipelineStages, pipelines } from '../../../db/schema/crm'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { paginate } from '../../kit/paginate'
import { db, preparedQuery, type DbOrTx } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { assertSaneAmount } from '../../utils/amount-limits.server'
import { isCurrencyCode, parseAmountToMinor } from '../../utils/money'
import type { Locale } from '../../utils/i18n'
import { contains } from '../../utils/sql'
import { changedFields } from '../audit/audit.server'
import { assertCan, type Actor } from '../auth/actor'
import { organisationNames } from '../orgs/orgs.server'
import { assertCrmRead, assertCrmRecord, assertCrmWrite } from './access.server'
import type { OpportunityInput } from './crm.schema'

export type Opportunity = typeof opportunities.$inferSelect

// ---- pipelines -------------------------------------------------------------------------

/** A stage's name in the reader's language: the English name for English readers where one is given. */
export function stageLabel(locale: Locale) {
  return locale === 'en' ? sql<string>`coalesce(${pipelineStages.nameEn}, ${pipelineStages.name})` : pipelineStages.name
}

function localStage<S extends { name: string; nameEn: string | null }>(stage: S, locale: Locale): S {
  return locale === 'en' && stage.nameEn ? { ...stage, name: stage.nameEn } : stage
}

const pipelinesQuery = preparedQuery((db) => db.select().from(pipelines).orderBy(desc(pipelines.isDefault), asc(pipelines.name)).prepare())
const stagesQuery = preparedQuery((db) => db.select().from(pipelineStages).orderBy(asc(pipelineStages.position)).prepare())
export async function listPipelines(actor: Actor) {
  assertCrmRead(actor)
  const all = pipelinesQuery().all()
  const stages = stagesQuery().all()
  return all.map((p) => ({ ...p, stages: stages.filter((s) => s.pipelineId === p.id).map((s) => localStage(s, actor.locale)) }))
}

function totalsByCurrency(rows: { amountMinor: number; currency: string }[]) {
  const out = new Map<string, number>()
  for (const r of rows) out.set(r.currency, (out.get(r.currency) ?? 0) + r.amountMinor)
  return [...out.entries()].map(([currency, amountMinor]) => ({ currency, amountMinor }))
}

export async function getPipelineBoard(actor: Actor, pipelineId: string) {
  assertCrmRecord(actor)
  const pipeline = db.select().from(pipelines).where(eq(pipelines.id, pipelineId)).get()
  if (!pipeline) throw new NotFound()
  const stages = db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipelineId)).orderBy(asc(pipelineStages.position)).all().map((s) => localStage(s, actor.locale))
  const opps = db
    .select({ id: opportunities.id, name: opportunities.name, stageId: opportunities.stageId, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, accountName: accounts.name, source: opportunities.source })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .where(eq(opportunities.pipelineId, pipelineId))
    .orderBy(desc(opportunities.amountMinor))
    .all()
  // a board shows the 50 largest per stage; the list view pages through the rest
  return {
    pipeline,
    stages: stages.map((s) => {
      const inStage = opps.filter((o) => o.stageId === s.id)
      return { ...s, count: inStage.length, opportunities: inStage.slice(0, 50), totals: totalsByCurrency(inStage) }
    }),
  }
}

/** Every pipeline with its stages' counts and IDR totals, and the open pipeline overall: the dashboard's charts. */
const stageTotalsQuery = preparedQuery((db) =>
  db.select({ stageId: opportunityStageTotals.stageId, n: opportunityStageTotals.n, amountMinor: opportunityStageTotals.amountMinor }).from(opportunityStageTotals).where(eq(opportunityStageTotals.currency, 'IDR')).prepare(),
)
export async function pipelineSummaries(actor: Actor) {
  assertCrmRead(actor)
  // the maintained totals (a few rows), not a SUM over every opportunity
  const byStage = stageTotalsQuery().all()
  const totals = new Map(byStage.map((r) => [r.stageId, { n: r.n, amountMinor: Number(r.amountMinor ?? 0) }]))
  const all = await listPipelines(actor)
  const summaries = all.map((p) => ({
    id: p.id,
    name: p.name,
    stages: p.stages.map((s) => ({ stageId: s.id, name: s.name, position: s.position, isClosed: s.isClosed, n: totals.get(s.id)?.n ?? 0, amountMinor: totals.get(s.id)?.amountMinor ?? 0 })),
  }))
  const open = summaries.flatMap((p) => p.stages).filter((s) => !s.isClosed)
  return { pipelines: summaries, openOpportunities: open.reduce((a, s) => a + s.n, 0), openPipelineIdr: open.reduce((a, s) => a + s.amountMinor, 0) }
}

// ---- opportunities ---------------------------------------------------------------------

export const OPPORTUNITY_SORTS = ['name', 'amount', 'expectedClose', 'updatedAt'] as const
export type OpportunitySort = (typeof OPPORTUNITY_SORTS)[number]

export async function listOpportunities(actor: Actor, opts: { q?: string; pipelineId?: string; source?: 'direct' | 'partner'; accountId?: string; sort?: OpportunitySort; dir?: 'asc' | 'desc'; page?: number }) {
  assertCrmRead(actor)
  const conditions: SQL[] = []
  if (opts.q) conditions.push(sql`(${contains(opportunities.name, opts.q)} OR ${contains(accounts.name, opts.q)})`)
  if (opts.pipelineId) conditions.push(eq(opportunities.pipelineId, opts.pipelineId))
  if (opts.source) conditions.push(eq(opportunities.source, opts.source))
  if (opts.accountId) conditions.push(eq(opportunities.accountId, opts.accountId))
  const where = conditions.length ? and(...conditions) : undefined
  const column = { name: opportunities.name, amount: opportunities.amountMinor, expectedClose: opportunities.expectedCloseDate, updatedAt: opportunities.updatedAt }[opts.sort ?? 'updatedAt']
  return paginate(opts, {
    rows: (limit, offset) =>
      db
        .select({ id: opportunities.id, name: opportunities.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, expectedCloseDate: opportunities.expectedCloseDate, source: opportunities.source, accountId: accounts.id, accountName: accounts.name, stageName: stageLabel(actor.locale), pipelineName: pipelines.name })
        .from(opportunities)
        .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
        .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
        .innerJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
        .where(where)
        .orderBy(opts.dir === 'asc' ? asc(column) : desc(column), asc(opportunities.id))
        .limit(limit)
        .offset(offset)
        .all(),
    count: () => db.select({ n: count() }).from(opportunities).innerJoin(accounts, eq(accounts.id, opportunities.accountId)).where(where).get()?.n ?? 0,
  })
}

export async function getOpportunity(actor: Actor, id: string) {
  assertCrmRecord(actor)
  const row = db
    .select({ opportunity: opportunities, accountName: accounts.name, stageName: stageLabel(actor.locale), pipelineName: pipelines.name })
    .from(opportunities)
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .innerJoin(pipelines, eq(pipelines.id, opportunities.pipelineId))
    .where(eq(opportunities.id, id))
    .get()
  if (!row) throw new NotFound()
  const partnerId = row.opportunity.partnerOrgId
  const stages = db.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, row.opportunity.pipelineId)).orderBy(asc(pipelineStages.position)).all()
  const acts = db.select().from(activities).where(and(eq(activities.entityType, 'opportunity'), eq(activities.entityId, id))).orderBy(desc(activities.createdAt)).limit(50).all()
  return { ...row, partnerName: partnerId ? (organisationNames([partnerId]).get(partnerId)?.name ?? null) : null, stages, activities: acts }
}

type Counted = { stageId: string; currency: string; amountMinor: number; partnerOrgId: string | null | undefined; createdAt: number; closedAt?: number | null }

/** The month an opportunity was created in, Jakarta time (UTC+7): the key of the monthly totals. */
export function createdMonth(ms: number) {
  return new Date(ms + 7 * 3_600_000).toISOString().slice(0, 7)
}

/**
 * Keeps the maintained totals equal to the opportunities: per stage and currency
 * (opportunity_stage_totals), per source, stage and currency with the sales cycle
 * (opportunity_partner_totals) and per creation month and source (opportunity_month_totals).
 * Every write of an opportunity calls this in its own transaction, `-1` for the row as it was,
 * `+1` for the row as it is.
 */
export function countInStageTotals(tx: DbOrTx, row: Counted, sign: 1 | -1) {
  tx.insert(opportunityStageTotals)
    .values({ stageId: row.stageId, currency: row.currency, n: sign, amountMinor: sign * row.amountMinor })
    .onConflictDoUpdate({
      target: [opportunityStageTotals.stageId, opportunityStageTotals.currency],
      set: { n: sql`${opportunityStageTotals.n} + ${sign}`, amountMinor: sql`${opportunityStageTotals.amountMinor} + ${sign * row.amountMinor}` },
    })
    .run()
  const partnerKey = row.partnerOrgId ?? ''
  const cycle = row.closedAt ? sign * Math.max(0, row.closedAt - row.createdAt) : 0
  tx.insert(opportunityPartnerTotals)
    .values({ partnerKey, stageId: row.stageId, currency: row.currency, n: sign, amountMinor: sign * row.amountMinor, cycleMs: cycle })
    .onConflictDoUpdate({
      target: [opportunityPartnerTotals.partnerKey, opportunityPartnerTotals.stageId, opportunityPartnerTotals.currency],
      set: { n: sql`${opportunityPartnerTotals.n} + ${sign}`, amountMinor: sql`${opportunityPartnerTotals.amountMinor} + ${sign * row.amountMinor}`, cycleMs: sql`${opportunityPartnerTotals.cycleMs} + ${cycle}` },
    })
    .run()
  tx.insert(opportunityMonthTotals)
    .values({ month: createdMonth(row.createdAt), partnerKey, currency: row.currency, n: sign, amountMinor: sign * row.amountMinor })
    .onConflictDoUpdate({
      target: [opportunityMonthTotals.month, opportunityMonthTotals.partnerKey, opportunityMonthTotals.currency],
      set: { n: sql`${opportunityMonthTotals.n} + ${sign}`, amountMinor: sql`${opportunityMonthTotals.amountMinor} + ${sign * row.amountMinor}` },
    })
    .run()
}

function resolveOpportunityInput(tx: DbOrTx, input: OpportunityInput, locale: Actor['locale']) {
  if (!isCurrencyCode(input.currency)) throw new ValidationFailed('currency', 'errors.currency')
  const amountMinor = parseAmountToMinor(input.amount, input.currency, locale)
  if (amountMinor === null) throw new ValidationFailed('amount', 'errors.amount')
  assertSaneAmount('amount', amountMinor, input.currency, locale)
  if (!tx.select({ id: accounts.id }).from(accounts).where(eq(accounts.id, input.accountId)).get()) throw new ValidationFailed('accountId', 'errors.accountUnknown')
  const pipeline = tx.select().from(pipelines).where(eq(pipelines.id, input.pipelineId)).get()
  if (!pipeline) throw new ValidationFailed('pipelineId', 'errors.pipelineUnknown')
  const stages = tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline.id)).orderBy(asc(pipelineStages.position)).all()
  const stage = input.stageId ? stages.find((s) => s.id === input.stageId) : stages[0]
  if (!stage) throw new ValidationFailed('stageId', 'errors.stageUnknown')
  return { name: input.name, accountId: input.accountId, pipelineId: pipeline.id, stageId: stage.id, amountMinor, currency: input.currency, expectedCloseDate: input.expectedCloseDate }
}

/** closed_at follows the stage: the moment it entered its closed stage (won or lost), kept while it stays there, null while open. */
function closedAtFor(tx: DbOrTx, stageId: string, before: { stageId: string; closedAt: number | null } | null, now: number): number | null {
  const stage = tx.select({ isClosed: pipelineStages.isClosed }).from(pipelineStages).where(eq(pipelineStages.id, stageId)).get()
  if (!stage?.isClosed) return null
  return before && before.stageId === stageId && before.closedAt !== null ? before.closedAt : now
}

export async function createOpportunity(actor: Actor, input: OpportunityInput) {
  assertCrmWrite(actor)
  return mutate(actor, (ctx) => {
    const values = resolveOpportunityInput(ctx.tx, input, actor.locale)
    const row = { id: newId(), ...values, ownerId: actor.userId, source: 'direct' as const, partnerOrgId: null, closedAt: closedAtFor(ctx.tx, values.stageId, null, ctx.now), createdAt: ctx.now, updatedAt: ctx.now }
    ctx.tx.insert(opportunities).values(row).run()
    countInStageTotals(ctx.tx, row, 1)
    ctx.audit('opportunity', row.id, 'created', null, { name: row.name, amountMinor: row.amountMinor, currency: row.currency, stageId: row.stageId })
    return row
  })
}

export async function updateOpportunity(actor: Actor, id: string, input: OpportunityInput) {
  assertCrmWrite(actor, true)
  await mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(opportunities).where(eq(opportunities.id, id)).get()
    if (!before) throw new NotFound()
    const values = resolveOpportunityInput(ctx.tx, { ...input, stageId: input.stageId || before.stageId }, actor.locale)
    const closedAt = closedAtFor(ctx.tx, values.stageId, before, ctx.now)
    ctx.tx.update(opportunities).set({ ...values, closedAt, updatedAt: ctx.now }).where(eq(opportunities.id, id)).run()
    if (before.stageId !== values.stageId || before.currency !== values.currency || before.amountMinor !== values.amountMinor) {
      countInStageTotals(ctx.tx, before, -1)
      countInStageTotals(ctx.tx, { ...before, ...values, closedAt }, 1)
    }
    const diff = changedFields(before, values)
    if (diff.changed) ctx.audit('opportunity', id, 'updated', diff.before, diff.after)
  })
}

/** Moves an opportunity to another stage of its own pipeline. */
export async function moveOpportunityStage(actor: Actor, id: string, stageId: string) {
  assertCrmWrite(actor, true)
  await mutate(actor, (ctx) => {
    const before = ctx.tx.select().from(opportunities).where(eq(opportunities.id, id)).get()
    if (!before) throw new NotFound()
    const stage = ctx.tx.select().from(pipelineStages).where(and(eq(pipelineStages.id, stageId), eq(pipelineStages.pipelineId, before.pipelineId))).get()
    if (!stage) throw new ValidationFailed('stageId', 'errors.stageUnknown')
    if (stage.id === before.stageId) return
    const closedAt = closedAtFor(ctx.tx, stageId, before, ctx.now)
    ctx.tx.update(opportunities).set({ stageId, closedAt, updatedAt: ctx.now }).where(eq(opportunities.id, id)).run()
    countInStageTotals(ctx.tx, before, -1)
    countInStageTotals(ctx.tx, { ...before, stageId, closedAt }, 1)
    ctx.audit('opportunity', id, 'stage_changed', { stageId: before.stageId }, { stageId })
  })
}

/** A partner-sourced opportunity at the first stage of a pipeline, for deal conversion (caller's transaction). */
export function partnerOpportunityForConversion(
  ctx: Ctx,
  input: { registrationId: string; name: string; accountId: string; pipelineId: string; amountMinor: number; currency: string; expectedCloseDate: string | null; partnerOrgId: string },
) {
  const { tx, now } = ctx
  const pipeline = tx.select().from(pipelines).where(eq(pipelines.id, input.pipelineId)).get()
  if (!pipeline) throw new ValidationFailed('pipelineId', 'errors.pipelineUnknown')
  const firstStage = tx.select().from(pipelineStages).where(eq(pipelineStages.pipelineId, pipeline.id)).orderBy(asc(pipelineStages.position)).get()
  if (!firstStage) throw new ValidationFailed('pipelineId', 'errors.stageUnknown')
  const opportunity = { id: newId(), name: input.name, accountId: input.accountId, pipelineId: pipeline.id, stageId: firstStage.id, amountMinor: input.amountMinor, currency: input.currency, expectedCloseDate: input.expectedCloseDate, ownerId: ctx.actor?.userId ?? null, source: 'partner' as const, partnerOrgId: input.partnerOrgId, createdAt: now, updatedAt: now }
  tx.insert(opportunities).values(opportunity).run()
  countInStageTotals(tx, opportunity, 1)
  ctx.audit('opportunity', opportunity.id, 'created', null, { name: opportunity.name, fromRegistration: input.registrationId, partnerOrgId: input.partnerOrgId })
  return opportunity
}

/** Open opportunities on these accounts, for the deal conflict check: the vendor may already be selling there. */
export function openOpportunitiesOnAccounts(accountIds: string[]) {
  if (accountIds.length === 0) return []
  return db
    .select({ id: opportunities.id, name: opportunities.name, accountId: opportunities.accountId, partnerOrgId: opportunities.partnerOrgId, stage: pipelineStages.name })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(and(inArray(opportunities.accountId, accountIds.slice(0, 500)), eq(pipelineStages.isClosed, false)))
    .all()
}

/** What a partner may know of an opportunity converted from their registration: stage and outcome, not notes or owner. */
export function opportunityOutcome(opportunityId: string, locale: Locale) {
  const row = db
    .select({ id: opportunities.id, name: opportunities.name, stageName: stageLabel(locale), isClosed: pipelineStages.isClosed, isWon: pipelineStages.isWon, amountMinor: opportunities.amountMinor, currency: opportunities.currency })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(eq(opportunities.id, opportunityId))
    .get()
  return row ? { ...row, outcome: row.isWon ? ('won' as const) : row.isClosed ? ('lost' as const) : ('open' as const) } : null
}

/** The count and IDR value of opportunities a partner brought in (their home page). */
export async function partnerSourcedTotals(actor: Actor, partnerOrgId: string) {
  assertCan(actor, 'read:deal_registration', { orgId: partnerOrgId })
  const row = sourcedTotalsQuery().get({ partnerOrgId })
  return { n: row?.n ?? 0, amountMinor: Number(row?.amount ?? 0) }
}

// the partner home's and business plans' reads, built once (issue 10)
// from the maintained per-partner totals (one row per stage), not a count over the partner's opportunities:
// 61,713 of them made the whale's home grow 2.4× per 10× data from M to L (bench 2026-12-04)
const sourcedTotalsQuery = preparedQuery((db) =>
  db
    .select({ n: sql<number>`coalesce(sum(${opportunityPartnerTotals.n}), 0)`.mapWith(Number), amount: sum(opportunityPartnerTotals.amountMinor) })
    .from(opportunityPartnerTotals)
    .where(and(eq(opportunityPartnerTotals.partnerKey, sql.placeholder('partnerOrgId')), eq(opportunityPartnerTotals.currency, 'IDR')))
    .prepare(),
)
const wonBetweenQuery = preparedQuery((db) =>
  db
    .select({ amount: sum(opportunities.amountMinor) })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(
      and(
        eq(opportunities.partnerOrgId, sql.placeholder('partnerOrgId')),
        gte(opportunities.closedAt, sql.placeholder('from')),
        lt(opportunities.closedAt, sql.placeholder('to')),
        eq(pipelineStages.isWon, true),
        eq(opportunities.currency, sql.placeholder('currency')),
      ),
    )
    .prepare(),
)
const createdBetweenQuery = preparedQuery((db) =>
  db
    .select({ amount: sum(opportunities.amountMinor) })
    .from(opportunities)
    .where(and(eq(opportunities.partnerOrgId, sql.placeholder('partnerOrgId')), gte(opportunities.createdAt, sql.placeholder('from')), lt(opportunities.createdAt, sql.placeholder('to')), eq(opportunities.currency, sql.placeholder('currency'))))
    .prepare(),
)

/**
 * Closed-won IDR value of partner-sourced opportunities per partner since a time (the tier engine's
 * trailing twelve months), counted from when each reached its closed stage (`closed_at`, as the plans'
 * revenue measure counts it). The range on (partner_org_id, closed_at) keeps a whale partner's home
 * from reading every one of its thousands of opportunities (11 ms at M before, when it filtered on
 * the last change).
 */
export function partnerWonRevenueSince(sinceMs: number, partnerOrgIds?: string[]): Map<string, number> {
  const conditions = [eq(pipelineStages.isWon, true), eq(opportunities.currency, 'IDR'), gte(opportunities.closedAt, sinceMs), isNotNull(opportunities.partnerOrgId)]
  if (partnerOrgIds) conditions.push(inArray(opportunities.partnerOrgId, partnerOrgIds))
  const rows = db
    .select({ orgId: opportunities.partnerOrgId, amount: sum(opportunities.amountMinor) })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .where(and(...conditions))
    .groupBy(opportunities.partnerOrgId)
    .all()
  return new Map(rows.map((r) => [r.orgId!, Number(r.amount ?? 0)]))
}

/** partnerWonRevenueSince for one partner (its home's tier progress). */
export function partnerWonRevenueOf(partnerOrgId: string, sinceMs: number): number {
  return Number(wonBetweenQuery().get({ partnerOrgId, from: sinceMs, to: Number.MAX_SAFE_INTEGER, currency: 'IDR' })?.amount ?? 0)
}

/** Stage names by id, for history sentences. */
export function stageNames(ids: string[], locale: Locale): Map<string, string> {
  if (!ids.length) return new Map()
  return new Map(db.select({ id: pipelineStages.id, name: stageLabel(locale) }).from(pipelineStages).where(inArray(pipelineStages.id, ids)).all().map((s) => [s.id, s.name]))
}

/** IDR value of a partner's opportunities won (closed in a won stage) in [fromMs, toMs): business plans' actuals. */
export async function partnerRevenueWon(partnerOrgId: string, fromMs: number, toMs: number, currency = 'IDR'): Promise<number> {
  return Number(wonBetweenQuery().get({ partnerOrgId, from: fromMs, to: toMs, currency })?.amount ?? 0)
}

/** IDR value of the opportunities a partner brought in during [fromMs, toMs): business plans' actuals. */
export async function partnerPipelineCreated(partnerOrgId: string, fromMs: number, toMs: number, currency = 'IDR'): Promise<number> {
  return Number(createdBetweenQuery().get({ partnerOrgId, from: fromMs, to: toMs, currency })?.amount ?? 0)
}

/** A partner's opportunities, newest first, for the partner 360° page (vendor staff). */
export async function opportunitiesOfPartner(actor: Actor, partnerOrgId: string, limit = 25) {
  assertCrmRead(actor)
  return db
    .select({ id: opportunities.id, name: opportunities.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, stageName: pipelineStages.name, isClosed: pipelineStages.isClosed, isWon: pipelineStages.isWon, accountName: accounts.name, createdAt: opportunities.createdAt, closedAt: opportunities.closedAt })
    .from(opportunities)
    .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
    .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
    .where(eq(opportunities.partnerOrgId, partnerOrgId))
    .orderBy(desc(opportunities.createdAt))
    .limit(limit)
    .all()
}

/**
 * Every opportunity of a source, in pages, for streamed CSV exports: keyset pagination over the
 * primary key, so a million rows stream in constant memory.
 */
export function* opportunityRowsForExport(actor: Actor, opts: { source?: 'partner' | 'direct'; partnerOrgId?: string; batch?: number } = {}) {
  assertCrmRead(actor)
  const batch = opts.batch ?? 2000
  let after = ''
  for (;;) {
    const conditions: SQL[] = [sql`${opportunities.id} > ${after}`]
    if (opts.source) conditions.push(eq(opportunities.source, opts.source))
    if (opts.partnerOrgId) conditions.push(eq(opportunities.partnerOrgId, opts.partnerOrgId))
    const rows = db
      .select({ id: opportunities.id, name: opportunities.name, accountName: accounts.name, stageName: pipelineStages.name, amountMinor: opportunities.amountMinor, currency: opportunities.currency, source: opportunities.source, partnerOrgId: opportunities.partnerOrgId, expectedCloseDate: opportunities.expectedCloseDate, createdAt: opportunities.createdAt, closedAt: opportunities.closedAt })
      .from(opportunities)
      .innerJoin(accounts, eq(accounts.id, opportunities.accountId))
      .innerJoin(pipelineStages, eq(pipelineStages.id, opportunities.stageId))
      .where(and(...conditions))
      .orderBy(asc(opportunities.id))
      .limit(batch)
      .all()
    if (!rows.length) return
    yield rows
    after = rows[rows.length - 1].id
  }
}

/**
 * The maintained totals summed per stage and source (partner-sourced or direct) in SQL: one row
 * per stage and side, whatever the number of partners. `partnerKeys` limits the partner side to
 * some partners (a region), and then leaves direct business out.
 */
export async function sourceStageTotals(actor: Actor, opts: { partnerKeys?: string[]; currency?: string } = {}) {
  assertCrmRead(actor)
  const t = opportunityPartnerTotals
  const conditions: SQL[] = [eq(t.currency, opts.currency ?? 'IDR')]
  if (opts.partnerKeys) conditions.push(opts.partnerKeys.length ? inArray(t.partnerKey, opts.partnerKeys.slice(0, 30_000)) : sql`0`)
  return db
    .select({ stageId: t.stageId, partner: sql<number>`${t.partnerKey} <> ''`.mapWith(Number), n: sql<number>`sum(${t.n})`.mapWith(Number), amountMinor: sql<number>`sum(${t.amountMinor})`.mapWith(Number), cycleMs: sql<number>`sum(${t.cycleMs})`.mapWith(Number) })
    .from(t)
    .where(and(...conditions))
    .groupBy(t.stageId, sql`2`)
    .all()
}

/** Per partner: open, won and lost counts and sums and the won sales cycle, summed in SQL (one row per partner). */
export async function partnerOutcomeTotals(actor: Actor, opts: { partnerKeys?: string[]; currency?: string } = {}) {
  assertCrmRead(actor)
  const t = opportunityPartnerTotals
  const s = pipelineStages
  const conditions: SQL[] = [eq(t.currency, opts.currency ?? 'IDR'), sql`${t.partnerKey} <> ''`]
  if (opts.partnerKeys) conditions.push(opts.partnerKeys.length ? inArray(t.partnerKey, opts.partnerKeys.slice(0, 30_000)) : sql`0`)
  const when = (cond: SQL, col: SQL | AnyColumn) => sql<number>`coalesce(sum(CASE WHEN ${cond} THEN ${col} ELSE 0 END), 0)`.mapWith(Number)
  const open = sql`${s.isClosed} = 0`
  const won = sql`${s.isWon} = 1`
  const lost = sql`${s.isClosed} = 1 AND ${s.isWon} = 0`
  return db
    .select({
      partnerKey: t.partnerKey,
      openN: when(open, t.n),
      openAmount: when(open, t.amountMinor),
      wonN: when(won, t.n),
      wonAmount: when(won, t.amountMinor),
      wonCycleMs: when(won, t.cycleMs),
      lostN: when(lost, t.n),
    })
    .from(t)
    .innerJoin(s, eq(s.id, t.stageId))
    .where(and(...conditions))
    .groupBy(t.partnerKey)
    .all()
}

/** Pipeline created per month and side (partner-sourced or direct), summed in SQL; `partnerKeys` as above. */
export async function sourceMonthTotals(actor: Actor, fromMonth: string, toMonth: string, opts: { partnerKeys?: string[]; currency?: string } = {}) {
  assertCrmRead(actor)
  const t = opportunityMonthTotals
  const conditions: SQL[] = [eq(t.currency, opts.currency ?? 'IDR'), gte(t.month, fromMonth), sql`${t.month} <= ${toMonth}`]
  if (opts.partnerKeys) conditions.push(opts.partnerKeys.length ? inArray(t.partnerKey, opts.partnerKeys.slice(0, 30_000)) : sql`0`)
  return db
    .select({ month: t.month, partner: sql<number>`${t.partnerKey} <> ''`.mapWith(Number), n: sql<number>`sum(${t.n})`.mapWith(Number), amountMinor: sql<number>`sum(${t.amountMinor})`.mapWith(Number) })
    .from(t)
    .where(and(...conditions))
    .groupBy(t.month, sql`2`)
    .all()
}

/**
 * A fingerprint of the maintained stage totals (a few dozen rows): it changes with every opportunity
 * created, moved, re-valued or re-priced, so a report computed from the totals can be kept until it does.
 */
export async function opportunityTotalsVersion(actor: Actor): Promise<string> {
  assertCrmRead(actor)
  const row = db.get<{ v: string | null }>(sql`SELECT group_concat(${opportunityStageTotals.stageId} || ':' || ${opportunityStageTotals.currency} || ':' || ${opportunityStageTotals.n} || ':' || ${opportunityStageTotals.amountMinor}, ',') AS v FROM (SELECT * FROM ${opportunityStageTotals} ORDER BY ${opportunityStageTotals.stageId}, ${opportunityStageTotals.currency}) AS ${opportunityStageTotals}`)
  return row?.v ?? ''
}
