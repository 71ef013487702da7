// The MDF ledger: every movement of money is one row; balances are sums of rows, never a column
// edited in place. The rules that keep money honest live here, beside the only writer of rows.
// A fund's sums per kind are also kept in mdf_fund_totals, added to with each entry in the same
// transaction, so the funds list does not sum every entry; the reconciliation checks them against the rows.
import { and, eq, inArray, sql } from 'drizzle-orm'
import { mdfClaims, mdfFundTotals, mdfFunds, mdfLedger } from '../../../db/schema/mdf'
import type { Ctx } from '../../kit/mutate.server'
import { db, preparedQuery, readVia, type DbOrTx } from '../../utils/db.server'
import { newId } from '../../utils/ids'
import type { Balances, LedgerKind } from './mdf.machine'

export type LedgerEntry = typeof mdfLedger.$inferSelect

/** Writes one entry in the caller's transaction. */
export function writeEntry(ctx: Ctx, e: { fundId: string; orgId: string; kind: LedgerKind; amountMinor: number; currency: string; requestId?: string | null; claimId?: string | null; note?: string | null }) {
  if (!Number.isSafeInteger(e.amountMinor)) throw new Error('ledger amounts are integer minor units')
  if (e.amountMinor === 0) return
  ctx.tx
    .insert(mdfLedger)
    .values({ id: newId(), fundId: e.fundId, orgId: e.orgId, kind: e.kind, amountMinor: e.amountMinor, currency: e.currency, requestId: e.requestId ?? null, claimId: e.claimId ?? null, actorId: ctx.actor?.userId ?? null, note: e.note ?? null, createdAt: ctx.now })
    .run()
  ctx.tx
    .insert(mdfFundTotals)
    .values({ fundId: e.fundId, kind: e.kind, totalMinor: e.amountMinor })
    .onConflictDoUpdate({ target: [mdfFundTotals.fundId, mdfFundTotals.kind], set: { totalMinor: sql`${mdfFundTotals.totalMinor} + excluded.total_minor` } })
    .run()
}

type Sums = Partial<Record<LedgerKind, number>>

export function balancesFromSums(s: Sums): Balances {
  const v = (k: LedgerKind) => s[k] ?? 0
  const allocated = v('allocate') + v('accrue') - v('expire')
  const committed = v('commit') - v('release')
  const claimed = v('approve_claim')
  const paid = v('pay') - v('reverse')
  return { allocated, committed, claimed, paid, available: allocated - committed }
}

function sumsWhere(tx: DbOrTx, where: ReturnType<typeof and>): Sums {
  const rows = tx.select({ kind: mdfLedger.kind, total: sql<number>`sum(${mdfLedger.amountMinor})` }).from(mdfLedger).where(where).groupBy(mdfLedger.kind).all()
  return Object.fromEntries(rows.map((r) => [r.kind, Number(r.total)]))
}

/** One partner's balances in one fund, read in the caller's transaction (or outside one). */
export function balancesOf(tx: DbOrTx, fundId: string, orgId: string): Balances {
  return balancesFromSums(sumsWhere(tx, and(eq(mdfLedger.fundId, fundId), eq(mdfLedger.orgId, orgId))))
}

/** A whole fund's balances (every partner), from its maintained totals. */
export function fundBalances(tx: DbOrTx, fundId: string): Balances {
  const rows = readVia(tx, () => fundTotalsQuery().all({ fundId }), (t) => t.select(totalColumns).from(mdfFundTotals).where(eq(mdfFundTotals.fundId, fundId)).all())
  return balancesFromSums(Object.fromEntries(rows.map((r) => [r.kind, r.total])))
}
const totalColumns = { kind: mdfFundTotals.kind, total: mdfFundTotals.totalMinor }
const fundTotalsQuery = preparedQuery((db) => db.select(totalColumns).from(mdfFundTotals).where(eq(mdfFundTotals.fundId, sql.placeholder('fundId'))).prepare())

/** Every partner's balances in one fund, keyed by organisation. */
export function balancesByOrg(fundId: string): Map<string, Balances> {
  const rows = db
    .select({ orgId: mdfLedger.orgId, kind: mdfLedger.kind, total: sql<number>`sum(${mdfLedger.amountMinor})` })
    .from(mdfLedger)
    .where(eq(mdfLedger.fundId, fundId))
    .groupBy(mdfLedger.orgId, mdfLedger.kind)
    .all()
  const sums = new Map<string, Sums>()
  for (const r of rows) sums.set(r.orgId, { ...sums.get(r.orgId), [r.kind]: Number(r.total) })
  return new Map([...sums].map(([org, s]) => [org, balancesFromSums(s)]))
}

