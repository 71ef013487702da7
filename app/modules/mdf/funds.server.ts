// Funds (a budget per period) and allocations (each partner's share of one), set by hand, by the
// tier rule or by accrual on closed-won partner-sourced revenue. Amounts live in the ledger.
import { and, asc, count, desc, eq, isNull, lte, sql } from 'drizzle-orm'
import { mdfAllocations, mdfFunds, mdfLedger } from '../../../db/schema/mdf'
import { mutate, type Ctx } from '../../kit/mutate.server'
import { db, preparedQuery } from '../../utils/db.server'
import { NotFound, ValidationFailed } from '../../utils/errors'
import { newId } from '../../utils/ids'
import { assertCan, scopeOf, type Actor } from '../auth/actor'
import { partnerRevenueWon } from '../crm/crm.server'
import { notify } from '../notify/notify.server'
import { activeMembersOf, organisationNames, partnerTiers, usersHolding } from '../orgs/orgs.server'
import { balancesByOrg, balancesOf, fundBalances, writeEntry } from './ledger.server'
import type { Balances, PeriodType } from './mdf.machine'

export type Fund = typeof mdfFunds.$inferSelect

/** Today's date in Jakarta (UTC+7, no daylight saving): the calendar funds and deadlines are kept in. */
export function jakartaToday(now = Date.now()): string {
  return new Date(now + 7 * 3_600_000).toISOString().slice(0, 10)
}

/** The first millisecond of a Jakarta calendar day. */
export function jakartaMidnight(date: string): number {
  return Date.parse(`${date}T00:00:00+07:00`)
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10)
}

/** First and last day of a period: quarter 1–4, half 1–2, or the year. */
export function periodDates(type: PeriodType, year: number, part: number): { start: string; end: string } {
  const months = type === 'quarter' ? 3 : type === 'half' ? 6 : 12
  const firstMonth = type === 'year' ? 0 : (part - 1) * months
  const start = new Date(Date.UTC(year, firstMonth, 1))
  const end = new Date(Date.UTC(year, firstMonth + months, 0))
  return { start: start.toISOString().slice(0, 10), end: end.toISOString().slice(0, 10) }
}

export type FundInput = {
  name: string
  periodType: PeriodType
  year: number
  part: number
  currency: string
  budgetMinor: number
  maxSharePct: number
  claimDeadlineDays: number
  accrualBps: number | null
  tierAmounts: Record<string, number> | null
}

export async function createFund(actor: Actor, input: FundInput, opts: { now?: number } = {}) {
  assertCan(actor, 'manage:mdf')
  const { start, end } = periodDates(input.periodType, input.year, input.part)
  return mutate(
    actor,
    (ctx) => {
      const id = newId()
      const row = { id, name: input.name, periodType: input.periodType, periodStart: start, periodEnd: end, currency: input.currency, budgetMinor: input.budgetMinor, maxSharePct: input.maxSharePct, claimDeadlineDays: input.claimDeadlineDays, accrualBps: input.accrualBps, tierAmounts: input.tierAmounts, createdBy: actor.userId, createdAt: ctx.now, updatedAt: ctx.now }
      ctx.tx.insert(mdfFunds).values(row).run()
      ctx.audit('mdf_fund', id, 'created', null, { name: input.name, periodStart: start, periodEnd: end, currency: input.currency, budgetMinor: input.budgetMinor })
      return id
    },
    opts,
  )
}

export function fundRow(id: string): Fund | null {
  return fundQuery().get({ id }) ?? null
}
const fundQuery = preparedQuery((db) => db.select().from(mdfFunds).where(eq(mdfFunds.id, sql.placeholder('id'))).prepare())

// partners holding an allocation in a fund: counted on the index, not by reading every allocation's id (10,000 a fund at L)
const allocationCountQuery = preparedQuery((db) => db.select({ n: count() }).from(mdfAllocations).where(eq(mdfAllocations.fundId, sql.placeholder('fundId'))).prepare())

