import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, updatedAt } from './_columns'
import { organisations, users } from './orgs'
import { ACTIVITY_TYPES, ALLOCATION_BASES, CLAIM_STATUSES, LEDGER_KINDS, PAYOUT_METHODS, PERIOD_TYPES, REQUEST_STATUSES } from '../../app/modules/mdf/mdf.machine'

/** A budget for one period (quarter, half, year) in one currency. */
export const mdfFunds = sqliteTable('mdf_funds', {
  id: id(),
  name: text('name').notNull(),
  periodType: text('period_type', { enum: PERIOD_TYPES }).notNull(),
  // first and last day of the period, inclusive, as calendar dates (Asia/Jakarta)
  periodStart: text('period_start').notNull(),
  periodEnd: text('period_end').notNull(),
  currency: text('currency').notNull().default('IDR'),
  budgetMinor: integer('budget_minor').notNull(),
  // the largest share of an activity's cost the programme reimburses, in percent
  maxSharePct: integer('max_share_pct').notNull().default(50),
  claimDeadlineDays: integer('claim_deadline_days').notNull().default(60),
  // accrual rule: basis points of closed-won partner-sourced revenue in the period (null: no accrual)
  accrualBps: integer('accrual_bps'),
  // tier rule: an amount per tier, minor units ({"gold": 50000000, …})
  tierAmounts: text('tier_amounts', { mode: 'json' }).$type<Record<string, number>>(),
  expiredAt: integer('expired_at'),
  createdBy: text('created_by').references(() => users.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
})

/** One partner's share of a fund. The amount lives in the ledger. */
export const mdfAllocations = sqliteTable(
  'mdf_allocations',
  {
    id: id(),
    fundId: text('fund_id')
      .notNull()
      .references(() => mdfFunds.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    basis: text('basis', { enum: ALLOCATION_BASES }).notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mdf_allocations_fund_org').on(t.fundId, t.orgId), index('mdf_allocations_org').on(t.orgId)],
)

export const mdfRequests = sqliteTable(
  'mdf_requests',
  {
    id: id(),
    number: integer('number').notNull(),
    fundId: text('fund_id')
      .notNull()
      .references(() => mdfFunds.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: REQUEST_STATUSES }).notNull().default('draft'),
    activityType: text('activity_type', { enum: ACTIVITY_TYPES }).notNull(),
    title: text('title').notNull(),
    description: text('description').notNull(),
    startsOn: text('starts_on').notNull(),
    endsOn: text('ends_on').notNull(),
    expectedLeads: integer('expected_leads').notNull().default(0),
    expectedPipelineMinor: integer('expected_pipeline_minor').notNull().default(0),
    currency: text('currency').notNull(),
    costMinor: integer('cost_minor').notNull(),
    requestedMinor: integer('requested_minor').notNull(),
    approvedMinor: integer('approved_minor'),
    question: text('question'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    submittedAt: integer('submitted_at'),
    // the last day a claim may be filed (activity end + the fund's claim deadline days)
    claimDueOn: text('claim_due_on'),
    reminderSent: integer('reminder_sent'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('mdf_requests_org_status').on(t.orgId, t.status),
    index('mdf_requests_status_submitted').on(t.status, t.submittedAt),
    index('mdf_requests_fund').on(t.fundId),
    uniqueIndex('mdf_requests_number').on(t.number),
    // the requests list's default order (newest first, then by number), for vendor staff and for one partner: read
    // off the index a page at a time instead of sorting every request (22,000 at the bench's L scale)
    index('mdf_requests_created').on(t.createdAt, t.number),
    index('mdf_requests_org_created').on(t.orgId, t.createdAt, t.number),
  ],
)

export const mdfClaims = sqliteTable(
  'mdf_claims',
  {
    id: id(),
    requestId: text('request_id')
      .notNull()
      .references(() => mdfRequests.id),
    fundId: text('fund_id')
      .notNull()
      .references(() => mdfFunds.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    createdBy: text('created_by')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: CLAIM_STATUSES }).notNull().default('submitted'),
    currency: text('currency').notNull(),
    actualCostMinor: integer('actual_cost_minor').notNull(),
    claimedMinor: integer('claimed_minor').notNull(),
    approvedMinor: integer('approved_minor'),
    leads: integer('leads').notNull().default(0),
    attendees: integer('attendees').notNull().default(0),
    pipelineMinor: integer('pipeline_minor').notNull().default(0),
    notes: text('notes'),
    question: text('question'),
    decisionReason: text('decision_reason'),
    decidedBy: text('decided_by').references(() => users.id),
    decidedAt: integer('decided_at'),
    submittedAt: integer('submitted_at').notNull(),
    payoutMethod: text('payout_method', { enum: PAYOUT_METHODS }),
    payoutReference: text('payout_reference'),
    // how many Stripe payouts were started (the idempotency key's suffix: a retry after a failure is a new transfer)
    payoutAttempts: integer('payout_attempts').notNull().default(0),
    payoutError: text('payout_error'),
    paidAt: integer('paid_at'),
    paidBy: text('paid_by').references(() => users.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('mdf_claims_request').on(t.requestId), index('mdf_claims_org').on(t.orgId), index('mdf_claims_status_submitted').on(t.status, t.submittedAt)],
)

/** Proof of performance: invoices, photos, PDFs, stored under generated names outside the web root. */
export const mdfClaimFiles = sqliteTable(
  'mdf_claim_files',
  {
    id: id(),
    claimId: text('claim_id')
      .notNull()
      .references(() => mdfClaims.id),
    uploadId: text('upload_id').notNull(),
    fileName: text('file_name').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [index('mdf_claim_files_claim').on(t.claimId)],
)

/**
 * Every movement of money. Balances are sums of these rows; no amount is ever edited in place.
 * Amounts are signed minor units (an allocation lowered by hand is a negative `allocate`).
 */
export const mdfLedger = sqliteTable(
  'mdf_ledger',
  {
    id: id(),
    fundId: text('fund_id')
      .notNull()
      .references(() => mdfFunds.id),
    orgId: text('org_id')
      .notNull()
      .references(() => organisations.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    requestId: text('request_id').references(() => mdfRequests.id),
    claimId: text('claim_id').references(() => mdfClaims.id),
    actorId: text('actor_id').references(() => users.id),
    note: text('note'),
    createdAt: createdAt(),
  },
  (t) => [index('mdf_ledger_org_fund').on(t.orgId, t.fundId, t.kind), index('mdf_ledger_fund_time').on(t.fundId, t.createdAt)],
)

/**
 * Each fund's ledger summed per kind, maintained by `writeEntry` (the ledger's only writer) in the same
 * transaction as the entry: the funds list reads a few rows instead of summing every entry of every fund.
 * The reconciliation job checks it against the ledger itself; the 0020 migration backfilled it.
 */
export const mdfFundTotals = sqliteTable(
  'mdf_fund_totals',
  {
    fundId: text('fund_id')
      .notNull()
      .references(() => mdfFunds.id),
    kind: text('kind', { enum: LEDGER_KINDS }).notNull(),
    totalMinor: integer('total_minor').notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.fundId, t.kind] })],
)

/** The Stripe Connect account a partner is paid into (entered by its admin). */
export const mdfPayoutAccounts = sqliteTable('mdf_payout_accounts', {
  orgId: text('org_id')
    .primaryKey()
    .references(() => organisations.id),
  stripeAccountId: text('stripe_account_id').notNull(),
  updatedBy: text('updated_by').references(() => users.id),
  updatedAt: updatedAt(),
})

/** Every Stripe event applied, by its id: a replayed or duplicated delivery changes nothing. */
export const mdfStripeEvents = sqliteTable('mdf_stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  claimId: text('claim_id'),
  receivedAt: integer('received_at').notNull(),
})

/** A Stripe transfer started for a claim (several when one failed and was retried). */
export const mdfTransfers = sqliteTable(
  'mdf_transfers',
  {
    id: text('id').primaryKey(),
    claimId: text('claim_id')
      .notNull()
      .references(() => mdfClaims.id),
    amountMinor: integer('amount_minor').notNull(),
    currency: text('currency').notNull(),
    status: text('status', { enum: ['created', 'reversed', 'failed'] }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('mdf_transfers_claim').on(t.claimId)],
)
