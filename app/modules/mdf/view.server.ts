// What the MDF pages read: one request with its claim, files, balances and the actions open to
// the reader; a partner's balances; the vendor's overview.
import { and, eq, isNull, sql } from 'drizzle-orm'
import { mdfAllocations, mdfFunds, mdfLedger } from '../../../db/schema/mdf'
import { db, preparedQuery } from '../../utils/db.server'
import { NotFound } from '../../utils/errors'
import { scopeOf, type Actor } from '../auth/actor'
import { organisationNames, userNames } from '../orgs/orgs.server'
import { claimFiles, claimOfRequest, maxClaimFileBytes, pendingClaimCount } from './claims.server'
import { fundRow, jakartaToday } from './funds.server'
import { balancesFromSums, balancesOf } from './ledger.server'
import { claimMachine, requestMachine, type Balances, type LedgerKind } from './mdf.machine'
import { payoutAccountOf, payoutOptions } from './payouts.server'
import { findRequest, pendingRequestCount, requestNumber, shareCap } from './requests.server'

/** Who reads a request: its partner (own organisation), a manager (decides), or both for an admin. */
function partsOf(actor: Actor, orgId: string): ('partner' | 'manager')[] {
  const parts: ('partner' | 'manager')[] = []
  if (scopeOf(actor, 'request:mdf') === 'own_org' && actor.orgId === orgId) parts.push('partner')
  if (scopeOf(actor, 'approve:mdf') === 'any') parts.push('manager')
  return parts
}

/**
 * One request as its page shows it. Fields are listed, never spread from the row: the page's loader
 * data is as visible as the page, so a partner must not receive vendor staff's user ids, bookkeeping
 * (reminders sent, payout attempts) or a payment provider's raw error (finance alone reads that).
 */
export async function getRequest(actor: Actor, id: string) {
  const r = findRequest(actor, id)
  const fund = fundRow(r.fundId)!
  const claim = claimOfRequest(r.id)
  const parts = partsOf(actor, r.orgId)
  const isPartner = parts.includes('partner')
  const names = userNames([r.createdBy, r.decidedBy, claim?.decidedBy, claim?.createdBy])
  const today = jakartaToday()
  const canClaim = isPartner && r.status === 'approved' && !claim && today >= r.endsOn && (!r.claimDueOn || today <= r.claimDueOn)
  const payout = claim ? payoutOptions(actor, claim) : null
  return {
    request: {
      id: r.id,
      orgId: r.orgId,
      fundId: r.fundId,
      status: r.status,
      activityType: r.activityType,
      title: r.title,
      description: r.description,
      startsOn: r.startsOn,
      endsOn: r.endsOn,
      expectedLeads: r.expectedLeads,
      expectedPipelineMinor: r.expectedPipelineMinor,
      currency: r.currency,
      costMinor: r.costMinor,
      requestedMinor: r.requestedMinor,
      approvedMinor: r.approvedMinor,
      question: r.question,
      decisionReason: r.decisionReason,
      decidedAt: r.decidedAt,
      submittedAt: r.submittedAt,
      claimDueOn: r.claimDueOn,
      createdAt: r.createdAt,
      numberText: requestNumber(r.number),
      orgName: organisationNames([r.orgId]).get(r.orgId)?.name ?? '',
      createdByName: names.get(r.createdBy) ?? '',
      decidedByName: r.decidedBy ? (names.get(r.decidedBy) ?? null) : null,
      shareCapMinor: shareCap(r.costMinor, fund.maxSharePct),
    },
    fund: { id: fund.id, name: fund.name, maxSharePct: fund.maxSharePct, periodStart: fund.periodStart, periodEnd: fund.periodEnd, claimDeadlineDays: fund.claimDeadlineDays, expired: Boolean(fund.expiredAt) },
    balances: balancesOf(db, r.fundId, r.orgId),
    actions: requestMachine.allowed(r.status, parts),
    canEdit: isPartner && (r.status === 'draft' || r.status === 'returned'),
    canClaim,
    claimOpensOn: r.status === 'approved' && !claim && today < r.endsOn ? r.endsOn : null,
    maxUploadMb: Math.round(maxClaimFileBytes() / 1024 / 1024),
    claim:
      claim && payout
        ? {
            id: claim.id,
            status: claim.status,
            currency: claim.currency,
            actualCostMinor: claim.actualCostMinor,
            claimedMinor: claim.claimedMinor,
            approvedMinor: claim.approvedMinor,
            leads: claim.leads,
            attendees: claim.attendees,
            pipelineMinor: claim.pipelineMinor,
            notes: claim.notes,
            question: claim.question,
            decisionReason: claim.decisionReason,
            decidedAt: claim.decidedAt,
            submittedAt: claim.submittedAt,
            payoutMethod: claim.payoutMethod,
            payoutReference: claim.payoutReference,
            paidAt: claim.paidAt,
            // a payment that did not go through: everyone sees that it failed, only finance why
            payoutFailed: Boolean(claim.payoutError),
            payoutError: payout.canPay ? claim.payoutError : null,
            decidedByName: claim.decidedBy ? (names.get(claim.decidedBy) ?? null) : null,
            createdByName: names.get(claim.createdBy) ?? '',
            files: claimFiles(claim.id).map((f) => ({ id: f.id, fileName: f.fileName, size: f.size, mime: f.mime, createdAt: f.createdAt })),
            actions: claimMachine.allowed(claim.status, parts).filter((e) => e !== 'resubmit'),
            canResubmit: isPartner && claim.status === 'returned',
            payout,
            maxClaimMinor: Math.min(r.approvedMinor ?? 0, shareCap(claim.actualCostMinor, fund.maxSharePct)),
          }
        : null,
  }
}