/** Funds the actor may see: vendor staff every fund; a partner the funds it holds an allocation in. */
export async function listFunds(actor: Actor): Promise<(Fund & { balances: Balances; partners: number })[]> {
  const scope = scopeOf(actor, 'read:mdf')
  if (!scope) assertCan(actor, 'read:mdf')
  const funds =
    scope === 'any'
      ? db.select().from(mdfFunds).orderBy(desc(mdfFunds.periodStart), asc(mdfFunds.name)).all()
      : db.select({ f: mdfFunds }).from(mdfFunds).innerJoin(mdfAllocations, and(eq(mdfAllocations.fundId, mdfFunds.id), eq(mdfAllocations.orgId, actor.orgId))).orderBy(desc(mdfFunds.periodStart)).all().map((r) => r.f)
  return funds.map((f) => ({ ...f, balances: scope === 'any' ? fundBalances(db, f.id) : balancesOf(db, f.id, actor.orgId), partners: scope === 'any' ? (allocationCountQuery().get({ fundId: f.id })?.n ?? 0) : 1 }))
}

/** One fund with every allocation and its balances (vendor staff). */
export async function getFund(actor: Actor, id: string) {
  // a fund's page is the vendor's: anyone else gets the same 404 as for an id that does not exist
  if (scopeOf(actor, 'read:mdf') !== 'any') throw new NotFound()
  const fund = fundRow(id)
  if (!fund) throw new NotFound()
  const allocations = db.select().from(mdfAllocations).where(eq(mdfAllocations.fundId, id)).all()
  const balances = balancesByOrg(id)
  const names = organisationNames(allocations.map((a) => a.orgId))
  const empty: Balances = { allocated: 0, committed: 0, claimed: 0, paid: 0, available: 0 }
  return {
    fund,
    total: fundBalances(db, id),
    allocations: allocations
      .map((a) => ({ id: a.id, orgId: a.orgId, orgName: names.get(a.orgId)?.name ?? '', tier: names.get(a.orgId)?.tier ?? null, basis: a.basis, balances: balances.get(a.orgId) ?? empty }))
      .sort((a, b) => a.orgName.localeCompare(b.orgName)),
    canManage: scopeOf(actor, 'manage:mdf') === 'any' && !fund.expiredAt,
  }
}

function ensureAllocation(ctx: Ctx, fundId: string, orgId: string, basis: 'manual' | 'tier' | 'accrual') {
  const existing = ctx.tx.select().from(mdfAllocations).where(and(eq(mdfAllocations.fundId, fundId), eq(mdfAllocations.orgId, orgId))).get()
  if (existing) {
    if (existing.basis !== basis) ctx.tx.update(mdfAllocations).set({ basis, updatedAt: ctx.now }).where(eq(mdfAllocations.id, existing.id)).run()
    return existing.id
  }
  const id = newId()
  ctx.tx.insert(mdfAllocations).values({ id, fundId, orgId, basis, createdAt: ctx.now, updatedAt: ctx.now }).run()
  return id
}

/**
 * Sets one partner's allocation to `amountMinor`, in the caller's transaction: the difference is
 * one ledger entry. Refused above the fund's unallocated budget or below what is already committed.
 */
function setAllocation(ctx: Ctx, fund: Fund, orgId: string, amountMinor: number, basis: 'manual' | 'tier' | 'accrual', kind: 'allocate' | 'accrue' = 'allocate') {
  if (fund.expiredAt) throw new ValidationFailed('amount', 'mdf.errors.fundClosed')
  const mine = balancesOf(ctx.tx, fund.id, orgId)
  const delta = amountMinor - mine.allocated
  if (delta === 0) return 0
  if (amountMinor < mine.committed) throw new ValidationFailed('amount', 'mdf.errors.belowCommitted')
  const total = fundBalances(ctx.tx, fund.id)
  if (total.allocated + delta > fund.budgetMinor) throw new ValidationFailed('amount', 'mdf.errors.overBudget')
  ensureAllocation(ctx, fund.id, orgId, basis)
  writeEntry(ctx, { fundId: fund.id, orgId, kind, amountMinor: delta, currency: fund.currency })
  ctx.audit('mdf_allocation', `${fund.id}:${orgId}`, 'allocated', { amountMinor: mine.allocated }, { amountMinor, basis })
  return delta
}

