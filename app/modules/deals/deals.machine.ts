// The deal-registration workflow as one table. Every status change goes through
// transition(), so an illegal move is refused in one place with a clear error.
export const DEAL_STATUSES = ['draft', 'submitted', 'returned', 'approved', 'rejected', 'withdrawn', 'converted', 'expired'] as const
export type DealStatus = (typeof DEAL_STATUSES)[number]

export const DEAL_EVENTS = ['submit', 'approve', 'reject', 'return', 'resubmit', 'withdraw', 'convert', 'expire'] as const
export type DealEvent = (typeof DEAL_EVENTS)[number]

const TRANSITIONS: Record<DealStatus, Partial<Record<DealEvent, DealStatus>>> = {
  draft: { submit: 'submitted', withdraw: 'withdrawn' },
  submitted: { approve: 'approved', reject: 'rejected', return: 'returned', withdraw: 'withdrawn' },
  returned: { resubmit: 'submitted', withdraw: 'withdrawn' },
  approved: { convert: 'converted', expire: 'expired', withdraw: 'withdrawn' },
  rejected: {},
  withdrawn: {},
  converted: {},
  expired: {},
}

export class IllegalDealTransition extends Error {
  constructor(
    public readonly from: DealStatus,
    public readonly event: DealEvent,
  ) {
    super(`cannot ${event} a registration that is ${from}`)
  }
}

export function canTransition(from: DealStatus, event: DealEvent): boolean {
  return TRANSITIONS[from][event] !== undefined
}

export function nextStatus(from: DealStatus, event: DealEvent): DealStatus {
  const to = TRANSITIONS[from][event]
  if (!to) throw new IllegalDealTransition(from, event)
  return to
}

/** Statuses in which a registration still claims the customer (conflict checks look at these). */
export const OPEN_STATUSES: readonly DealStatus[] = ['submitted', 'returned', 'approved']
/** Statuses the partner may still edit. */
export const EDITABLE_STATUSES: readonly DealStatus[] = ['draft', 'returned']