// a partner home's reads, built once (issue 10)
const heldFundsQuery = preparedQuery((db) =>
  db
    .select({ id: mdfFunds.id, name: mdfFunds.name, currency: mdfFunds.currency, periodStart: mdfFunds.periodStart, periodEnd: mdfFunds.periodEnd, expiredAt: mdfFunds.expiredAt })
    .from(mdfFunds)
    .innerJoin(mdfAllocations, and(eq(mdfAllocations.fundId, mdfFunds.id), eq(mdfAllocations.orgId, sql.placeholder('orgId'))))
    .prepare(),
)
const ledgerSumsQuery = preparedQuery((db) =>
  db
    .select({ fundId: mdfLedger.fundId, kind: mdfLedger.kind, total: sql<number>`sum(${mdfLedger.amountMinor})` })
    .from(mdfLedger)
    .where(eq(mdfLedger.orgId, sql.placeholder('orgId')))
    .groupBy(mdfLedger.fundId, mdfLedger.kind)
    .prepare(),
)

/** A partner's balances in every fund it holds an allocation in, and the total per currency. */
export async function mdfBalancesFor(actor: Actor, orgId: string) {
  const scope = scopeOf(actor, 'read:mdf')
  if (!scope || (scope !== 'any' && orgId !== actor.orgId)) return null
  const funds = heldFundsQuery().all({ orgId })
  if (!funds.length) return { funds: [], totals: [] as { currency: string; balances: Balances }[] }
  // the org's ledger per fund and kind (its rows are all in funds it holds an allocation in; others are left out below)
  const byFund = new Map<string, Partial<Record<LedgerKind, number>>>()
  for (const s of ledgerSumsQuery().all({ orgId })) byFund.set(s.fundId, { ...byFund.get(s.fundId), [s.kind]: Number(s.total) })
  const rows = funds
    .map((f) => ({ ...f, expired: Boolean(f.expiredAt), balances: balancesFromSums(byFund.get(f.id) ?? {}) }))
    .sort((a, b) => (a.expired === b.expired ? b.periodStart.localeCompare(a.periodStart) : a.expired ? 1 : -1))
  const totals = new Map<string, Balances>()
  for (const f of rows.filter((r) => !r.expired)) {
    const t = totals.get(f.currency) ?? { allocated: 0, committed: 0, claimed: 0, paid: 0, available: 0 }
    for (const k of Object.keys(t) as (keyof Balances)[]) t[k] += f.balances[k]
    totals.set(f.currency, t)
  }
  return { funds: rows, totals: [...totals].map(([currency, balances]) => ({ currency, balances })) }
}

/** Funds open for new requests to this partner (allocation held, period not over). */
export function openFundsFor(orgId: string) {
  const today = jakartaToday()
  return db
    .select({ id: mdfFunds.id, name: mdfFunds.name, currency: mdfFunds.currency, maxSharePct: mdfFunds.maxSharePct, periodStart: mdfFunds.periodStart, periodEnd: mdfFunds.periodEnd })
    .from(mdfFunds)
    .innerJoin(mdfAllocations, and(eq(mdfAllocations.fundId, mdfFunds.id), eq(mdfAllocations.orgId, orgId)))
    .where(and(isNull(mdfFunds.expiredAt), sql`${mdfFunds.periodEnd} >= ${today}`))
    .all()
    .map((f) => ({ ...f, available: balancesOf(db, f.id, orgId).available }))
}

/** The partner admin's payout settings. */
export async function payoutSettings(actor: Actor) {
  if (scopeOf(actor, 'manage:payout_account') !== 'own_org') throw new NotFound()
  const account = payoutAccountOf(actor.orgId)
  return { account }
}

/** Leads the partner reported on approved claims of activities in [from, to) (plans' "MDF-funded leads"). */
export async function mdfFundedLeads(orgId: string, fromMs: number, toMs: number): Promise<number> {
  const from = jakartaToday(fromMs)
  const to = jakartaToday(toMs - 1)
  const row = db.get<{ n: number | null }>(sql`select sum(c.leads) as n from mdf_claims c join mdf_requests r on r.id = c.request_id
    where c.org_id = ${orgId} and c.status in ('approved','paying','paid') and r.ends_on >= ${from} and r.ends_on <= ${to}`)
  return Number(row?.n ?? 0)
}


/** How much waits for a manager: the MDF page's headline for vendor staff. */
export async function mdfQueueCounts(actor: Actor) {
  if (scopeOf(actor, 'approve:mdf') !== 'any') return null
  return { requests: pendingRequestCount(), claims: pendingClaimCount() }
}
