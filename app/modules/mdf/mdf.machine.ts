import { defineMachine } from '../../kit/machine'

// The MDF module's workflows and vocabularies (browser-safe: pages label their buttons from them).

export const ACTIVITY_TYPES = ['event', 'webinar', 'digital_campaign', 'trade_show', 'print', 'training', 'other'] as const
export type ActivityType = (typeof ACTIVITY_TYPES)[number]

export const PERIOD_TYPES = ['quarter', 'half', 'year'] as const
export type PeriodType = (typeof PERIOD_TYPES)[number]

export const ALLOCATION_BASES = ['manual', 'tier', 'accrual'] as const

/** A request for funds, before the activity. */
export const REQUEST_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'lapsed'] as const
export type RequestStatus = (typeof REQUEST_STATUSES)[number]
export type RequestPart = 'partner' | 'manager' | 'system'

export const requestMachine = defineMachine({
  statuses: REQUEST_STATUSES,
  transitions: {
    submit: { from: ['draft', 'returned'], to: 'submitted', by: 'partner' },
    withdraw: { from: ['draft', 'submitted', 'returned'], to: 'withdrawn', by: 'partner' },
    approve: { from: ['submitted'], to: 'approved', by: 'manager' },
    reject: { from: ['submitted'], to: 'rejected', by: 'manager' },
    return: { from: ['submitted'], to: 'returned', by: 'manager' },
    // the claim deadline passed with no claim: the commitment goes back to the allocation
    lapse: { from: ['approved'], to: 'lapsed', by: 'system' },
  },
})
export type RequestEvent = (typeof requestMachine.events)[number]

/** A claim for reimbursement, after the activity, with proof of performance. */
export const CLAIM_STATUSES = ['submitted', 'returned', 'approved', 'rejected', 'paying', 'paid'] as const
export type ClaimStatus = (typeof CLAIM_STATUSES)[number]
export type ClaimPart = 'partner' | 'manager' | 'finance' | 'system'

export const claimMachine = defineMachine({
  statuses: CLAIM_STATUSES,
  transitions: {
    resubmit: { from: ['returned'], to: 'submitted', by: 'partner' },
    approve: { from: ['submitted'], to: 'approved', by: 'manager' },
    reject: { from: ['submitted'], to: 'rejected', by: 'manager' },
    return: { from: ['submitted'], to: 'returned', by: 'manager' },
    // a Stripe transfer is on its way (the claim is locked against a second payout meanwhile)
    startPayout: { from: ['approved'], to: 'paying', by: 'finance' },
    pay: { from: ['approved', 'paying'], to: 'paid', by: 'finance' },
    payoutFailed: { from: ['paying'], to: 'approved', by: 'system' },
    // Stripe reversed (or failed) a transfer already counted as paid: owed again
    reverse: { from: ['paid'], to: 'approved', by: 'system' },
  },
})
export type ClaimEvent = (typeof claimMachine.events)[number]

/** Ledger entry kinds. Balances are sums of these; nothing is edited in place. */
export const LEDGER_KINDS = ['allocate', 'accrue', 'commit', 'release', 'approve_claim', 'pay', 'expire', 'reverse'] as const
export type LedgerKind = (typeof LEDGER_KINDS)[number]

export const PAYOUT_METHODS = ['stripe', 'manual'] as const
export type PayoutMethod = (typeof PAYOUT_METHODS)[number]

/** Balances of one partner in one fund (or summed), minor units. */
export type Balances = { allocated: number; committed: number; claimed: number; paid: number; available: number }

export const DEFAULT_SHARE_PCT = 50
export const DEFAULT_CLAIM_DAYS = 60