/** Entries of one kind minus entries of another, over one request's or one claim's rows. */
function net(tx: DbOrTx, on: 'request' | 'claim', id: string, plus: LedgerKind, minus: LedgerKind): number {
  const column = on === 'request' ? mdfLedger.requestId : mdfLedger.claimId
  const rows = tx
    .select({ kind: mdfLedger.kind, total: sql<number>`sum(${mdfLedger.amountMinor})` })
    .from(mdfLedger)
    .where(and(eq(column, id), inArray(mdfLedger.kind, [plus, minus])))
    .groupBy(mdfLedger.kind)
    .all()
  const m = new Map(rows.map((r) => [r.kind, Number(r.total)]))
  return (m.get(plus) ?? 0) - (m.get(minus) ?? 0)
}

/** The amount still committed to one request (commitments minus releases). */
export function committedToRequest(tx: DbOrTx, requestId: string): number {
  return net(tx, 'request', requestId, 'commit', 'release')
}

/** What has been paid on one claim (payments minus reversals). */
export function paidOnClaim(tx: DbOrTx, claimId: string): number {
  return net(tx, 'claim', claimId, 'pay', 'reverse')
}

export type ReconcileProblem = { fundId: string; orgId: string | null; claimId?: string; rule: string; detail: string }

/**
 * Checks the ledger's invariants over every fund and partner: available never negative, payments
 * never above approved claims, approved claims never above commitments, a fund's allocations never
 * above its budget, and each claim's payments matching its status. Runs in tests after every
 * scenario and as a job that alerts administrators.
 */
export function reconcileLedger(): ReconcileProblem[] {
  const problems: ReconcileProblem[] = []
  const funds = db.select().from(mdfFunds).all()
  for (const fund of funds) {
    // the invariants on the ledger's own sums; the maintained totals must equal them, kind by kind
    const sums = sumsWhere(db, eq(mdfLedger.fundId, fund.id))
    const total = balancesFromSums(sums)
    const kept = new Map(fundTotalsQuery().all({ fundId: fund.id }).map((r) => [r.kind, r.total]))
    for (const kind of new Set([...Object.keys(sums), ...kept.keys()]) as Set<LedgerKind>) {
      if ((sums[kind] ?? 0) !== (kept.get(kind) ?? 0)) problems.push({ fundId: fund.id, orgId: null, rule: 'fund_totals_match_ledger', detail: `${kind}: kept ${kept.get(kind) ?? 0}, ledger ${sums[kind] ?? 0}` })
    }
    if (total.allocated > fund.budgetMinor) problems.push({ fundId: fund.id, orgId: null, rule: 'allocated_within_budget', detail: `${total.allocated} > ${fund.budgetMinor}` })
    for (const [orgId, b] of balancesByOrg(fund.id)) {
      if (b.available < 0) problems.push({ fundId: fund.id, orgId, rule: 'available_not_negative', detail: String(b.available) })
      if (b.paid < 0) problems.push({ fundId: fund.id, orgId, rule: 'paid_not_negative', detail: String(b.paid) })
      if (b.paid > b.claimed) problems.push({ fundId: fund.id, orgId, rule: 'paid_within_claimed', detail: `${b.paid} > ${b.claimed}` })
      if (b.claimed > b.committed) problems.push({ fundId: fund.id, orgId, rule: 'claimed_within_committed', detail: `${b.claimed} > ${b.committed}` })
    }
  }
  for (const claim of db.select({ id: mdfClaims.id, fundId: mdfClaims.fundId, orgId: mdfClaims.orgId, status: mdfClaims.status, approvedMinor: mdfClaims.approvedMinor }).from(mdfClaims).all()) {
    const paid = paidOnClaim(db, claim.id)
    const expected = claim.status === 'paid' ? (claim.approvedMinor ?? 0) : 0
    if (paid !== expected) problems.push({ fundId: claim.fundId, orgId: claim.orgId, claimId: claim.id, rule: 'claim_paid_matches_status', detail: `${claim.status}: paid ${paid}, expected ${expected}` })
  }
  return problems
}