function tellPartner(ctx: Ctx, fund: Fund, orgId: string) {
  for (const userId of activeMembersOf(orgId, ['partner_admin'])) notify(ctx, userId, 'mdf_allocation', { fund: fund.name }, '/mdf')
}

/** A partner manager sets one partner's allocation by hand. */
export async function allocate(actor: Actor, fundId: string, orgId: string, amountMinor: number, opts: { now?: number } = {}) {
  assertCan(actor, 'manage:mdf')
  const fund = fundRow(fundId)
  if (!fund) throw new NotFound()
  const org = organisationNames([orgId]).get(orgId)
  if (!org || !partnerTiers().some((p) => p.id === orgId)) throw new ValidationFailed('orgId', 'mdf.errors.notPartner')
  return mutate(
    actor,
    (ctx) => {
      const delta = setAllocation(ctx, fund, orgId, amountMinor, 'manual')
      if (delta !== 0) tellPartner(ctx, fund, orgId)
      return delta
    },
    opts,
  )
}

/** The tier rule: every active partner whose tier has an amount gets that allocation (one transaction: all or none). */
export async function applyTierRule(actor: Actor, fundId: string, opts: { now?: number } = {}) {
  assertCan(actor, 'manage:mdf')
  const fund = fundRow(fundId)
  if (!fund) throw new NotFound()
  const amounts = fund.tierAmounts ?? {}
  if (!Object.values(amounts).some((v) => v > 0)) throw new ValidationFailed('tierAmounts', 'mdf.errors.noTierRule')
  return mutate(
    actor,
    (ctx) => {
      let changed = 0
      for (const p of partnerTiers()) {
        const amount = amounts[p.tier] ?? 0
        if (amount <= 0) continue
        const mine = balancesOf(ctx.tx, fund.id, p.id)
        // the rule raises an allocation to its tier's amount, never lowers one set higher by hand
        if (mine.allocated >= amount) continue
        if (setAllocation(ctx, fund, p.id, amount, 'tier') !== 0) {
          changed++
          tellPartner(ctx, fund, p.id)
        }
      }
      return { changed }
    },
    opts,
  )
}

/**
 * Accrual: `accrualBps` of each partner's closed-won partner-sourced revenue in the fund's period
 * (so far) flows into its allocation; only the growth since the last run is added, and never past
 * the fund's budget (the last partners are capped at what is left).
 */
export async function runAccrual(who: Actor | null, fundId: string, opts: { now?: number } = {}) {
  if (who) assertCan(who, 'manage:mdf')
  const fund = fundRow(fundId)
  if (!fund) throw new NotFound()
  if (!fund.accrualBps || fund.expiredAt) return { accrued: 0, partners: 0 }
  const from = jakartaMidnight(fund.periodStart)
  const to = Math.min(jakartaMidnight(addDays(fund.periodEnd, 1)), opts.now ?? Date.now())
  const earned = new Map<string, number>()
  for (const p of partnerTiers()) {
    const revenue = await partnerRevenueWon(p.id, from, to, fund.currency)
    const due = Math.floor((revenue * fund.accrualBps) / 10_000)
    if (due > 0) earned.set(p.id, due)
  }
  return mutate(
    who,
    (ctx) => {
      let accrued = 0
      let partners = 0
      for (const [orgId, due] of earned) {
        const already = ctx.tx
          .select({ amount: mdfLedger.amountMinor })
          .from(mdfLedger)
          .where(and(eq(mdfLedger.fundId, fund.id), eq(mdfLedger.orgId, orgId), eq(mdfLedger.kind, 'accrue')))
          .all()
          .reduce((s, r) => s + r.amount, 0)
        const room = fund.budgetMinor - fundBalances(ctx.tx, fund.id).allocated
        const add = Math.min(due - already, room)
        if (add <= 0) continue
        const mine = balancesOf(ctx.tx, fund.id, orgId)
        setAllocation(ctx, fund, orgId, mine.allocated + add, 'accrual', 'accrue')
        accrued += add
        partners++
      }
      return { accrued, partners }
    },
    opts,
  )
}

/** The job: accrual for every open fund with an accrual rule. */
export async function accrueAllFunds(now = Date.now()) {
  let accrued = 0
  for (const fund of db.select().from(mdfFunds).where(isNull(mdfFunds.expiredAt)).all()) {
    if (fund.accrualBps && fund.periodStart <= jakartaToday(now)) accrued += (await runAccrual(null, fund.id, { now })).accrued
  }
  return { accrued }
}

/**
 * The job: a fund whose period has ended expires — every partner's unused available balance
 * becomes an `expire` entry (visible in the ledger and on the fund's page). Money committed to
 * approved activities stays committed for their claims; what a later decision releases expires
 * on the next run.
 */
export async function expireFunds(now = Date.now()) {
  const today = jakartaToday(now)
  let expired = 0
  let amount = 0
  const due = db.select().from(mdfFunds).where(lte(mdfFunds.periodEnd, addDays(today, -1))).all()
  for (const fund of due) {
    await mutate(
      null,
      (ctx) => {
        const first = !fund.expiredAt
        if (first) {
          ctx.tx.update(mdfFunds).set({ expiredAt: ctx.now, updatedAt: ctx.now }).where(eq(mdfFunds.id, fund.id)).run()
          ctx.audit('mdf_fund', fund.id, 'expired', null, { periodEnd: fund.periodEnd })
          expired++
        }
        for (const [orgId, b] of balancesByOrg(fund.id)) {
          if (b.available <= 0) continue
          writeEntry(ctx, { fundId: fund.id, orgId, kind: 'expire', amountMinor: b.available, currency: fund.currency, note: fund.periodEnd })
          amount += b.available
          if (first) for (const userId of activeMembersOf(orgId, ['partner_admin'])) notify(ctx, userId, 'mdf_expired', { fund: fund.name }, '/mdf')
        }
      },
      { now },
    )
  }
  return { expired, amount }
}

/** Partners the allocation form offers. */
export function partnerChoices(): { id: string; name: string; tier: string }[] {
  const tiers = partnerTiers()
  const names = organisationNames(tiers.map((t) => t.id))
  return tiers.map((t) => ({ id: t.id, name: names.get(t.id)?.name ?? '', tier: t.tier })).sort((a, b) => a.name.localeCompare(b.name))
}

/**
 * The burn-down of one fund: allocated, committed, claimed and paid at the end of each day that
 * moved money, from the ledger (so it is exact and needs no snapshots).
 */
export function burnDown(fundId: string): { date: string; allocated: number; committed: number; claimed: number; paid: number }[] {
  const rows = db.select({ kind: mdfLedger.kind, amount: mdfLedger.amountMinor, at: mdfLedger.createdAt }).from(mdfLedger).where(eq(mdfLedger.fundId, fundId)).orderBy(asc(mdfLedger.createdAt)).all()
  const series: { date: string; allocated: number; committed: number; claimed: number; paid: number }[] = []
  const run = { allocated: 0, committed: 0, claimed: 0, paid: 0 }
  for (const r of rows) {
    if (r.kind === 'allocate' || r.kind === 'accrue') run.allocated += r.amount
    else if (r.kind === 'expire') run.allocated -= r.amount
    else if (r.kind === 'commit') run.committed += r.amount
    else if (r.kind === 'release') run.committed -= r.amount
    else if (r.kind === 'approve_claim') run.claimed += r.amount
    else if (r.kind === 'pay') run.paid += r.amount
    else if (r.kind === 'reverse') run.paid -= r.amount
    const date = jakartaToday(r.at)
    const last = series[series.length - 1]
    if (last?.date === date) Object.assign(last, run)
    else series.push({ date, ...run })
  }
  return series
}

/** Who hears about MDF work waiting for the vendor. */
export function mdfApprovers(): string[] {
  return usersHolding('approve:mdf:any')
}
